/**
 * A page that fails mid-way through a list is retried on its own: the iteration continues from where
 * it was, never restarts at page 1, and yields every item exactly once.
 */
import { describe, expect, it } from "vitest";
import { faultResponses, type EmulatorExchange } from "../../src/testing/index.js";
import { adminClient, mountEmulators, requestsFor } from "./harness.js";

const { emulator } = mountEmulators({ seed: 23, environments: 2, appsPerEnvironment: 60, throttle: false });

describe("paging through faults", () => {
  it("a 503 on page 3 of 6 is retried; every app is seen once and page 1 is requested once", async () => {
    const environment = emulator.state.environments[1]!.name;
    const expected = emulator.state.apps(environment).map((a) => a.name);
    expect(expected).toHaveLength(60);
    const urls: string[] = [];
    const stop = emulator.onExchange((x: EmulatorExchange) => {
      if (x.operationId === "Get-AdminApps") urls.push(x.url);
    });
    try {
      const admin = adminClient(emulator);
      const names: string[] = [];
      const pages = admin.apps.list({ environment, top: 10 }).byPage();
      for (let i = 0; i < 2; i++) {
        const page = await pages.next();
        if (page.done) throw new Error(`the list ended after ${i} pages`);
        names.push(...page.value.map((a) => a.name));
      }
      // Pages 1 and 2 are in: the next request (page 3) gets a 503.
      const fault = emulator.faults.add({ match: { operationId: "Get-AdminApps" }, respond: faultResponses.serverError(503) });
      for await (const page of pages) names.push(...page.map((a) => a.name));

      expect(fault.fired).toBe(1);
      expect(names).toHaveLength(60);
      expect(new Set(names).size).toBe(60);
      expect([...names].sort()).toEqual([...expected].sort());

      const firstPageRequests = urls.filter((u) => !new URL(u).searchParams.has("$skiptoken"));
      expect(firstPageRequests).toHaveLength(1);
      const statuses = requestsFor(emulator, "Get-AdminApps").map((e) => e.status);
      expect(statuses).toEqual([200, 200, 503, 200, 200, 200, 200]);
      // The retried page 3 went to the same next link as the failed attempt.
      expect(urls[3]).toBe(urls[2]);
    } finally {
      stop();
    }
  });

  it("a broken connection on page 1 is retried too, and the items are complete", async () => {
    const environment = emulator.state.environments[0]!.name;
    const expected = emulator.state.apps(environment).map((a) => a.name);
    emulator.faults.add({ match: { operationId: "Get-AdminApps" }, respond: "network-error" });
    const names: string[] = [];
    for await (const app of adminClient(emulator).apps.list({ environment, top: 25 })) names.push(app.name);
    expect([...names].sort()).toEqual([...expected].sort());
    expect(requestsFor(emulator, "Get-AdminApps").map((e) => e.status)).toEqual([0, 200, 200, 200]);
  });
});
