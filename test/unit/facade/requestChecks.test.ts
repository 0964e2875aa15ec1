/**
 * Checks made from the spec before anything is sent: closed enums (from the operation table's
 * `closedEnums`, no list in src/), open enums passed through, `x-ppadmin.requireAnyOf`; and the
 * hint a 404 carries when an environment display name was passed where its name belongs.
 */
import { HttpResponse } from "msw";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { operationTable } from "../../../generated/operations.js";
import { PowerAppsAdminClient, PowerPlatformClient, PowerPlatformError } from "../../../src/index.js";
import { BASE_URL, createRecordingServer, staticCredential } from "../../support/recordingServer.js";

const recording = createRecordingServer();
beforeAll(() => recording.server.listen({ onUnhandledRequest: "error" }));
afterEach(() => recording.reset());
afterAll(() => recording.server.close());

const ENV = "Default-1dbbeae5-8fa6-462e-a5a1-9932a520a1dc";
const PP_ENV = "0fc02431-15fb-4563-a5ab-8211beb2a86f";
const admin = () => new PowerAppsAdminClient({ endpoint: BASE_URL, credential: staticCredential(), retry: { maxRetries: 0 } });
const pp = () => new PowerPlatformClient({ endpoint: BASE_URL, credential: staticCredential(), retry: { maxRetries: 0 } });
/** Calls made the way untyped JavaScript callers could make them. */
const loose = (x: unknown) => x as Record<string, (args?: unknown) => Promise<unknown>>;

describe("closed enums of the spec are checked before sending", () => {
  it("the table knows them, and only where the spec closes them", () => {
    expect(operationTable.powerAppsAdmin["Set-AppQuarantineState"].closedEnums).toEqual([{ at: "quarantineStatus", values: ["Quarantined", "Unquarantined"] }]);
    expect(operationTable.powerAppsAdmin["Edit-AdminAppRoleAssignment"].closedEnums.map((e) => e.at)).toEqual([
      "put[].properties.roleName",
      "put[].properties.NotifyShareTargetOption",
      "put[].properties.principal.type",
    ]);
    // An open enum (anyOf with a free string) is not a closed one.
    expect(operationTable.powerPlatform.ListEnvironmentApplicationPackages.closedEnums).toEqual([]);
  });

  it.each([
    ["quarantineStatus", () => loose(admin().apps).setQuarantineState!({ environment: ENV, app: "a", quarantineStatus: "quarantine" }), /"quarantineStatus" must be one of "Quarantined", "Unquarantined"; got "quarantine"/],
    ["roleForOldAppOwner", () => loose(admin().apps).setOwner!({ environment: ENV, app: "a", newAppOwner: "u", roleForOldAppOwner: "Owner" }), /"roleForOldAppOwner" must be one of "CanView", "CanViewWithShare", "CanEdit"/],
    [
      "a nested roleName",
      () => loose(admin().apps).editRoleAssignments!({ environment: ENV, app: "a", put: [{ properties: { roleName: "CanView", principal: { id: "g", type: "Group" } } }, { properties: { roleName: "Admin", principal: { id: "u", type: "User" } } }] }),
      /"put\[1\]\.properties\.roleName" must be one of "CanView", "CanViewWithShare", "CanEdit"; got "Admin"/,
    ],
    ["a billing policy status", () => loose(pp().licensing.billingPolicies).update!({ billingPolicyId: "p", status: "Paused" }), /"status" must be one of "Enabled", "Disabled"/],
  ])("%s outside the enum is a TypeError naming the allowed values", async (_what, call, message) => {
    const error = await Promise.resolve().then(call).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(message);
    expect(recording.requests).toHaveLength(0);
  });

  it("a value of an open enum the spec does not list is sent as given", async () => {
    await pp().appManagement.listEnvironmentPackages({ environmentId: PP_ENV, appInstallState: "SomethingNew" }).byPage().next();
    expect(recording.requests[0]!.url.searchParams.get("appInstallState")).toBe("SomethingNew");
  });

  it("requireAnyOf: an edit with nothing to grant or revoke, or an update with nothing to change, is refused", async () => {
    await expect(admin().connections.editRoleAssignments({ environment: ENV, connectorName: "c", connectionName: "n", put: [], delete: [] })).rejects.toThrow(
      /give at least one of "put", "delete"/,
    );
    await expect(pp().licensing.billingPolicies.update({ billingPolicyId: "p" })).rejects.toThrow(/give at least one of "name", "status"/);
    expect(recording.requests).toHaveLength(0);
  });
});

describe("a 404 on an environment-addressed operation", () => {
  const notFound = () => HttpResponse.json({ error: { code: "EnvironmentNotFound", message: "The environment could not be found." } }, { status: 404 });

  it("says an environment name is expected when a display name was passed", async () => {
    recording.answerNext(notFound);
    const error = await admin().apps.get({ environment: "Contoso Dev", app: "a" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(error).toMatchObject({ status: 404, code: "EnvironmentNotFound" });
    expect((error as Error).message).toMatch(/"environment" is "Contoso Dev", which is not an environment name.*GUID, or Default-<tenantId>/);
  });

  it("says so for the first page of a list, and on the Power Platform API's environmentId too", async () => {
    recording.answerNext(notFound, notFound);
    await expect(admin().apps.list({ environment: "Contoso Dev" }).next()).rejects.toThrow(/not an environment name/);
    await expect(pp().licensing.getEnvironmentBillingPolicy({ environmentId: "Sales" })).rejects.toThrow(/"environmentId" is "Sales"/);
  });

  it("adds nothing when the value is an environment name (GUID or Default-<tenant>)", async () => {
    recording.answerNext(notFound, notFound);
    const byDefault = (await admin().apps.get({ environment: ENV, app: "a" }).catch((e: Error) => e)) as Error;
    const byGuid = (await pp().licensing.getEnvironmentBillingPolicy({ environmentId: PP_ENV }).catch((e: Error) => e)) as Error;
    expect(byDefault.message).toMatch(/^The environment could not be found\./);
    expect(byDefault.message).not.toMatch(/environment name/);
    expect(byGuid.message).not.toMatch(/environment name/);
  });
});
