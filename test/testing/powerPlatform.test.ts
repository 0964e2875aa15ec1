import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createManualClock } from "../../src/core/manualClock.js";
import { entryOf, mount } from "./emulatorClient.js";
import { billingPolicyBody, isvContractBody } from "./requestBodies.js";

const clock = createManualClock();
const m = mount({ seed: 41, clock, provisioningDelayInMs: 5_000, installDurationInMs: 3_000, startTime: "2025-06-01T00:00:00Z" });
afterAll(() => m.close());
beforeEach(() => m.emulator.reset());

const state = () => m.emulator.state;
const createBody = billingPolicyBody("contosoPayg", "Disabled");

describe("billing policies", () => {
  it("stays Provisioning until the delay has passed on the emulator clock, then takes the requested status", async () => {
    const created = await m.call("CreateBillingPolicy", { body: createBody });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "contosoPayg", status: "Provisioning", location: "unitedstates", type: "TenantOwned" });
    const id = created.body.id;
    await clock.advance(4_999);
    expect((await m.call("GetBillingPolicy", { params: { billingPolicyId: id } })).body.status).toBe("Provisioning");
    expect((await m.call("RefreshBillingPolicyProvisioningStatus", { params: { billingPolicyId: id } })).body.status).toBe("Provisioning");
    await clock.advance(1);
    const done = await m.call("GetBillingPolicy", { params: { billingPolicyId: id } });
    expect(done.body.status).toBe("Disabled");
    expect(state().billingPolicy(id)?.status).toBe("Disabled");
  });

  it("updates, deletes, and answers 404 BillingPolicyNotFound afterwards", async () => {
    const id = state().billingPolicies[0]!.id;
    const updated = await m.call("UpdateBillingPolicy", { params: { billingPolicyId: id }, body: { name: "renamedPayg", status: "Disabled" } });
    expect(updated.body).toMatchObject({ id, name: "renamedPayg", status: "Disabled" });
    expect(updated.body.lastModifiedOn).toMatch(/^2025-06-01T/);
    const deleted = await m.call("DeleteBillingPolicy", { params: { billingPolicyId: id } });
    expect(deleted.status).toBe(204);
    const gone = await m.call("GetBillingPolicy", { params: { billingPolicyId: id } });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe("BillingPolicyNotFound");
    const invalid = await m.call("CreateBillingPolicy", { body: { name: "x", location: "unitedstates", billingInstrument: { subscriptionId: "not-a-guid", resourceGroup: "rg" } } });
    expect(invalid.status).toBe(400);
  });

  it("links, lists, reads and unlinks environments; the environment reads its policy back", async () => {
    const policy = state().billingPolicies[0]!.id;
    const env = state().environments[0]!.name;
    expect((await m.call("GetEnvironmentBillingPolicy", { params: { environmentId: env } })).status).toBe(404);
    const added = await m.call("AddBillingPolicyEnvironments", { params: { billingPolicyId: policy }, body: { environmentIds: [env] } });
    expect(added.status).toBe(200);
    expect(added.body).toBeUndefined();
    const listed = await m.call("ListBillingPolicyEnvironments", { params: { billingPolicyId: policy } });
    expect(listed.body.value).toContainEqual({ billingPolicyId: policy, environmentId: env });
    expect((await m.call("GetBillingPolicyEnvironment", { params: { billingPolicyId: policy, environmentId: env } })).body).toEqual({ billingPolicyId: policy, environmentId: env });
    expect((await m.call("GetEnvironmentBillingPolicy", { params: { environmentId: env } })).body.id).toBe(policy);
    await m.call("RemoveBillingPolicyEnvironments", { params: { billingPolicyId: policy }, body: { environmentIds: [env] } });
    expect(state().billingPolicyEnvironments(policy)).not.toContain(env);
    expect((await m.call("GetBillingPolicyEnvironment", { params: { billingPolicyId: policy, environmentId: env } })).status).toBe(404);
    const unknownEnv = await m.call("AddBillingPolicyEnvironments", { params: { billingPolicyId: policy }, body: { environmentIds: ["nope"] } });
    expect(unknownEnv.status).toBe(404);
  });
});

