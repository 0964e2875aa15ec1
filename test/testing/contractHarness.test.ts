import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { operationTable, type OperationEntry } from "../../generated/operations.js";
import { createManualClock } from "../../src/core/manualClock.js";
import { faultResponses, type EmulatorExchange } from "../../src/testing/index.js";
import { attachContractValidation } from "../support/contractHarness.js";
import { mount, readAllPages, type Mounted } from "./emulatorClient.js";
import { billingPolicyBody, isvContractBody } from "./requestBodies.js";

const clock = createManualClock();
const m = mount({ seed: 81, clock, appsPerEnvironment: 6, pageSize: 4 });
afterAll(() => m.close());
beforeEach(() => m.emulator.reset());

// The hand-written emulator serves these two services; bap and power-automate-admin (issue 12) join
// with the spec-driven emulator (issue 9.4).
const EMULATED: Readonly<Record<string, string>> = { powerAppsAdmin: "powerapps-admin", powerPlatform: "power-platform" };
const allOperations = Object.entries(operationTable)
  .filter(([service]) => service in EMULATED)
  .flatMap(([service, ops]) => (Object.values(ops) as OperationEntry[]).map((e) => `${EMULATED[service]}:${e.operationId}`));

/** Calls every operation of both specs at least once, successfully, plus a few error answers. */
async function tour(t: Mounted): Promise<void> {
  const s = t.emulator.state;
  const env = s.environments[0]!.name;
  const apps = s.apps(env);
  const app = apps[0]!.name;
  const user = s.users.find((u) => u.id !== apps[0]!.properties?.owner?.id)!;
  const connection = s.connections(env)[0]!;
  const connectorName = connection.properties!.apiId!.split("/").pop()!;
  const custom = s.customConnectors(env)[0]!.name;

  await readAllPages(t, "Get-AdminApps", { params: { environment: env } });
  await t.call("Get-AdminApp", { params: { environment: env, app } });
  await t.call("Get-AdminApp", { params: { environment: env, app: "1c6ee23a-a835-44bc-a4f5-462b658efc12" } });
  await t.call("Set-AppQuarantineState", { params: { environment: env, app }, body: { quarantineStatus: "Quarantined" } });
  await t.call("Get-AppQuarantineState", { params: { environment: env, app } });
  await t.call("Set-PowerAppConditionalAccess", { params: { environment: env, app }, body: { authContextIds: ["c1"] } });
  await t.call("Get-PowerAppConditionalAccess", { params: { environment: env, app } });
  await readAllPages(t, "Get-AdminAppRoleAssignment", { params: { environment: env, app }, query: { $top: "1" } });
  await t.call("Edit-AdminAppRoleAssignment", { params: { environment: env, app }, body: { put: [{ properties: { roleName: "CanView", principal: { id: user.id, type: "User" } } }] } });
  await t.call("Set-AdminAppOwner", { params: { environment: env, app }, body: { newAppOwner: user.id, roleForOldAppOwner: "CanEdit" } });
  await readAllPages(t, "Get-AdminConnections", { params: { environment: env } });
  const connectionParams = { environment: env, connectorName, connectionName: connection.name };
  await t.call("Get-AdminConnectionRoleAssignment", { params: connectionParams });
  await t.call("Edit-AdminConnectionRoleAssignment", { params: connectionParams, body: { put: [{ properties: { roleName: "CanEdit", principal: { id: user.id } } }] } });
  await t.call("Remove-AdminConnection", { params: connectionParams });
  await t.call("Get-AdminConnectors", { params: { environment: env } });
  await t.call("Get-AdminConnectorRoleAssignment", { params: { environment: env, connectorName: custom } });
  await t.call("Edit-AdminConnectorRoleAssignment", { params: { environment: env, connectorName: custom }, body: { put: [{ properties: { roleName: "CanView", principal: { id: s.tenantId, tenantId: s.tenantId } } }] } });
  await t.call("Remove-AdminApp", { params: { environment: env, app } });
  await t.call("Remove-AdminApp", { params: { environment: env, app } }); // 403

  await readAllPages(t, "ListBillingPolicies", { query: { $top: "1" } });
  const created = await t.call("CreateBillingPolicy", { body: billingPolicyBody("tourPayg") });
  const policy = created.body.id;
  await t.call("GetBillingPolicy", { params: { billingPolicyId: policy } });
  await t.call("UpdateBillingPolicy", { params: { billingPolicyId: policy }, body: { status: "Disabled" } });
  await t.call("RefreshBillingPolicyProvisioningStatus", { params: { billingPolicyId: policy } });
  await t.call("AddBillingPolicyEnvironments", { params: { billingPolicyId: policy }, body: { environmentIds: [env] } });
  await t.call("ListBillingPolicyEnvironments", { params: { billingPolicyId: policy } });
  await t.call("GetBillingPolicyEnvironment", { params: { billingPolicyId: policy, environmentId: env } });
  await t.call("GetEnvironmentBillingPolicy", { params: { environmentId: env } });
  await t.call("RemoveBillingPolicyEnvironments", { params: { billingPolicyId: policy }, body: { environmentIds: [env] } });
  await t.call("DeleteBillingPolicy", { params: { billingPolicyId: policy } });
  await t.call("GetBillingPolicy", { params: { billingPolicyId: policy } }); // 404
  await t.call("GetTenantCapacityDetails");
  const contract = await t.call("CreateIsvContract", { body: isvContractBody("contosoIsvTour0001") });
  await readAllPages(t, "ListIsvContracts");
  await t.call("GetIsvContract", { params: { isvContractId: contract.body.id } });
  await t.call("UpdateIsvContract", { params: { isvContractId: contract.body.id }, body: { status: "Disabled" } });
  await t.call("DeleteIsvContract", { params: { isvContractId: contract.body.id } });

  await readAllPages(t, "ListTenantApplicationPackages");
  await readAllPages(t, "ListEnvironmentApplicationPackages", { params: { environmentId: env }, query: { appInstallState: "NotInstalled", lcid: "1033" } });
  const install = await t.call("InstallApplicationPackage", { params: { environmentId: env, uniqueName: "MicrosoftFormsPro" }, body: {} });
  await t.fetch(install.headers.get("operation-location")!);
  await clock.advance(t.emulator.options.installDurationInMs);
  await t.fetch(install.headers.get("operation-location")!);
  s.setInstallBehavior({ respondWith: 200, busyPolls: 1, outcome: "Failed" });
  const second = await t.call("InstallApplicationPackage", { params: { environmentId: env, uniqueName: "msdyn_CreatorKitCore" } });
  await t.call("GetApplicationPackageOperation", { params: { environmentId: env, operationId: second.body.lastOperation.operationId } }); // 409
  await clock.advance(t.emulator.options.installDurationInMs);
  await t.call("GetApplicationPackageOperation", { params: { environmentId: env, operationId: second.body.lastOperation.operationId } });

  await readAllPages(t, "ListEnvironments", { query: { $top: "2" } });
  await t.call("GetEnvironment", { params: { environmentId: env } });
  await readAllPages(t, "ListApps", { params: { environmentId: env } });
  await t.call("GetApp", { params: { environmentId: env, app: apps[1]!.name } });

  // Gate answers are contract-checked too (a missing api-version would be the client's violation).
  await t.call("Get-AdminApps", { params: { environment: env }, apiVersion: "1999-01-01" });
  await t.call("ListEnvironments", { token: null });
}

