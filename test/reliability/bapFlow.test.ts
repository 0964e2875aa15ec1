/**
 * BAP and Power Automate admin under faults, as the other services: a 503 on page N of a list is
 * retried on its own (every item once, page 1 asked once); a 429 waits for its Retry-After, on a GET
 * and on a POST alike (the service did not act on it); the read that BAP sends as POST
 * (`x-ppadmin-safe-to-retry`) is retried after a 503 like a GET, while a POST that writes is not.
 */
import { describe, expect, it } from "vitest";
import { BapAdminClient, createVirtualClock, PowerAutomateAdminClient, type LogEvent } from "../../src/index.js";
import { faultResponses, type EmulatorExchange } from "../../src/testing/index.js";
import { clientOptions, mountEmulators, rejectionOf, requestsFor } from "./harness.js";

// Both sides share a virtual clock: a "Retry-After: 7" costs no real time and the wait is exact.
const clock = createVirtualClock();
const { emulator } = mountEmulators({ seed: 29, clock, environments: 5, appsPerEnvironment: 1, connectionsPerEnvironment: 1, flowsPerEnvironment: 32, pageSize: 2, throttle: false });

const retry = { retryDelayInMs: 1, maxRetryDelayInMs: 10_000 };
const bap = (events?: LogEvent[]) => new BapAdminClient(clientOptions(emulator, { clock, retry }, events));
const automate = (events?: LogEvent[]) => new PowerAutomateAdminClient(clientOptions(emulator, { clock, retry }, events));

const LIST_FLOWS = "Get-AdminFlows";
const LIST_ENVIRONMENTS = "Get-AdminEnvironments";
const READ_SETTINGS = "Get-TenantSettings";

/** The URLs one operation was asked for, while `body` runs. */
async function urlsDuring(operationId: string, body: () => Promise<void>): Promise<string[]> {
  const urls: string[] = [];
  const stop = emulator.onExchange((x: EmulatorExchange) => {
    if (x.operationId === operationId) urls.push(x.url);
  });
  try {
    await body();
  } finally {
    stop();
  }
  return urls;
}

describe("paging through faults", () => {
  it("flows: a 503 on page 3 is retried; every flow is seen once and page 1 is requested once", async () => {
    const environment = emulator.state.environments[1]!.name;
    const expected = emulator.state.flows(environment).map((f) => f.name as string);
    expect(expected.length).toBeGreaterThan(20);
    const names: string[] = [];
    const urls = await urlsDuring(LIST_FLOWS, async () => {
      const pages = automate().flows.list({ environment, top: 5 }).byPage();
      for (let i = 0; i < 2; i++) {
        const page = await pages.next();
        if (page.done) throw new Error(`the list ended after ${i} pages`);
        names.push(...page.value.map((f) => f.name));
      }
      emulator.faults.add({ match: { operationId: LIST_FLOWS }, respond: faultResponses.serverError(503) });
      for await (const page of pages) names.push(...page.map((f) => f.name));
    });
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...expected].sort());
    expect(urls.filter((u) => !new URL(u).searchParams.has("$skiptoken"))).toHaveLength(1);
    const statuses = requestsFor(emulator, LIST_FLOWS).map((e) => e.status);
    expect(statuses.slice(0, 4)).toEqual([200, 200, 503, 200]);
    expect(statuses.filter((s) => s === 503)).toHaveLength(1);
    // The retried page 3 went to the same next link as the failed attempt.
    expect(urls[3]).toBe(urls[2]);
  });

  it("environments: a 503 on page 2 is retried; every environment is seen once", async () => {
    const urls = await urlsDuring(LIST_ENVIRONMENTS, async () => {
      const pages = bap().environments.list().byPage();
      const first = await pages.next();
      const names = first.done ? [] : first.value.map((e) => e.name);
      emulator.faults.add({ match: { operationId: LIST_ENVIRONMENTS }, respond: faultResponses.serverError(503) });
      for await (const page of pages) names.push(...page.map((e) => e.name));
      expect(names).toEqual(emulator.state.environments.map((e) => e.name));
    });
    expect(requestsFor(emulator, LIST_ENVIRONMENTS).map((e) => e.status)).toEqual([200, 503, 200, 200]);
    expect(urls[2]).toBe(urls[1]);
  });
});

describe("429 with Retry-After", () => {
  it("a GET (a DLP policy) waits as told, then succeeds on the second request", async () => {
    const events: LogEvent[] = [];
    const policyName = String(emulator.state.dlpPolicies[0]!.policyDefinition.name);
    emulator.faults.add({ match: { operationId: "Get-DlpPolicy" }, respond: faultResponses.tooManyRequests(7) });
    const policy = await bap(events).dlpPolicies.get({ policyName });
    expect(policy.policyDefinition.name).toBe(policyName);
    expect(requestsFor(emulator, "Get-DlpPolicy").map((e) => e.status)).toEqual([429, 200]);
    expect(events.find((e) => e.type === "retry")).toMatchObject({ status: 429, delayInMs: 7_000 });
  });

  it("a POST that writes (turning a flow off) is sent again after the wait: the service did not act on the 429", async () => {
    const environment = emulator.state.environments[0]!.name;
    const flowName = emulator.state.flows(environment).find((f) => f.properties?.state === "Started")!.name as string;
    emulator.faults.add({ match: { operationId: "Disable-AdminFlow" }, respond: faultResponses.tooManyRequests(3) });
    const events: LogEvent[] = [];
    await automate(events).flows.disable({ environment, flowName });
    expect(events.find((e) => e.type === "retry")).toMatchObject({ status: 429, delayInMs: 3_000 });
    expect(requestsFor(emulator, "Disable-AdminFlow").map((e) => e.status)).toEqual([429, 200]);
    expect(emulator.state.flow(environment, flowName)!.properties?.state).toBe("Stopped");
  });
});

describe("retry safety of BAP's POSTs", () => {
  it("the tenant-settings read (a POST marked safe to retry) is retried after a 503", async () => {
    emulator.faults.add({ match: { operationId: READ_SETTINGS }, respond: faultResponses.serverError(503) });
    await expect(bap().tenantSettings.get()).resolves.toBeDefined();
    expect(requestsFor(emulator, READ_SETTINGS).map((e) => e.status)).toEqual([503, 200]);
  });

  it("the tenant-settings update (a POST that writes) is not sent twice after a 503", async () => {
    emulator.faults.add({ match: { operationId: "Set-TenantSettings" }, respond: faultResponses.serverError(503) });
    const error = await rejectionOf(bap().tenantSettings.update({ walkMeOptOut: true }));
    expect(error).toMatchObject({ status: 503 });
    expect(requestsFor(emulator, "Set-TenantSettings").map((e) => e.status)).toEqual([503]);
  });
});
