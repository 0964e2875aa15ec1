/**
 * Environment lifecycle pollers and the two EnvironmentManagement paging styles under faults: a 429
 * with Retry-After on a poll, a connection lost during a poll, a 503 on page 3 of a
 * `continuationToken` list and of the `$top`/`$skip` environment list. Every item arrives exactly
 * once and every poller finishes. Time is one virtual clock shared with the emulator, so the waits
 * the assertions measure are emulator time, never the machine's speed.
 */
import { describe, expect, it } from "vitest";
import { createVirtualClock } from "../../src/index.js";
import { faultResponses, type EmulatorExchange } from "../../src/testing/index.js";
import { mountEmulators, platformClient, rejectionOf, requestsFor } from "./harness.js";

const clock = createVirtualClock();
const { emulator } = mountEmulators({ seed: 31, environments: 9, appsPerEnvironment: 1, throttle: false, clock, operationDurationInMs: 60_000 });
const client = () => platformClient(emulator, { clock, pollIntervalInMs: 5_000 });
const sandbox = () => emulator.state.environments.find((e) => e.type !== "Default")!.id;

/** Emulator-clock times of the requests to `operationId`, from now on. */
function timesOf(operationId: string): { at: number[]; stop: () => void } {
  const at: number[] = [];
  const stop = emulator.onExchange((x: EmulatorExchange) => {
    if (x.operationId === operationId) at.push(clock.now());
  });
  return { at, stop };
}

describe("lifecycle pollers under faults", () => {
  it("waits for the start's Retry-After before the first poll, then for a 429's Retry-After, and finishes", async () => {
    const started = clock.now();
    const polls = timesOf("GetOperationById");
    try {
      const poller = await client().environments.beginReset({ environmentId: sandbox(), displayName: "Contoso Test" });
      // The 202 says Retry-After 30 (half the operation); the first poll then meets a 429 asking for 45 s.
      emulator.faults.add({ match: { operationId: "GetOperationById" }, times: 1, respond: faultResponses.tooManyRequests(45) });
      const done = await poller.pollUntilDone();
      expect(done.status).toBe("Succeeded");
      expect(polls.at[0]! - started).toBeGreaterThanOrEqual(30_000);
      expect(polls.at[1]! - polls.at[0]!).toBeGreaterThanOrEqual(45_000);
      expect(requestsFor(emulator, "GetOperationById")[0]!.status).toBe(429);
    } finally {
      polls.stop();
    }
  });

  it("a connection lost during a poll is retried (a poll only reads) and the poller finishes", async () => {
    const poller = await client().environments.beginCopy({ targetEnvironmentId: sandbox(), sourceEnvironmentId: emulator.state.environments[0]!.id, copyType: "Minimal" });
    emulator.faults.add({ match: { operationId: "GetOperationById" }, times: 2, respond: "network-error" });
    expect((await poller.pollUntilDone()).status).toBe("Succeeded");
    const statuses = requestsFor(emulator, "GetOperationById").map((x) => x.status);
    expect(statuses.slice(0, 2)).toEqual([0, 0]);
    expect(statuses.at(-1)).toBe(200);
    expect(requestsFor(emulator, "CopyEnvironment")).toHaveLength(1);
  });

  it("aborting stops the polling, not the operation: it still finishes on the service and a resumed poller sees it", async () => {
    const env = sandbox();
    const poller = await client().environments.beginDelete({ environmentId: env });
    const controller = new AbortController();
    const waiting = poller.pollUntilDone({ abortSignal: controller.signal });
    controller.abort(new Error("stop waiting"));
    expect(await rejectionOf(waiting)).toMatchObject({ message: "stop waiting" });
    const resumed = client().environments.resumeDelete(poller.toString());
    expect((await resumed.pollUntilDone()).status).toBe("Succeeded");
    expect(emulator.state.environments.map((e) => e.id)).not.toContain(env);
  });

  it("a 409 while another operation runs names it; the caller waits for it through the poller API and then starts", async () => {
    const env = sandbox();
    const running = await client().environments.beginReset({ environmentId: env, displayName: "First" });
    const refused = await rejectionOf(client().environments.beginRestore({ targetEnvironmentId: env, sourceEnvironmentId: emulator.state.environments[0]!.id, restorePointDateTime: "2025-05-05T23:00:00+00:00" }));
    expect(refused).toMatchObject({ status: 409, code: "LifecycleOperationInProgress", runningOperation: { operationId: running.operationId } });
    const { resumeState } = (refused as { runningOperation: { resumeState: string } }).runningOperation;
    await client().environments.resumeRestore(resumeState).pollUntilDone();
    const restore = await client().environments.beginRestore({ targetEnvironmentId: env, sourceEnvironmentId: emulator.state.environments[0]!.id, restorePointDateTime: "2025-05-05T23:00:00+00:00" });
    expect((await restore.pollUntilDone()).status).toBe("Succeeded");
    expect(requestsFor(emulator, "RestoreEnvironment").map((x) => x.status)).toEqual([409, 202]); // a 409 start is never re-sent
  });
});

