/**
 * The main job (scripts/demo.ts) against the emulator: the inventory accounts for every seeded
 * environment, app and connection exactly once, and flags the apps the tenant really has without a
 * valid owner or in quarantine.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, expect, it } from "vitest";
import { PowerAppsAdminClient, PowerPlatformClient, RateLimiter } from "../../src/index.js";
import { createEmulator, emulatorCredential } from "../../src/testing/index.js";
import { hasValidOwner, isQuarantined, takeInventory } from "../../scripts/lib/inventory.js";

const emulator = createEmulator({ seed: 11, environments: 4, appsPerEnvironment: 37, connectionsPerEnvironment: 9 });
const server = setupServer(...emulator.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

it("inventories every environment, app and connection exactly once", async () => {
  const options = { endpoint: emulator.baseUrl, credential: emulatorCredential(), rateLimit: new RateLimiter() };
  const records: Record<string, unknown>[] = [];
  const result = await takeInventory({
    admin: new PowerAppsAdminClient(options),
    pp: new PowerPlatformClient(options),
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
});
