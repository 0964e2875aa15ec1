/**
 * Licensing lists that page by number or by continuation token, through a 503 on their second
 * page: the failed page is retried on its own, the list never restarts at page 1, and every item
 * comes out exactly once.
 */
import { describe, expect, it } from "vitest";
import { faultResponses, type EmulatorExchange } from "../../src/testing/index.js";
import { mountEmulators, platformClient, requestsFor } from "./harness.js";

const { emulator } = mountEmulators({ seed: 31, environments: 1, throttle: false });

/** Records every URL requested for one operation while `body` runs. */
async function urlsOf(operationId: string, body: () => Promise<void>): Promise<string[]> {
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

describe("licensing lists through a 503 on page 2", () => {
  it("numbered pages (per-flow capacity sources): page 2 is retried, 25 records seen once each", async () => {
    const records = emulator.state.store.claim("/licensing/UserPerFlowCapacitySource");
    for (let i = 1; i <= 25; i++) records.set(`r${i}`, { resourceId: `r${i}`, userId: `user-${i % 4}`, consumptionUnits: i, consumptionDate: "2025-03-12T00:00:00Z" });
    const pp = platformClient(emulator);
    const seen: string[] = [];
    const urls = await urlsOf("GetUserPerFlowCapacitySource", async () => {
      const pages = pp.licensing.perFlowCapacity.list({ startDate: "2025-03-01T00:00:00Z" }).byPage({ maxPageSize: 10 });
      const first = await pages.next();
      if (first.done) throw new Error("the list had no first page");
      seen.push(...first.value.map((r) => r.resourceId!));
      const fault = emulator.faults.add({ match: { operationId: "GetUserPerFlowCapacitySource" }, respond: faultResponses.serverError(503) });
      for await (const page of pages) seen.push(...page.map((r) => r.resourceId!));
      expect(fault.fired).toBe(1);
    });

    expect(seen).toHaveLength(25);
    expect(new Set(seen)).toEqual(new Set(Array.from({ length: 25 }, (_, i) => `r${i + 1}`)));
    expect(requestsFor(emulator, "GetUserPerFlowCapacitySource").map((e) => e.status)).toEqual([200, 503, 200, 200]);
    const pageNumbers = urls.map((u) => new URL(u).searchParams.get("pageNumber"));
    // Page 1 once; the failed page 2 retried at the same URL; page 3 is short, so the list ends there.
    expect(pageNumbers).toEqual([null, "2", "2", "3"]);
    expect(urls[2]).toBe(urls[1]);
  });

  it("continuation tokens (users of an entitlement): page 2 is retried, 25 users seen once each", async () => {
    const users = emulator.state.store.claim("/licensing/entitlements/MCSMessages/users");
    for (let i = 1; i <= 25; i++) users.set(`u${i}`, { id: `u${i}`, users: [{ userId: `u${i}`, consumed: i, unit: "Count" }] });
    const pp = platformClient(emulator);
    const seen: string[] = [];
    const urls = await urlsOf("GetTenantUsers", async () => {
      const pages = pp.licensing.entitlements.listUsers({ entitlementId: "MCSMessages", fromDate: "2025-03-01", toDate: "2025-03-31" }).byPage({ maxPageSize: 10 });
      const first = await pages.next();
      if (first.done) throw new Error("the list had no first page");
      seen.push(...first.value.map((u) => u.userId!));
      const fault = emulator.faults.add({ match: { operationId: "GetTenantUsers" }, respond: faultResponses.serverError(503) });
      for await (const page of pages) seen.push(...page.map((u) => u.userId!));
      expect(fault.fired).toBe(1);
    });

    expect(seen).toHaveLength(25);
    expect(new Set(seen)).toEqual(new Set(Array.from({ length: 25 }, (_, i) => `u${i + 1}`)));
    expect(requestsFor(emulator, "GetTenantUsers").map((e) => e.status)).toEqual([200, 503, 200, 200]);
    const tokens = urls.map((u) => new URL(u).searchParams.get("continuationToken"));
    expect(tokens[0]).toBeNull();
    expect(tokens[1]).toBeTruthy();
    expect(urls[2]).toBe(urls[1]);
    expect(new Set(tokens.slice(1)).size).toBe(2);
  });
});