describe("EnvironmentManagement paging under faults", () => {
  it("a 503 on page 3 of a limit + continuationToken list is retried; every operation once, page 1 requested once", async () => {
    const env = sandbox();
    const started: string[] = [];
    for (let i = 0; i < 7; i++) {
      const poller = await client().environments.disasterRecovery[i % 2 === 0 ? "beginEnable" : "beginDisable"]({ environmentId: env });
      started.push(poller.operationId);
      await poller.pollUntilDone();
    }
    const urls: string[] = [];
    const stop = emulator.onExchange((x) => {
      if (x.operationId === "GetOperationsForEnvironment") urls.push(x.url);
    });
    try {
      const seen: string[] = [];
      const pages = client().environments.operations.list({ environmentId: env }).byPage({ maxPageSize: 2 });
      for (let i = 0; i < 2; i++) {
        const page = await pages.next();
        if (page.done) throw new Error(`the list ended after ${i} pages`);
        seen.push(...page.value.map((op) => op.operationId));
      }
      const fault = emulator.faults.add({ match: { operationId: "GetOperationsForEnvironment" }, respond: faultResponses.serverError(503) });
      for await (const page of pages) seen.push(...page.map((op) => op.operationId));
      expect(fault.fired).toBe(1);
      expect(seen).toHaveLength(7);
      expect([...seen].sort()).toEqual([...started].sort());
      expect(urls.filter((u) => !new URL(u).searchParams.has("continuationToken"))).toHaveLength(1);
      expect(urls[3]).toBe(urls[2]); // page 3 again, with the same token
      expect(new URL(urls[1]!).searchParams.get("limit")).toBe("2");
    } finally {
      stop();
    }
  });

  it("a 503 on page 3 of the $top/$skip environment list is retried; every environment once", async () => {
    const expected = emulator.state.environments.map((e) => e.id);
    expect(expected.length).toBeGreaterThan(6);
    const seen: string[] = [];
    const pages = client().environments.list().byPage({ maxPageSize: 2 });
    for (let i = 0; i < 2; i++) {
      const page = await pages.next();
      if (page.done) throw new Error(`the list ended after ${i} pages`);
      seen.push(...page.value.map((e) => e.id));
    }
    emulator.faults.add({ match: { operationId: "ListEnvironments" }, respond: faultResponses.serverError(503) });
    for await (const page of pages) seen.push(...page.map((e) => e.id));
    expect([...seen].sort()).toEqual([...expected].sort());
    const statuses = requestsFor(emulator, "ListEnvironments").map((x) => x.status);
    expect(statuses.filter((s) => s === 503)).toHaveLength(1);
    expect(statuses[2]).toBe(503);
  });
});