describe("contract harness", () => {
  it("finds no violation in a tour of every operation of both specs, and records each as exercised", async () => {
    const contract = attachContractValidation(m.emulator);
    await tour(m);
    contract.detach();
    contract.assertClean();
    expect([...contract.exercised].sort()).toEqual([...allOperations].sort());
  });

  it("flags an invalid request body and a missing required query parameter", async () => {
    const contract = attachContractValidation(m.emulator);
    const env = m.emulator.state.environments[0]!.name;
    const app = m.emulator.state.apps(env)[0]!.name;
    await m.call("Set-AppQuarantineState", { params: { environment: env, app }, body: { status: "Quarantined" } });
    await m.call("GetTenantCapacityDetails", { apiVersion: null });
    contract.detach();
    expect(contract.violations).toHaveLength(2);
    expect(contract.violations[0]).toMatch(/Set-AppQuarantineState .* request body: .*quarantineStatus/);
    expect(contract.violations[1]).toMatch(/GetTenantCapacityDetails .* required query parameter 'api-version' is missing/);
    expect(() => contract.assertClean()).toThrow(/2 contract violation/);
  });

  it("flags an unknown route, and ignores injected faults", async () => {
    const contract = attachContractValidation(m.emulator);
    m.emulator.faults.add({ respond: faultResponses.html(502) });
    await m.call("GetTenantCapacityDetails");
    await m.fetch(`${m.emulator.baseUrl}/licensing/unknown?api-version=2024-10-01`);
    contract.detach();
    expect(contract.violations).toEqual([expect.stringMatching(/no operation of power-platform serves GET \/licensing\/unknown/)]);
    expect(contract.exercised.size).toBe(0);
  });

  it("flags response bodies that do not match their schema (declared or default) and a missing required header", () => {
    let emit: (exchange: EmulatorExchange) => void = () => undefined;
    const contract = attachContractValidation({ onExchange: (listener) => ((emit = listener), () => undefined) });
    const base: EmulatorExchange = {
      operationId: "GetBillingPolicy",
      spec: "power-platform",
      method: "GET",
      url: "https://x.test/licensing/billingPolicies/1?api-version=2024-10-01",
      pathTemplate: "/licensing/billingPolicies/{billingPolicyId}",
      query: { "api-version": "2024-10-01" },
      requestBody: undefined,
      status: 200,
      responseHeaders: { "content-type": "application/json" },
      responseBody: { id: "1", name: "p", location: "europe" },
      fault: false,
    };
    emit(base);
    emit({ ...base, operationId: "Get-AdminApps", spec: "powerapps-admin", pathTemplate: "/providers/Microsoft.PowerApps/scopes/admin/environments/{environment}/apps", status: 201, responseBody: {} });
    emit({
      ...base,
      operationId: "InstallApplicationPackage",
      method: "POST",
      pathTemplate: "/appmanagement/environments/{environmentId}/applicationPackages/{uniqueName}/install",
      status: 202,
      responseBody: undefined,
      requestBody: {},
    });
    emit({ ...base, fault: true, responseBody: "garbage" });
    expect(contract.violations).toHaveLength(3);
    expect(contract.violations[0]).toMatch(/200 response body .*status/);
    expect(contract.violations[1]).toMatch(/201 response body \(default\): .*required property 'error'/);
    expect(contract.violations[2]).toMatch(/required response header 'Operation-Location' is missing/);
  });
});
