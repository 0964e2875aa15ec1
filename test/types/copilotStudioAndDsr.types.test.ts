/**
 * Type tests for Copilot Studio and data-subject requests: capitalized path arguments as the service
 * spells them, downloads typed as `Download`, bodiless calls as `void`, and DSR lists as iterators of
 * free-form records. Checked by `npm run typecheck`; the runtime test only keeps vitest aware of the file.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { Download, PagedAsyncIterableIterator, PowerPlatformClient } from "../../src/index.js";

type FirstArg<F> = F extends (args: infer A, ...rest: never[]) => unknown ? A : never;
type Result<F> = F extends (...args: never[]) => infer R ? R : never;

declare const pp: PowerPlatformClient;

describe("Copilot Studio and DSR types", () => {
  it("are checked by tsc (npm run typecheck); nothing to run", () => {});
});

function copilotStudio(): void {
  expectTypeOf<keyof FirstArg<typeof pp.copilotStudio.bots.setQuarantined>>().toEqualTypeOf<"EnvironmentId" | "BotId" | "abortSignal" | "apiVersion">();
  expectTypeOf<keyof FirstArg<typeof pp.copilotStudio.bots.reassign>>().toEqualTypeOf<"EnvironmentId" | "BotId" | "NewOwnerAadUserId" | "abortSignal" | "apiVersion">();
  expectTypeOf<FirstArg<typeof pp.copilotStudio.bots.downloadChannelManifest>["includeAgentSchema"]>().toEqualTypeOf<boolean | undefined>();
  expectTypeOf<Result<typeof pp.copilotStudio.makerEvaluations.downloadSnapshot>>().toEqualTypeOf<Promise<Download>>();
  expectTypeOf<Result<typeof pp.copilotStudio.bots.downloadChannelManifest>>().toEqualTypeOf<Promise<Download>>();
  expectTypeOf<Download["content"]>().toEqualTypeOf<Uint8Array>();
  expectTypeOf<Result<typeof pp.copilotStudio.bots.delete>>().toEqualTypeOf<Promise<void>>();
  expectTypeOf<Awaited<Result<typeof pp.copilotStudio.bots.getQuarantine>>["isBotQuarantined"]>().toEqualTypeOf<boolean | undefined>();
  // @ts-expect-error the service's spelling is BotId, not botId
  void pp.copilotStudio.bots.getQuarantine({ EnvironmentId: "e", botId: "b" });
}

function dataSubjectRequests(): void {
  expectTypeOf<Result<typeof pp.dataSubjectRequests.listApprovals>>().toEqualTypeOf<PagedAsyncIterableIterator<Record<string, unknown>>>();
  expectTypeOf<Result<typeof pp.dataSubjectRequests.deleteFlow>>().toEqualTypeOf<Promise<void>>();
  expectTypeOf<keyof FirstArg<typeof pp.dataSubjectRequests.listRunHistoryInEnvironment>>().toEqualTypeOf<
    "environmentId" | "flowId" | "runId" | "continuationToken" | "abortSignal" | "apiVersion"
  >();
}

void copilotStudio;
void dataSubjectRequests;
