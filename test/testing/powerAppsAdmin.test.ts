import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { mount } from "./emulatorClient.js";

const m = mount({ seed: 31, appsPerEnvironment: 8 });
afterAll(() => m.close());
beforeEach(() => m.emulator.reset());

const state = () => m.emulator.state;
const env = () => state().environments[0]!.name;
const firstApp = () => state().apps(env()).find((a) => a.properties?.owner?.type === "User")!;
const user = (i: number) => state().users[i]!;

describe("apps", () => {
  it("answers 403 when deleting an app that does not exist, and deletes one that does", async () => {
    const unknown = await m.call("Remove-AdminApp", { params: { environment: env(), app: "1c6ee23a-a835-44bc-a4f5-462b658efc12" } });
    expect(unknown.status).toBe(403);
    expect(unknown.body.error.code).toBe("Forbidden");
    const app = firstApp().name;
    const removed = await m.call("Remove-AdminApp", { params: { environment: env(), app } });
    expect(removed.status).toBe(200);
    expect((await m.call("Get-AdminApp", { params: { environment: env(), app } })).status).toBe(404);
    expect(state().app(env(), app)).toBeUndefined();
  });

  it("quarantines and releases an app; the app and getAppQuarantineState read it back", async () => {
    const app = firstApp().name;
    const set = await m.call("Set-AppQuarantineState", { params: { environment: env(), app }, body: { quarantineStatus: "Quarantined" } });
    expect(set.status).toBe(200);
    const read = await m.call("Get-AdminApp", { params: { environment: env(), app } });
    expect(read.body.properties.executionRestrictions.appQuarantineState.quarantineStatus).toBe("Quarantined");
    expect((await m.call("Get-AppQuarantineState", { params: { environment: env(), app } })).body).toBe("Quarantined");
    state().behavior.quarantineStateShape = "object";
    await m.call("Set-AppQuarantineState", { params: { environment: env(), app }, body: { quarantineStatus: "Unquarantined" } });
    expect((await m.call("Get-AppQuarantineState", { params: { environment: env(), app } })).body).toEqual({ quarantineStatus: "Unquarantined" });
    const bad = await m.call("Set-AppQuarantineState", { params: { environment: env(), app }, body: { quarantineStatus: "Locked" } });
    expect(bad.status).toBe(400);
  });

  it("changes the owner; the old owner keeps roleForOldAppOwner", async () => {
    const app = firstApp();
    const oldOwner = app.properties!.owner!.id!;
    const newOwner = state().users.find((u) => u.id !== oldOwner)!;
    const answer = await m.call("Set-AdminAppOwner", { params: { environment: env(), app: app.name }, body: { newAppOwner: newOwner.id, roleForOldAppOwner: "CanView" } });
    expect(answer.status).toBe(200);
    const after = state().app(env(), app.name)!;
    expect(after.properties!.owner).toMatchObject({ id: newOwner.id, displayName: newOwner.displayName, email: newOwner.email, type: "User" });
    const roles = (await m.call("Get-AdminAppRoleAssignment", { params: { environment: env(), app: app.name } })).body.value;
    const roleOf = (id: string) => roles.find((r: any) => r.properties.principal.id === id)?.properties.roleName;
    expect(roleOf(newOwner.id)).toBe("Owner");
    expect(roleOf(oldOwner)).toBe("CanView");
  });

  it("changes the owner; without roleForOldAppOwner the old owner loses access", async () => {
    const app = firstApp();
    const oldOwner = app.properties!.owner!.id!;
    const newOwner = state().users.find((u) => u.id !== oldOwner)!;
    await m.call("Set-AdminAppOwner", { params: { environment: env(), app: app.name }, body: { newAppOwner: newOwner.id } });
    const roles = state().appRoleAssignments(env(), app.name);
    expect(roles.some((r) => r.properties?.principal?.id === oldOwner)).toBe(false);
    const unknown = await m.call("Set-AdminAppOwner", { params: { environment: env(), app: app.name }, body: { newAppOwner: "00000000-0000-0000-0000-000000000001" } });
    expect(unknown.status).toBe(400);
  });

  it("sets, reads and clears conditional access ids", async () => {
    const app = firstApp().name;
    await m.call("Set-PowerAppConditionalAccess", { params: { environment: env(), app }, body: { authContextIds: ["c1", "c2"] } });
    expect((await m.call("Get-PowerAppConditionalAccess", { params: { environment: env(), app } })).body).toEqual(["c1", "c2"]);
    expect(state().app(env(), app)!.properties!.executionRestrictions!.conditionalAccessAuthenticationContextIds).toEqual(["c1", "c2"]);
    await m.call("Set-PowerAppConditionalAccess", { params: { environment: env(), app }, body: { authContextIds: [] } });
    state().behavior.conditionalAccessShape = "object";
    expect((await m.call("Get-PowerAppConditionalAccess", { params: { environment: env(), app } })).body).toEqual({ authContextIds: [] });
  });

  it("shares and unshares an app; the answer has the spec's put-result shape", async () => {
    const app = firstApp();
    const owner = app.properties!.owner!.id!;
    const target = state().users.find((u) => u.id !== owner && !state().appRoleAssignments(env(), app.name).some((r) => r.properties?.principal?.id === u.id))!;
    const shared = await m.call("Edit-AdminAppRoleAssignment", {
      params: { environment: env(), app: app.name },
      body: { put: [{ properties: { roleName: "CanEdit", NotifyShareTargetOption: "DoNotNotify", principal: { email: target.email, type: "User" } } }, { properties: { roleName: "CanView", principal: { type: "Tenant", tenantId: state().tenantId } } }] },
    });
    expect(shared.status).toBe(200);
    expect(shared.body.put[0]).toMatchObject({
      id: `/providers/Microsoft.PowerApps/scopes/admin/apps/${app.name}/permissions/${target.id}`,
      properties: { roleName: "CanEdit", principal: { id: target.id, type: "User" }, resourceResponses: [{ statusCode: "Created", responseCode: "ResourceShared" }] },
    });
    let roles = state().appRoleAssignments(env(), app.name);
    expect(roles.find((r) => r.name === target.id)?.properties).toMatchObject({ roleName: "CanEdit", notifyShareTargetOption: "DoNotNotify" });
    expect(roles.some((r) => r.name === `tenant-${state().tenantId}`)).toBe(true);
    expect(state().app(env(), app.name)!.properties!.sharedUsersCount).toBe(roles.filter((r) => r.properties?.principal?.type === "User" && r.properties.roleName !== "Owner").length);

    await m.call("Edit-AdminAppRoleAssignment", { params: { environment: env(), app: app.name }, body: { delete: [{ id: target.id }, { id: `tenant-${state().tenantId}` }] } });
    roles = state().appRoleAssignments(env(), app.name);
    expect(roles.some((r) => r.name === target.id || r.name === `tenant-${state().tenantId}`)).toBe(false);

    const tenantEdit = await m.call("Edit-AdminAppRoleAssignment", { params: { environment: env(), app: app.name }, body: { put: [{ properties: { roleName: "CanEdit", principal: { type: "Tenant", tenantId: state().tenantId } } }] } });
    expect(tenantEdit.status).toBe(400);
  });

  it("answers 202 or 204 without a body for write actions when told to", async () => {
    state().behavior.writeActionStatus = 204;
    const answer = await m.call("Set-AppQuarantineState", { params: { environment: env(), app: firstApp().name }, body: { quarantineStatus: "Quarantined" } });
    expect(answer.status).toBe(204);
    expect(answer.body).toBeUndefined();
  });
});

