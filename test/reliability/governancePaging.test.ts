/**
 * The paging styles of the advisor (`{value, nextLink}` with `$skipToken`) and of the resource query
 * (`skipToken` in the answer, re-posted as `Options.SkipToken`) under faults: a 503 on page 3 and a
 * 429 with Retry-After are retried on that page alone, the iteration goes on from where it was, and
 * every item is yielded exactly once. Time is the emulator's and the client's shared virtual clock.
 */
import { describe, expect, it } from "vitest";
import { createVirtualClock } from "../../src/index.js";
import { faultResponses, type EmulatorExchange } from "../../src/testing/index.js";
import { mountEmulators, platformClient, requestsFor } from "./harness.js";

const clock = createVirtualClock();
const { emulator } = mountEmulators({ seed: 71, environments: 3, appsPerEnvironment: 7, throttle: false, pageSize: 3, clock });
const RECOMMENDATIONS = "/analytics/advisorRecommendations";

/** Adds `count` recommendations to the tenant (the advisor has no create route). */
function seedRecommendations(count: number): string[] {
  const store = emulator.state.store;
  store.claim(RECOMMENDATIONS).clear();
  const names = Array.from({ length: count }, (_, i) => `Scenario${i + 1}`);
  for (const scenario of names) store.put(RECOMMENDATIONS, scenario, { scenario, details: { resourceCount: 1 } });
  return names;
}

/** Records the exchanges of one operation while `fn` runs. */
async function recording<T>(operationId: string, fn: () => Promise<T>): Promise<{ result: T; exchanges: EmulatorExchange[] }> {
  const exchanges: EmulatorExchange[] = [];
  const stop = emulator.onExchange((x) => {
    if (x.operationId === operationId) exchanges.push(x);
  });
  try {
    return { result: await fn(), exchanges };
  } finally {
    stop();
  }
}

describe("advisor recommendations ({value, nextLink} + $skipToken) through faults", () => {
  it("a 503 on page 3 of 4 is retried on that page; every recommendation once, page 1 asked for once", async () => {
    const expected = seedRecommendations(11);
    const pp = platformClient(emulator, { clock });
    const { result: names, exchanges } = await recording("GetRecommendations", async () => {
      const seen: string[] = [];
      const pages = pp.advisor.recommendations.list().byPage();
      for (let i = 0; i < 2; i++) {
        const page = await pages.next();
        if (page.done) throw new Error(`the list ended after ${i} pages`);
        seen.push(...page.value.map((r) => r.scenario!));
      }
      const fault = emulator.faults.add({ match: { operationId: "GetRecommendations" }, respond: faultResponses.serverError(503) });
      for await (const page of pages) seen.push(...page.map((r) => r.scenario!));
      expect(fault.fired).toBe(1);
      return seen;
    });
    expect(names).toHaveLength(11);
    expect([...names].sort()).toEqual([...expected].sort());
    expect(exchanges.map((x) => x.status)).toEqual([200, 200, 503, 200, 200]);
    expect(exchanges.filter((x) => !("$skipToken" in x.query))).toHaveLength(1);
    expect(exchanges[3]!.url).toBe(exchanges[2]!.url);
  });

  it("a 429 with Retry-After on page 2 waits that long on the clock, then goes on; every recommendation once", async () => {
    const expected = seedRecommendations(8);
    const pp = platformClient(emulator, { clock });
    const names: string[] = [];
    const pages = pp.advisor.recommendations.list().byPage();
    const first = await pages.next();
    if (first.done) throw new Error("no first page");
    names.push(...first.value.map((r) => r.scenario!));
    emulator.faults.add({ match: { operationId: "GetRecommendations" }, respond: faultResponses.tooManyRequests(7) });
    for await (const page of pages) names.push(...page.map((r) => r.scenario!));
    expect([...names].sort()).toEqual([...expected].sort());
    const log = requestsFor(emulator, "GetRecommendations");
    expect(log.map((e) => e.status)).toEqual([200, 429, 200, 200]);
    // Log times are epoch ms with fractions: their difference is exact only to a few ulps.
    expect(log[2]!.at - log[1]!.at).toBeGreaterThanOrEqual(7_000 - 1e-6);
  });
});

describe("resource query (skipToken in the body, the POST re-sent) through faults", () => {
  const query = { TableName: "PowerPlatformResources", Clauses: [{ $type: "where", FieldName: "type", Operator: "==", Values: ["'microsoft.powerapps/canvasapps'"] }] };
  const apps = () => emulator.state.environments.flatMap((e) => emulator.state.apps(e.name).map((a) => a.name));

  it("a 503 on page 3 is retried with the same token (the spec marks the POST safe to re-send); every row once", async () => {
    const expected = apps();
    expect(expected).toHaveLength(21);
    const pp = platformClient(emulator, { clock });
    const { result: names, exchanges } = await recording("QueryResources", async () => {
      const seen: string[] = [];
      const pages = pp.resources.query(query).byPage({ maxPageSize: 5 });
      for (let i = 0; i < 2; i++) {
        const page = await pages.next();
        if (page.done) throw new Error(`the list ended after ${i} pages`);
        seen.push(...page.value.map((r) => r.name!));
      }
      const fault = emulator.faults.add({ match: { operationId: "QueryResources" }, respond: faultResponses.serverError(503) });
      for await (const page of pages) seen.push(...page.map((r) => r.name!));
      expect(fault.fired).toBe(1);
      return seen;
    });
    expect(names).toHaveLength(21);
    expect([...names].sort()).toEqual([...expected].sort());
    expect(exchanges.map((x) => [x.method, x.status])).toEqual([["POST", 200], ["POST", 200], ["POST", 503], ["POST", 200], ["POST", 200], ["POST", 200]]);
    const tokens = exchanges.map((x) => (x.requestBody as { Options?: { SkipToken?: string; Top?: number } }).Options);
    expect(tokens.filter((o) => o?.SkipToken === undefined)).toHaveLength(1);
    expect(tokens.every((o) => o?.Top === 5)).toBe(true);
    expect(tokens[3]).toEqual(tokens[2]);
  });

  it("a 429 with Retry-After on page 2 waits that long, then re-posts page 2; every row once", async () => {
    const expected = apps();
    const pp = platformClient(emulator, { clock });
    const rows: string[] = [];
    const pages = pp.resources.query(query).byPage({ maxPageSize: 8 });
    const first = await pages.next();
    if (first.done) throw new Error("no first page");
    rows.push(...first.value.map((r) => r.name!));
    emulator.faults.add({ match: { operationId: "QueryResources" }, respond: faultResponses.tooManyRequests(4) });
    for await (const page of pages) rows.push(...page.map((r) => r.name!));
    expect([...rows].sort()).toEqual([...expected].sort());
    const log = requestsFor(emulator, "QueryResources");
    expect(log.map((e) => e.status)).toEqual([200, 429, 200, 200]);
    expect(log[2]!.at - log[1]!.at).toBeGreaterThanOrEqual(4_000 - 1e-6);
  });
});
