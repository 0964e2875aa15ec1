/**
 * Contract tests of BapAdminClient and PowerAutomateAdminClient against the emulator's state: every
 * facade method runs, every request and answer is validated against openapi/bap.yaml and
 * openapi/power-automate-admin.yaml, and what one call changes is what the next call reads back
 * (a DLP policy created is listed and applies to its environments; a flow turned off reads back
 * stopped; a deleted flow is listed only with soft-deleted flows and comes back with restore; owners
 * edited are listed; tenant isolation is 404 until set). The last test: every operation of both specs
 * was exercised here.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BapAdminClient, createVirtualClock, dlpConnectorClassification, dlpPolicyAppliesTo, PowerAutomateAdminClient } from "../../src/index.js";
import { createEmulator, emulatorCredential } from "../../src/testing/index.js";
import { allRoutes } from "../../src/testing/operations/operationRouter.js";
import { attachContractValidation } from "../support/contractHarness.js";

const clock = createVirtualClock();
const emulator = createEmulator({ seed: 12, environments: 3, appsPerEnvironment: 2, connectionsPerEnvironment: 1, flowsPerEnvironment: 7, pageSize: 3, clock });
const server = setupServer(...emulator.handlers);
const contract = attachContractValidation(emulator);
let bap: BapAdminClient;
let automate: PowerAutomateAdminClient;

beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  const options = { endpoint: emulator.baseUrl, credential: emulatorCredential(), clock, pollIntervalInMs: 1_000 };
  bap = new BapAdminClient(options);
  automate = new PowerAutomateAdminClient(options);
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

const environments = () => emulator.state.environments.map((e) => e.name);
const flowEnvironment = () => environments()[0]!;
const liveFlow = (environment = flowEnvironment()) => emulator.state.flows(environment).find((f) => f.properties?.state === "Started")!.name as string;

describe("BapAdminClient against the emulator", () => {
  it("environments.list shows every environment of the tenant, with capacity when expanded; get reads one", async () => {
    const listed = await all(bap.environments.list({ expand: "properties.capacity,properties.addons" }));
    expect(listed.map((e) => e.name)).toEqual(environments());
    expect(listed[0]!.properties?.capacity?.length).toBeGreaterThan(0);
    const one = await bap.environments.get({ environment: environments()[1]! });
    expect(one.properties?.displayName).toBe(emulator.state.environments[1]!.displayName);
    await expect(bap.environments.get({ environment: "5a3e0f7c-0000-4000-8000-000000000000" })).rejects.toMatchObject({ status: 404, code: "EnvironmentNotFound" });
    // The versions other public clients send are served too (PowerShell: 2016-11-01; CLI: 2020-10-01).
    for (const apiVersion of ["2016-11-01", "2020-10-01"]) expect((await bap.environments.get({ environment: environments()[0]!, apiVersion })).name).toBe(environments()[0]);
  });

  it("environments.update renames an environment, and the tenant's environment reads the new name", async () => {
    const environment = environments()[1]!;
    const updated = await bap.environments.update({ environment, properties: { displayName: "Finance (EU)", description: "Finance apps" } });
    expect(updated?.properties?.displayName).toBe("Finance (EU)");
    expect((await bap.environments.get({ environment })).properties?.description).toBe("Finance apps");
    expect(emulator.state.environment(environment)!.displayName).toBe("Finance (EU)");
  });

  it("environments.beginDelete follows the lifecycle operation to Succeeded; the environment is gone", async () => {
    const doomed = emulator.state.addEnvironment({ displayName: "Short-lived" }).name;
    const poller = await bap.environments.beginDelete({ environment: doomed });
    const first = await bap.environments.getLifecycleOperation({ operationId: poller.operationId });
    expect(first?.state?.id).toBe("Running");
    const done = await bap.environments.resumeDelete(poller.toString()).pollUntilDone();
    expect(done.state?.id).toBe("Succeeded");
    expect(emulator.state.environment(doomed)).toBeUndefined();
    await expect(bap.environments.get({ environment: doomed })).rejects.toMatchObject({ status: 404 });
  });

  it("a DLP policy created is listed (without connector groups), applies to its environments, and blocks its connector there", async () => {
    const [, target = "", other = ""] = environments();
    const created = await bap.dlpPolicies.create({
      policyDefinition: {
        displayName: "No Dropbox in finance",
        defaultConnectorsClassification: "General",
        environmentType: "OnlyEnvironments",
        environments: [{ id: `/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/${target}`, name: target, type: "Microsoft.BusinessAppPlatform/scopes/environments" }],
        connectorGroups: [
          { classification: "Confidential", connectors: [] },
          { classification: "General", connectors: [] },
          { classification: "Blocked", connectors: [{ id: "/providers/Microsoft.PowerApps/apis/shared_dropbox", name: "Dropbox", type: "Microsoft.PowerApps/apis" }] },
        ],
      },
    });
    const policyName = created.policyDefinition.name!;
    expect(policyName).toMatch(/^[0-9a-f-]{36}$/);

    const listed = (await all(bap.dlpPolicies.list())).find((p) => p.policyDefinition.name === policyName)!;
    expect(listed.policyDefinition.connectorGroups).toBeUndefined();
    expect(dlpPolicyAppliesTo(listed, target)).toBe(true);
    expect(dlpPolicyAppliesTo(listed, other)).toBe(false);

    const policy = await bap.dlpPolicies.get({ policyName });
    expect(dlpConnectorClassification(policy, "shared_dropbox")).toEqual({ classification: "Blocked", byDefault: false });
    expect(dlpConnectorClassification(policy, "shared_sql")).toEqual({ classification: "General", byDefault: true });

    const updated = await bap.dlpPolicies.update({ policyName, policyDefinition: { ...policy.policyDefinition, environmentType: "ExceptEnvironments" } });
    expect(updated.policyDefinition.etag).not.toBe(policy.policyDefinition.etag);
    expect(dlpPolicyAppliesTo(await bap.dlpPolicies.get({ policyName }), other)).toBe(true);

    await bap.dlpPolicies.delete({ policyName });
    await expect(bap.dlpPolicies.get({ policyName })).rejects.toMatchObject({ status: 404 });

    // The environment list must fit the environment type: "only these" with none listed is refused.
    const groups = policy.policyDefinition.connectorGroups!;
    const unfit = { displayName: "Nowhere", defaultConnectorsClassification: "General", environmentType: "OnlyEnvironments", environments: [], connectorGroups: groups };
    await expect(bap.dlpPolicies.create({ policyDefinition: unfit })).rejects.toMatchObject({ status: 400 });
  });

  it("the seeded policies answer differently per environment", async () => {
    const applying = async (environment: string) => (await all(bap.dlpPolicies.list())).filter((p) => dlpPolicyAppliesTo(p, environment)).length;
    const counts = await Promise.all(environments().map(applying));
    expect(new Set(counts).size).toBeGreaterThan(1);
  });

  it("tenant settings: a partial update is visible on the next read, the rest unchanged", async () => {
    const before = await bap.tenantSettings.get();
    const after = await bap.tenantSettings.update({ walkMeOptOut: !before.walkMeOptOut, powerPlatform: { powerApps: { enableGuestsToMake: true } } });
    expect(after.walkMeOptOut).toBe(!before.walkMeOptOut);
    const read = await bap.tenantSettings.get();
    expect(read.walkMeOptOut).toBe(!before.walkMeOptOut);
    expect(read.powerPlatform?.powerApps?.enableGuestsToMake).toBe(true);
    expect(read.powerPlatform?.powerApps?.disableShareWithEveryone).toBe(before.powerPlatform?.powerApps?.disableShareWithEveryone);
  });

  it("tenant isolation answers 404 until a policy is set, then reads it back", async () => {
    const tenantId = emulator.state.tenantId;
    await expect(bap.tenantIsolation.get({ tenantId })).rejects.toMatchObject({ status: 404 });
    const allowedTenants = [{ tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47", direction: { inbound: true, outbound: false } }];
    await bap.tenantIsolation.set({ tenantId, properties: { tenantId, isDisabled: false, allowedTenants } });
    const read = await bap.tenantIsolation.get({ tenantId });
    expect(read.properties).toMatchObject({ isDisabled: false, allowedTenants });
  });

  it("management applications: add, get, list, remove", async () => {
    const applicationId = "0f3a6b2c-9d8e-4f1a-b2c3-d4e5f6a7b8c9";
    await bap.managementApplications.add({ applicationId });
    expect((await bap.managementApplications.get({ applicationId })).applicationId).toBe(applicationId);
    expect((await all(bap.managementApplications.list())).map((a) => a.applicationId)).toContain(applicationId);
    await bap.managementApplications.remove({ applicationId });
    expect((await all(bap.managementApplications.list())).map((a) => a.applicationId)).not.toContain(applicationId);
    await expect(bap.managementApplications.get({ applicationId })).rejects.toMatchObject({ status: 404 });
  });
});

describe("PowerAutomateAdminClient against the emulator", () => {
  it("flows.list reads every live flow of the environment across pages, each once", async () => {
    for (const environment of environments()) {
      const names = (await all(automate.flows.list({ environment, top: 2 }))).map((f) => f.name);
      expect(new Set(names).size).toBe(names.length);
      expect(names.sort()).toEqual(emulator.state.flows(environment).map((f) => f.name).sort());
    }
  });

  it("a flow turned off reads back Stopped, turned on reads back Started", async () => {
    const environment = flowEnvironment();
    const flowName = liveFlow();
    await automate.flows.disable({ environment, flowName });
    expect((await automate.flows.get({ environment, flowName })).properties?.state).toBe("Stopped");
    await automate.flows.enable({ environment, flowName });
    expect((await automate.flows.get({ environment, flowName })).properties?.state).toBe("Started");
  });

  it("a deleted flow is listed only with soft-deleted flows, and restore brings it back turned off", async () => {
    const environment = flowEnvironment();
    const flowName = liveFlow();
    await automate.flows.delete({ environment, flowName });
    expect((await all(automate.flows.list({ environment }))).map((f) => f.name)).not.toContain(flowName);
    const withDeleted = await all(automate.flows.list({ environment, includeSoftDeleted: true }));
    expect(withDeleted.find((f) => f.name === flowName)?.properties?.state).toBe("Deleted");
    await expect(automate.flows.disable({ environment, flowName })).rejects.toMatchObject({ status: 404, code: "FlowNotFound" });

    await automate.flows.restore({ environment, flowName });
    expect((await all(automate.flows.list({ environment }))).find((f) => f.name === flowName)?.properties?.state).toBe("Stopped");
    // Deleting what is not there answers 204: nothing to report.
    expect(await automate.flows.delete({ environment, flowName: "00000000-0000-4000-8000-000000000000" })).toBeUndefined();
  });

  it("owners: an edit that adds a group and removes it is visible on the owners list", async () => {
    const environment = flowEnvironment();
    const flowName = liveFlow();
    const group = emulator.state.directory.find((d) => d.type === "Group" && !emulator.state.flowRoleAssignments(environment, flowName).some((r) => r.name === d.id))!;
    await automate.flows.owners.edit({ environment, flowName, put: [{ properties: { roleName: "CanEdit", principal: { id: group.id, type: "Group" } } }] });
    const owners = await all(automate.flows.owners.list({ environment, flowName }));
    expect(owners.find((o) => o.properties?.principal?.id === group.id)?.properties?.roleName).toBe("CanEdit");
    expect(owners.filter((o) => o.properties?.roleName === "Owner")).toHaveLength(1);

    const assignment = owners.find((o) => o.properties?.principal?.id === group.id)!.id!;
    await automate.flows.owners.edit({ environment, flowName, delete: [{ id: assignment }] });
    expect((await all(automate.flows.owners.list({ environment, flowName }))).map((o) => o.properties?.principal?.id)).not.toContain(group.id);
  });

  it("runs: list, get one, and cancel the one still running", async () => {
    const environment = flowEnvironment();
    const flowName = liveFlow();
    const runs = await all(automate.flows.runs.list({ environment, flowName }));
    const running = runs.find((r) => r.properties?.status === "Running")!;
    expect(running).toBeDefined();
    expect((await automate.flows.runs.get({ environment, flowName, runName: running.name! })).properties?.status).toBe("Running");
    await automate.flows.runs.cancel({ environment, flowName, runName: running.name! });
    expect((await automate.flows.runs.get({ environment, flowName, runName: running.name! })).properties?.status).toBe("Cancelled");
    await expect(automate.flows.runs.get({ environment, flowName, runName: "08500000000000000000000000000CU00" })).rejects.toMatchObject({ status: 404 });
  });
});

describe("contract", () => {
  it("every request and answer above matched the specs", () => {
    contract.assertClean();
  });

  it("coverage: every operation of the BAP and Power Automate admin specs was exercised through the facade", () => {
    const expected = allRoutes()
      .filter(({ spec }) => spec === "bap" || spec === "power-automate-admin")
      .map(({ spec, operation }) => `${spec}:${operation.operationId}`);
    expect(expected.filter((key) => !contract.exercised.has(key)), "operations no test above exercised").toEqual([]);
  });
});