describe("ISV contracts and capacity", () => {
  it("creates, reads, updates, lists and deletes an ISV contract", async () => {
    const body = isvContractBody("contosoIsvNorthwind02", ["europe"]);
    const created = await m.call("CreateIsvContract", { body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: body.name, geo: ["europe"], status: "Enabled" });
    const id = created.body.id;
    const updated = await m.call("UpdateIsvContract", { params: { isvContractId: id }, body: { status: "Disabled" } });
    expect(updated.body.status).toBe("Disabled");
    expect((await m.call("ListIsvContracts")).body.value.map((c: { id: string }) => c.id)).toContain(id);
    expect((await m.call("DeleteIsvContract", { params: { isvContractId: id } })).status).toBe(204);
    expect((await m.call("GetIsvContract", { params: { isvContractId: id } })).status).toBe(404);
    expect((await m.call("CreateIsvContract", { body: { ...body, name: "short" } })).status).toBe(400);
  });

  it("reports tenant capacity for the tenant", async () => {
    const capacity = await m.call("GetTenantCapacityDetails");
    expect(capacity.body).toMatchObject({ tenantId: state().tenantId, licenseModelType: "StorageDriven" });
    expect(capacity.body.tenantCapacities.map((c: { capacityType: string }) => c.capacityType)).toEqual(["Database", "File"]);
  });
});

describe("application packages", () => {
  const env = () => state().environments[0]!.name;

  it("lists tenant packages and filters environment packages by install state", async () => {
    expect((await m.call("ListTenantApplicationPackages")).body.value.length).toBeGreaterThan(0);
    const all = (await m.call("ListEnvironmentApplicationPackages", { params: { environmentId: env() } })).body.value;
    const installed = (await m.call("ListEnvironmentApplicationPackages", { params: { environmentId: env() }, query: { appInstallState: "Installed" } })).body.value;
    const notInstalled = (await m.call("ListEnvironmentApplicationPackages", { params: { environmentId: env() }, query: { appInstallState: "NotInstalled" } })).body.value;
    expect(installed.length).toBeGreaterThan(0);
    expect(installed.every((p: { state: string }) => p.state === "Installed")).toBe(true);
    expect(installed.length + notInstalled.length).toBe(all.length);
  });

  it("installs as a long-running operation: 202 + Operation-Location, Running, then Succeeded and Installed", async () => {
    const uniqueName = "msdyn_ProjectServiceCore";
    const started = await m.call("InstallApplicationPackage", { params: { environmentId: env(), uniqueName }, body: {} });
    expect(started.status).toBe(202);
    const location = new URL(started.headers.get("operation-location")!);
    expect(location.origin).toBe(m.emulator.baseUrl);
    expect(location.pathname).toMatch(new RegExp(`^/appmanagement/environments/${env()}/operations/[0-9a-f-]{36}$`));
    expect(location.searchParams.get("api-version")).toBe("1");
    const running = await m.fetch(location.toString());
    expect(running.status).toBe(200);
    expect(running.body.status).toBe("Running");
    expect(running.headers.get("retry-after")).toBe("3");
    expect(state().applicationPackages(env()).find((p) => p.uniqueName === uniqueName)?.state).toBe("Installing");
    await clock.advance(3_000);
    const done = await m.fetch(location.toString());
    expect(done.body).toMatchObject({ status: "Succeeded", error: null });
    expect(state().applicationPackages(env()).find((p) => p.uniqueName === uniqueName)?.state).toBe("Installed");
  });

  it("fails an install when told to, answers 200 with an InstancePackage when told to, and 409 while busy", async () => {
    state().setInstallBehavior({ outcome: "Failed", respondWith: 200, busyPolls: 1 });
    const started = await m.call("InstallApplicationPackage", { params: { environmentId: env(), uniqueName: "msdyn_CreatorKitCore" } });
    expect(started.status).toBe(200);
    expect(started.headers.get("operation-location")).toBeNull();
    const operationId = started.body.lastOperation.operationId;
    const params = { environmentId: env(), operationId };
    const busy = await m.call("GetApplicationPackageOperation", { params });
    expect(busy.status).toBe(409);
    expect(busy.headers.get("retry-after")).not.toBeNull();
    await clock.advance(3_000);
    const failed = await m.call("GetApplicationPackageOperation", { params });
    expect(failed.body).toMatchObject({ operationId, status: "Failed", error: { errorName: "ImportSolutionError" } });
    expect(state().applicationPackages(env()).find((p) => p.uniqueName === "msdyn_CreatorKitCore")?.state).toBe("InstallFailed");
    expect((await m.call("InstallApplicationPackage", { params: { environmentId: env(), uniqueName: "NoSuchPackage" } })).status).toBe(404);
  });
});

describe("PowerApps namespace", () => {
  it("serves the same apps under nextLink, and one app by name", async () => {
    const env = state().environments[1]!.name;
    const page = await m.call("ListApps", { params: { environmentId: env }, query: { $top: "5" } });
    expect(page.body.value).toHaveLength(5);
    expect(new URL(page.body[entryOf("ListApps").nextLinkName!]).searchParams.get("api-version")).toBe(entryOf("ListApps").defaultApiVersion);
    const app = page.body.value[0];
    expect((await m.call("GetApp", { params: { environmentId: env, app: app.name } })).body).toEqual(app);
  });
});
