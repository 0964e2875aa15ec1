/**
 * The main job (scripts/demo.ts) against the emulator: the inventory accounts for every seeded
 * environment, app, connection and (live) cloud flow exactly once, all three clients on one limiter,
 * and flags the apps the tenant really has without a valid owner or in quarantine.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { PowerAppsAdminClient, PowerAutomateAdminClient, PowerPlatformClient, RateLimiter } from "../../src/index.js";
import { createEmulator, emulatorCredential } from "../../src/testing/index.js";
import { hasValidOwner, isQuarantined, takeInventory } from "../../scripts/lib/inventory.js";

const emulator = createEmulator({ seed: 11, environments: 4, appsPerEnvironment: 37, connectionsPerEnvironment: 9, flowsPerEnvironment: 23 });
const server = setupServer(...emulator.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

it("inventories every environment, app, connection and flow exactly once, under one shared limiter", async () => {
  const rateLimit = new RateLimiter();
  const acquired = vi.spyOn(rateLimit, "acquire");
  const options = { endpoint: emulator.baseUrl, credential: emulatorCredential(), rateLimit };
  const records: Record<string, unknown>[] = [];
  const result = await takeInventory({
    admin: new PowerAppsAdminClient(options),
    pp: new PowerPlatformClient(options),
    automate: new PowerAutomateAdminClient(options),
    pageSize: 10,
    write: (r) => records.push(r),
  });

  const apps = records.filter((r) => r.kind === "app");
  const keys = apps.map((r) => `${String(r.environment)}/${String(r.name)}`);
  expect(new Set(keys).size).toBe(keys.length);
  for (const environment of emulator.state.environments) {
    const seeded = emulator.state.apps(environment.name);
    const summary = result.environments.find((e) => e.environment === environment.name)!;
    expect(summary.apps).toBe(seeded.length);
    expect(summary.connections).toBe(emulator.state.connections(environment.name).length);
    expect(summary.appsWithoutValidOwner).toBe(seeded.filter((a) => !hasValidOwner(a)).length);
    expect(summary.quarantinedApps).toBe(seeded.filter(isQuarantined).length);
  }
  expect(result.environments.reduce((n, e) => n + e.appsWithoutValidOwner, 0)).toBeGreaterThan(0);
  expect(records.filter((r) => r.kind === "environment")).toHaveLength(4);

  const flows = records.filter((r) => r.kind === "flow");
  const flowKeys = flows.map((r) => `${String(r.environment)}/${String(r.name)}`);
  expect(new Set(flowKeys).size).toBe(flowKeys.length);
  for (const environment of emulator.state.environments) {
    const seeded = emulator.state.flows(environment.name);
    const summary = result.environments.find((e) => e.environment === environment.name)!;
    expect(summary.flows).toBe(seeded.length);
    expect(flows.filter((r) => r.environment === environment.name).map((r) => r.name).sort()).toEqual(seeded.map((f) => f.name).sort());
    expect(summary.suspendedFlows).toBe(seeded.filter((f) => f.properties?.state === "Suspended").length);
  }
  // Soft-deleted flows exist in the tenant but are not inventoried.
  expect(emulator.state.environments.some((e) => emulator.state.flows(e.name, { includeSoftDeleted: true }).length > emulator.state.flows(e.name).length)).toBe(true);
  // Every request of every client took a slot of the one limiter.
  expect(acquired).toHaveBeenCalledTimes(emulator.log.length);
});
