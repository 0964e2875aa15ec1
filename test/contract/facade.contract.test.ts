/**
 * Contract tests: the facade methods run against the emulator, and every request the SDK sends and
 * every answer the emulator gives is validated against the specs (ajv, from the specs' own schemas).
 * The tests by name assert what the services do (reads after writes, owners, provisioning, installs);
 * the generic tour (test/support/contractTour.ts) then calls every facade method of every service
 * from the tables, and the coverage check compares what was exercised with the generated tables: a
 * new operation in any spec is covered without a line here.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createVirtualClock, PowerAppsAdminClient, PowerPlatformClient, PowerPlatformError } from "../../src/index.js";
import { createEmulator, emulatorCredential } from "../../src/testing/index.js";
import { attachContractValidation } from "../support/contractHarness.js";
import { runTour, tableOperations } from "../support/contractTour.js";

// Emulator and SDK share a virtual clock: provisioning and installs finish without real waiting, and no
// per-try timeout can fire while the emulator is still working, however busy the machine is.
const clock = createVirtualClock();
const emulator = createEmulator({ seed: 5, environments: 2, appsPerEnvironment: 12, connectionsPerEnvironment: 4, pageSize: 5, clock });
const server = setupServer(...emulator.handlers);
const contract = attachContractValidation(emulator);
const options = { endpoint: emulator.baseUrl, credential: emulatorCredential(), clock, pollIntervalInMs: 1_000 };
let admin: PowerAppsAdminClient;
let pp: PowerPlatformClient;

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  admin = new PowerAppsAdminClient(options);
  pp = new PowerPlatformClient(options);
});
afterAll(() => {
  contract.detach();
  server.close();
});

async function all<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

const env = () => emulator.state.environments[0]!.name;
const someApp = () => emulator.state.apps(env())[0]!.name!;
const otherUser = () => emulator.state.users.find((u) => u.id !== emulator.state.apps(env())[0]!.properties?.owner?.id)!.id;

describe("PowerAppsAdminClient against the emulator", () => {
  it("apps.list reads every app of the environment across pages", async () => {
    const names = (await all(admin.apps.list({ environment: env() }))).map((a) => a.name);
    expect(names.sort()).toEqual(emulator.state.apps(env()).map((a) => a.name).sort());
  });

  it("apps.get returns the app, and an unknown app rejects with AppNotFound", async () => {
    expect((await admin.apps.get({ environment: env(), app: someApp() })).name).toBe(someApp());
    await expect(admin.apps.get({ environment: env(), app: "1c6ee23a-a835-44bc-a4f5-462b658efc12" })).rejects.toMatchObject({ code: "AppNotFound" });
  });

  it("apps.setQuarantineState then getQuarantineState reads it back", async () => {
    await admin.apps.setQuarantineState({ environment: env(), app: someApp(), quarantineStatus: "Quarantined" });
    const state = await admin.apps.getQuarantineState({ environment: env(), app: someApp() });
    expect(JSON.stringify(state)).toContain("Quarantined");
  });

  it("apps.setConditionalAccess then getConditionalAccess reads the ids back", async () => {
    await admin.apps.setConditionalAccess({ environment: env(), app: someApp(), authContextIds: ["c1", "c7"] });
    expect(JSON.stringify(await admin.apps.getConditionalAccess({ environment: env(), app: someApp() }))).toContain("c7");
  });

  it("apps.editRoleAssignments shares the app, and listRoleAssignments shows the new principal", async () => {
    const user = otherUser();
    await admin.apps.editRoleAssignments({ environment: env(), app: someApp(), put: [{ properties: { roleName: "CanView", principal: { id: user, type: "User" } } }] });
    const assignments = await all(admin.apps.listRoleAssignments({ environment: env(), app: someApp() }));
    expect(assignments.some((a) => a.properties?.principal?.id === user)).toBe(true);
  });

  it("apps.setOwner makes the new owner the app's owner", async () => {
    const user = otherUser();
    await admin.apps.setOwner({ environment: env(), app: someApp(), newAppOwner: user, roleForOldAppOwner: "CanEdit" });
    expect((await admin.apps.get({ environment: env(), app: someApp() })).properties?.owner?.id).toBe(user);
  });

  it("apps.remove deletes the app; deleting it again answers 403", async () => {
    const app = emulator.state.apps(env()).at(-1)!.name!;
    await admin.apps.remove({ environment: env(), app });
    const again = await admin.apps.remove({ environment: env(), app }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(PowerPlatformError);
    expect(again).toMatchObject({ status: 403 });
  });

  it("connections: list, role assignments (read and edit), remove", async () => {
    const connections = await all(admin.connections.list({ environment: env() }));
    expect(connections).toHaveLength(emulator.state.connections(env()).length);
    const connection = connections[0]!;
    const connectorName = connection.properties!.apiId!.split("/").pop()!;
    const ids = { environment: env(), connectorName, connectionName: connection.name! };
    const sharee = emulator.state.users.find((u) => u.id !== connection.properties?.createdBy?.id)!.id;
    await admin.connections.editRoleAssignments({ ...ids, put: [{ properties: { roleName: "CanView", principal: { id: sharee } } }] });
    expect((await all(admin.connections.listRoleAssignments(ids))).length).toBeGreaterThan(0);
    await admin.connections.remove(ids);
    expect((await all(admin.connections.list({ environment: env() }))).some((c) => c.name === connection.name)).toBe(false);
  });

  it("connectors: custom connectors and their role assignments (read and edit)", async () => {
    const custom = await all(admin.connectors.listCustom({ environment: env() }));
    expect(custom.length).toBeGreaterThan(0);
    const ids = { environment: env(), connectorName: custom[0]!.name! };
    await admin.connectors.editRoleAssignments({ ...ids, put: [{ properties: { roleName: "CanView", principal: { id: otherUser() } } }] });
    expect((await all(admin.connectors.listRoleAssignments(ids))).length).toBeGreaterThan(0);
  });
});

describe("PowerPlatformClient against the emulator", () => {
  it("environments: list and get", async () => {
    const environments = await all(pp.environments.list());
    expect(environments.map((e) => e.id)).toEqual(emulator.state.environments.map((e) => e.id));
    expect((await pp.environments.get({ environmentId: environments[0]!.id! })).id).toBe(environments[0]!.id);
  });

  it("powerApps: listApps and getApp", async () => {
    const apps = await all(pp.powerApps.listApps({ environmentId: env() }));
    expect(apps.length).toBe(emulator.state.apps(env()).length);
    expect((await pp.powerApps.getApp({ environmentId: env(), app: apps[0]!.name! })).name).toBe(apps[0]!.name);
  });

  it("billing policies: create, wait for provisioning, get, update, link environments, refresh, delete", async () => {
    const policies = pp.licensing.billingPolicies;
    const created = await policies.create({
      name: "contractTestPolicy",
      location: "unitedstates",
      billingInstrument: { subscriptionId: "aaaaaaaa-0000-4000-8000-000000000000", resourceGroup: "rg-contract" },
    });
    expect(created.status).toBe("Provisioning");
    const id = created.id!;
    expect((await policies.waitForProvisioning({ billingPolicyId: id })).status).toBe("Enabled");
    expect((await policies.get({ billingPolicyId: id })).name).toBe("contractTestPolicy");
    expect((await policies.update({ billingPolicyId: id, status: "Disabled" })).status).toBe("Disabled");
    expect((await all(policies.list())).some((p) => p.id === id)).toBe(true);
    await policies.refreshProvisioningStatus({ billingPolicyId: id });

    const environmentId = emulator.state.environments[1]!.id;
    await policies.addEnvironments({ billingPolicyId: id, environmentIds: [environmentId] });
    expect((await all(policies.listEnvironments({ billingPolicyId: id }))).map((l) => l.environmentId)).toContain(environmentId);
    expect((await policies.getEnvironment({ billingPolicyId: id, environmentId })).billingPolicyId).toBe(id);
    expect((await pp.licensing.getEnvironmentBillingPolicy({ environmentId })).id).toBe(id);
    await policies.removeEnvironments({ billingPolicyId: id, environmentIds: [environmentId] });
    expect(await all(policies.listEnvironments({ billingPolicyId: id }))).toEqual([]);

    await policies.delete({ billingPolicyId: id });
    await expect(policies.get({ billingPolicyId: id })).rejects.toMatchObject({ status: 404, code: "BillingPolicyNotFound" });
  });

  it("tenant capacity", async () => {
    expect(await pp.licensing.getTenantCapacity()).toBeDefined();
  });

  it("ISV contracts: create, list, get, update, delete", async () => {
    const contracts = pp.licensing.isvContracts;
    const created = await contracts.create({
      name: "ContractTestIsv01",
      status: "Enabled",
      geo: ["unitedstates"],
      consumer: { tenantId: "1dbbeae5-8fa6-462e-a5a1-9932a520a1dc" },
      billingInstrument: { subscriptionId: "aaaaaaaa-0000-4000-8000-000000000000", resourceGroup: "rg-isv" },
      conditions: { apiFilter: { allowOtherPremiumConnectors: false, requiredApis: [{ name: "shared_contosoapi" }] } },
      powerAutomatePolicy: { cloudFlowRunsPayAsYouGoState: "Enabled", desktopFlowAttendedRunsPayAsYouGoState: "Disabled", desktopFlowUnattendedRunsPayAsYouGoState: "Disabled" },
    });
    const id = created.id!;
    expect((await all(contracts.list())).some((c) => c.id === id)).toBe(true);
    expect((await contracts.get({ isvContractId: id })).name).toBe("ContractTestIsv01");
    expect((await contracts.update({ isvContractId: id, status: "Disabled" })).status).toBe("Disabled");
    await contracts.delete({ isvContractId: id });
    await expect(contracts.get({ isvContractId: id })).rejects.toMatchObject({ status: 404 });
  });

  it("app management: packages, a long-running install followed to Succeeded, and its operation", async () => {
    expect((await all(pp.appManagement.listTenantPackages())).length).toBeGreaterThan(0);
    const environmentId = env();
    const notInstalled = await all(pp.appManagement.listEnvironmentPackages({ environmentId, appInstallState: "NotInstalled" }));
    const uniqueName = notInstalled[0]!.uniqueName!;
    const poller = await pp.appManagement.beginInstallPackage({ environmentId, uniqueName });
    const done = await pp.appManagement.resumeInstallPackage(poller.toString()).pollUntilDone();
    expect(done.status).toBe("Succeeded");
    expect((await pp.appManagement.getOperation({ environmentId, operationId: poller.operationId })).status).toBe("Succeeded");
    const installed = await all(pp.appManagement.listEnvironmentPackages({ environmentId, appInstallState: "Installed" }));
    expect(installed.map((p) => p.uniqueName)).toContain(uniqueName);
  });
});

describe("contract", () => {
  it("generic tour: every facade method of every service, with arguments from the tables, succeeds", async () => {
    const report = await runTour(emulator, options);
    expect(report.failures, report.lines.join("\n")).toEqual([]);
  });

  it("every request and answer above matched the specs", () => {
    contract.assertClean();
  });

  it("coverage: every operation of the generated tables was exercised through the facade", () => {
    const missing = tableOperations().filter((key) => !contract.exercised.has(key));
    expect(missing, "operations no test exercised").toEqual([]);
  });
});
