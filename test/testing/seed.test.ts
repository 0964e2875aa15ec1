import { describe, expect, it } from "vitest";
import { createEmulator } from "../../src/testing/index.js";
import { readAllPages, withEmulator } from "./emulatorClient.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function snapshot(seed: number) {
  const { state } = createEmulator({ seed, startTime: 0 });
  return {
    tenantId: state.tenantId,
    environments: state.environments,
    apps: state.environments.map((e) => state.apps(e.name)),
    connections: state.environments.map((e) => state.connections(e.name)),
    policies: state.billingPolicies,
    contracts: state.isvContracts,
    packages: state.environments.map((e) => state.applicationPackages(e.name)),
  };
}

describe("seeded tenant", () => {
  it("is the same tenant for the same seed and another one for another seed", () => {
    expect(snapshot(42)).toEqual(snapshot(42));
    expect(snapshot(43).tenantId).not.toBe(snapshot(42).tenantId);
    expect(snapshot(43).apps).not.toEqual(snapshot(42).apps);
  });

  it("keeps one section's data when another section's size changes", () => {
    const small = createEmulator({ seed: 5, appsPerEnvironment: 3 }).state;
    const large = createEmulator({ seed: 5, appsPerEnvironment: 12 }).state;
    expect(large.environments).toEqual(small.environments);
    expect(large.connections(large.environments[0]!.name)).toEqual(small.connections(small.environments[0]!.name));
  });

  it("has the configured sizes, the default environment first and GUID names after it", () => {
    const { state } = createEmulator({ seed: 1, tenantId: "1dbbeae5-8fa6-462e-a5a1-9932a520a1dc", environments: 4, appsPerEnvironment: 5, connectionsPerEnvironment: 3, customConnectorsPerEnvironment: 1, billingPolicies: 3, isvContracts: 2 });
    const names = state.environments.map((e) => e.name);
    expect(names[0]).toBe("Default-1dbbeae5-8fa6-462e-a5a1-9932a520a1dc");
    expect(names.slice(1).every((n) => GUID.test(n))).toBe(true);
    expect(state.environments.every((e) => typeof e.displayName === "string" && e.displayName.length > 0)).toBe(true);
    for (const name of names) {
      expect(state.apps(name)).toHaveLength(5);
      expect(state.connections(name)).toHaveLength(3);
      expect(state.customConnectors(name)).toHaveLength(1);
    }
    expect(state.billingPolicies).toHaveLength(3);
    expect(state.isvContracts).toHaveLength(2);
  });

  it("has apps an inventory must flag: quarantined, and owned by someone who no longer exists", () => {
    const { state } = createEmulator({ seed: 9 });
    const apps = state.environments.flatMap((e) => state.apps(e.name));
    expect(apps).toHaveLength(90);
    expect(apps.every((a) => GUID.test(a.name))).toBe(true);
    const quarantined = apps.filter((a) => a.properties?.executionRestrictions?.appQuarantineState?.quarantineStatus === "Quarantined");
    expect(quarantined.length).toBeGreaterThan(0);
    const orphaned = apps.filter((a) => a.properties?.owner?.type === "NotSpecified");
    expect(orphaned.length).toBeGreaterThan(0);
    expect(orphaned[0]!.properties!.owner).toMatchObject({ email: null, displayName: null });
    const owner = state.appRoleAssignments(state.environments[0]!.name, apps[0]!.name).find((r) => r.properties?.roleName === "Owner");
    expect(owner?.properties?.principal?.id).toBe(apps[0]!.properties?.owner?.id);
  });

  it("keys connection references by GUID and sends nulls where the service does", () => {
    const { state } = createEmulator({ seed: 3 });
    const apps = state.environments.flatMap((e) => state.apps(e.name));
    const refs = apps.flatMap((a) => Object.entries(a.properties?.connectionReferences ?? {}));
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.every(([key]) => GUID.test(key))).toBe(true);
    expect(refs.some(([, ref]) => ref.iconUri === null)).toBe(true);
    expect(apps.some((a) => a.properties?.description === null)).toBe(true);
  });

  it("names connections with 32 hex digits, on well-known connectors, each with an owner role", () => {
    const { state } = createEmulator({ seed: 4 });
    const env = state.environments[0]!.name;
    const connections = state.connections(env);
    expect(connections.every((c) => /^[0-9a-f]{32}$/.test(c.name))).toBe(true);
    const apis = connections.map((c) => c.properties?.apiId);
    expect(apis).toContain("/providers/Microsoft.PowerApps/apis/shared_office365users");
    expect(apis).toContain("/providers/Microsoft.PowerApps/apis/shared_sharepointonline");
    const first = connections[0]!;
    const connector = first.properties!.apiId!.split("/").pop()!;
    expect(state.connectionRoleAssignments(env, connector, first.name).some((r) => r.properties?.roleName === "Owner")).toBe(true);
  });

  it("serves the same environments, with display names, on the Power Platform routes", async () => {
    await withEmulator({ seed: 11, pageSize: 2 }, async (m) => {
      const { items } = await readAllPages(m, "ListEnvironments");
      expect(items.map((e) => [e.id, e.displayName])).toEqual(m.emulator.state.environments.map((e) => [e.name, e.displayName]));
    });
  });

  it("lets tests add data that requests then see", async () => {
    await withEmulator({ seed: 1, appsPerEnvironment: 1 }, async (m) => {
      const env = m.emulator.state.addEnvironment({ displayName: "Added" });
      const app = m.emulator.state.addApp(env.name, { displayName: "New app", orphanedOwner: true });
      const listed = await m.call("Get-AdminApps", { params: { environment: env.name } });
      expect(listed.body.value.map((a: { name: string }) => a.name)).toEqual([app.name]);
      expect(listed.body.value[0].properties.owner.type).toBe("NotSpecified");
    });
  });
});
