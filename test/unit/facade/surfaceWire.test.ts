/**
 * Every facade method of every client, from the surface table alone: called with arguments made from
 * the spec (path values, required query values, the body of the operation's own request example), it sends
 * its operation's method and path with the default api-version. A new operation in a spec is covered
 * here without a line of test code.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { operationTable } from "../../../generated/operations.js";
import { surfaceTable } from "../../../generated/surfaces.js";
import { tableLoaders } from "../../../generated/tableLoaders.js";
import { facadeMethodNames } from "../../../src/client/facadeNames.js";
import type { ClientOptions } from "../../../src/client/options.js";
import type { OperationEntry, SurfaceDetails, SurfaceEntry } from "../../../src/client/tables.js";
import * as sdk from "../../../src/index.js";
import { services } from "../../../src/services/registry.js";
import { loadSpec, operationsOf, resolveRef, type Json, type SpecName } from "../../support/specDocuments.js";
import { BASE_URL, createRecordingServer, staticCredential } from "../../support/recordingServer.js";

const recording = createRecordingServer();
beforeAll(() => recording.server.listen({ onUnhandledRequest: "error" }));
afterEach(() => recording.reset());
afterAll(() => recording.server.close());

const options = { endpoint: BASE_URL, credential: staticCredential(), retry: { maxRetries: 0 } };
/** Every registered service, with its surface table, its details and its client class (as runTour finds it). */
const clients = await Promise.all(
  services.map(async (s) => {
    const ClientClass = (sdk as unknown as Record<string, new (options: ClientOptions) => unknown>)[s.client];
    if (!ClientClass) throw new Error(`src/index.ts exports no ${s.client} for service ${s.name}`);
    return { spec: s.module as SpecName, service: s.name, surface: surfaceTable[s.name], details: await tableLoaders[s.module]!.surfaceDetails(), client: () => new ClientClass(options) };
  }),
);

/** The first request example of the operation in its spec, if it has one. */
function requestExample(spec: SpecName, operationId: string): Record<string, unknown> | undefined {
  const doc = loadSpec(spec);
  const op = operationsOf(spec).find((o) => o.operationId === operationId)!;
  const body = op.operation.requestBody ? resolveRef(doc, op.operation.requestBody) : undefined;
  const content = (body?.content ?? {}) as Json;
  const media = (content["application/json"] ?? content["multipart/form-data"]) as Json | undefined;
  const first = Object.values((media?.examples ?? {}) as Json)[0];
  return (first ? resolveRef(doc, first).value : media?.example) as Record<string, unknown> | undefined;
}

/** Arguments for a method: a value per path parameter, and the body of the spec's request example. */
function argumentsFor(spec: SpecName, entry: SurfaceEntry, details: SurfaceDetails): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const arg of details.arguments.filter((a) => a.in === "path")) args[arg.name] = `${arg.name}-1`;
  // Required query parameters (`workflowId` of the flow runs), by their type.
  for (const arg of details.arguments.filter((a) => a.in === "query" && a.required)) args[arg.name] = arg.type === "boolean" ? true : arg.type === "integer" ? 1 : `${arg.name}-1`;
  const example = requestExample(spec, entry.operationId) ?? {};
  // A body that is not an object (a bare array) is passed whole as `body`.
  if (Array.isArray(example)) args.body = example;
  else for (const arg of details.arguments.filter((a) => a.in === "body")) if (example[arg.name] !== undefined) args[arg.name] = example[arg.name];
  return args;
}

const fill = (template: string, values: Record<string, unknown>) => template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(values[name])));

for (const { spec, service, surface, details, client } of clients) {
  describe(`${service}: every method of the surface table`, () => {
    for (const entry of surface.filter((e) => e.kind !== "wait") as readonly SurfaceEntry[]) {
      const [name] = facadeMethodNames(entry);
      const operation = (operationTable[service] as Record<string, OperationEntry>)[entry.operationId]!;
      it(`${[...entry.group, name].join(".")} sends ${operation.method.toUpperCase()} ${operation.path}`, async () => {
        const args = argumentsFor(spec, entry, details[[...entry.group, entry.method].join(".")]!);
        let node: Record<string, unknown> = client() as unknown as Record<string, unknown>;
        for (const group of entry.group) node = node[group] as Record<string, unknown>;
        const method = node[name!] as (a: unknown) => unknown;
        const result = method(args);
        // A list sends on its first page; a begin may fail to follow an answer the recording server invents.
        await (entry.kind === "list" ? (result as { byPage(): AsyncIterator<unknown> }).byPage().next() : (result as Promise<unknown>).catch(() => undefined));
        expect(recording.requests).toHaveLength(1);
        const [sent] = recording.requests;
        expect(sent!.method).toBe(operation.method.toUpperCase());
        expect(sent!.url.pathname).toBe(fill(operation.path, args));
        expect(sent!.url.searchParams.get("api-version")).toBe(operation.defaultApiVersion);
      });
    }
  });
}
