import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createManualClock } from "../../src/core/manualClock.js";
import { faultResponses, type EmulatorExchange } from "../../src/testing/index.js";
import { attachContractValidation } from "../support/contractHarness.js";
import { mount, type Mounted } from "./emulatorClient.js";

const clock = createManualClock();
const m = mount({ seed: 81, clock, appsPerEnvironment: 6, pageSize: 4 });
afterAll(() => m.close());
beforeEach(() => m.emulator.reset());

/** Answers besides plain success — errors, the gates, the 200 form of an install and a busy poll — checked against the specs too. */
async function errorAnswers(t: Mounted): Promise<void> {
  const s = t.emulator.state;
  const env = s.environments[0]!.name;
  const app = s.apps(env)[0]!.name;
  await t.call("Get-AdminApp", { params: { environment: env, app: "1c6ee23a-a835-44bc-a4f5-462b658efc12" } }); // 404
  await t.call("Remove-AdminApp", { params: { environment: env, app } });
  await t.call("Remove-AdminApp", { params: { environment: env, app } }); // 403
  await t.call("GetBillingPolicy", { params: { billingPolicyId: "00000000-0000-4000-8000-00000000dead" } }); // 404
  s.setInstallBehavior({ respondWith: 200, busyPolls: 1, outcome: "Failed" });
  const started = await t.call("InstallApplicationPackage", { params: { environmentId: env, uniqueName: "msdyn_CreatorKitCore" } }); // 200
  const operationId = started.body.lastOperation.operationId;
  await t.call("GetApplicationPackageOperation", { params: { environmentId: env, operationId } }); // 409
  await clock.advance(t.emulator.options.installDurationInMs);
  await t.call("GetApplicationPackageOperation", { params: { environmentId: env, operationId } }); // Failed
  // Gate answers are contract-checked too (a missing api-version would be the client's violation).
  await t.call("Get-AdminApps", { params: { environment: env }, apiVersion: "1999-01-01" });
  await t.call("ListEnvironments", { token: null });
}

describe("contract harness", () => {
  it("finds no violation in error answers, gate answers and the other forms of an install", async () => {
    const contract = attachContractValidation(m.emulator);
    await errorAnswers(m);
    contract.detach();
    contract.assertClean();
    expect(contract.exercised.size).toBeGreaterThan(0);
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