describe("connections and custom connectors", () => {
  it("removes a connection, then no longer lists it; an unknown one is 404", async () => {
    const connection = state().connections(env())[0]!;
    const connectorName = connection.properties!.apiId!.split("/").pop()!;
    const removed = await m.call("Remove-AdminConnection", { params: { environment: env(), connectorName, connectionName: connection.name } });
    expect(removed.status).toBe(200);
    const listed = await m.call("Get-AdminConnections", { params: { environment: env() } });
    expect(listed.body.value.map((c: { name: string }) => c.name)).not.toContain(connection.name);
    const again = await m.call("Remove-AdminConnection", { params: { environment: env(), connectorName, connectionName: connection.name } });
    expect(again.status).toBe(404);
  });

  it("shares and unshares a connection", async () => {
    const connection = state().connections(env())[0]!;
    const connectorName = connection.properties!.apiId!.split("/").pop()!;
    const params = { environment: env(), connectorName, connectionName: connection.name };
    const target = user(15);
    await m.call("Edit-AdminConnectionRoleAssignment", { params, body: { delete: [], put: [{ properties: { roleName: "CanEdit", principal: { id: target.id } } }] } });
    const roles = (await m.call("Get-AdminConnectionRoleAssignment", { params })).body.value;
    const role = roles.find((r: any) => r.properties.principal.id === target.id);
    expect(role).toMatchObject({ id: `/providers/Microsoft.PowerApps/apis/${connectorName}/connections/${connection.name}/permissions/${target.id}`, properties: { roleName: "CanEdit" } });
    await m.call("Edit-AdminConnectionRoleAssignment", { params, body: { delete: [{ id: role.id }] } });
    expect(state().connectionRoleAssignments(env(), connectorName, connection.name).some((r) => r.properties?.principal?.id === target.id)).toBe(false);
  });

  it("lists custom connectors and shares one with the tenant", async () => {
    const listed = await m.call("Get-AdminConnectors", { params: { environment: env() } });
    expect(listed.body.value).toHaveLength(2);
    const connectorName = listed.body.value[0].name;
    expect(listed.body.value[0].properties.isCustomApi).toBe(true);
    await m.call("Edit-AdminConnectorRoleAssignment", { params: { environment: env(), connectorName }, body: { put: [{ properties: { roleName: "CanView", principal: { id: state().tenantId, tenantId: state().tenantId } } }] } });
    const roles = (await m.call("Get-AdminConnectorRoleAssignment", { params: { environment: env(), connectorName } })).body.value;
    expect(roles.find((r: any) => r.properties.principal.type === "Tenant")?.properties.roleName).toBe("CanView");
    const missing = await m.call("Get-AdminConnectorRoleAssignment", { params: { environment: env(), connectorName: "shared_nope" } });
    expect(missing.status).toBe(404);
  });
});
