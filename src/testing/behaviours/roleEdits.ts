/**
 * `modifyPermissions` on apps, connections, custom connectors and flows: `{put: [{properties: {roleName,
 * principal}}], delete: [{id}]}` checked whole first, then revokes, then grants, written into the
 * resource's `permissions` collection (which the list operations read). The owner's role is changed
 * only by a change of owner. Apps also take principals by mail, tenant-wide shares (CanView only),
 * and answer the `put` results.
 */
import { checkParents, emptyAnswer } from "../operations/genericHandlers.js";
import type { OperationId } from "../../../generated/operations.js";
import type { Behaviour, OperationCall } from "../operations/operationCall.js";
import { appRoleAssignment, connectionRoleAssignment, connectorRoleAssignment, findRoleKey, roleKeyOf } from "../seed/roleAssignments.js";
import { flowRoleAssignment } from "../seed/flowSeed.js";
import { countShares } from "../seed/tenantSeed.js";
import type { Principal, RoleAssignment } from "../seed/wireShapes.js";
import { fillTemplate, type Doc } from "../tenant/resourceStore.js";
import { invalidBody, jsonAnswer, serviceError } from "../http/wire.js";
import { listedValue, targetApp } from "./apps.js";
import { requireLiveFlow } from "./flows.js";

interface Grant {
  principal: Principal;
  roleName: string;
  notify: string;
}

/** The principal a `put` entry names (by id, or for apps by mail or as the tenant). */
function principalOf(call: OperationCall, raw: Doc, forApp: boolean): Principal {
  const directory = call.state.directoryIndex;
  const tenantId = directory.tenantId.toLowerCase();
  const wantsTenant = forApp ? raw.type === "Tenant" : String(raw.id).toLowerCase() === tenantId;
  if (wantsTenant) {
    const named = String(raw.tenantId ?? raw.id ?? tenantId).toLowerCase();
    if (named !== tenantId) throw invalidBody(`Tenant '${named}' is not this tenant.`);
    return directory.tenantPrincipal();
  }
  const entry = (raw.id ? directory.get(raw.id) : undefined) ?? (forApp && raw.email ? directory.findByEmail(raw.email) : undefined);
  if (!entry) throw serviceError(400, "PrincipalNotFound", `The principal '${String(raw.id ?? raw.email ?? "?")}' was not found in the tenant.`);
  return directory.principalOf(entry);
}

/** Checks the body and applies it to `roles`; `build` makes the stored assignment. */
function edit(call: OperationCall, roles: Map<string, Doc>, forApp: boolean, build: (grant: Grant) => RoleAssignment | Doc): Grant[] {
  const owners = new Set([...roles.values()].filter((r) => r.properties?.roleName === "Owner").map((r) => String(r.properties?.principal?.id).toLowerCase()));
  const grants = ((call.body.put ?? []) as Doc[]).map(({ properties }): Grant => {
    const roleName = listedValue(call, "put.properties.roleName", properties.roleName);
    const principal = principalOf(call, properties.principal, forApp);
    if (owners.has(String(principal.id).toLowerCase())) throw invalidBody(`'${principal.id}' is the owner; the owner's role cannot be changed by sharing.`);
    if (principal.type === "Tenant" && forApp && roleName !== "CanView") throw invalidBody("A tenant-wide share must use the CanView role.");
    return { principal, roleName, notify: String(properties.NotifyShareTargetOption ?? "NotSpecified") };
  });
  const revokes = ((call.body.delete ?? []) as Doc[]).map(({ id }) => {
    const key = findRoleKey(roles, String(id));
    if (key !== undefined && roles.get(key)?.properties?.roleName === "Owner") throw invalidBody("The owner's role cannot be deleted; change the owner instead.");
    return key;
  });
  for (const key of revokes) if (key !== undefined) roles.delete(key);
  for (const grant of grants) {
    const role = build(grant);
    roles.set(roleKeyOf(grant.principal).toLowerCase(), role);
  }
  return grants;
}

/** The `permissions` collection next to a `modifyPermissions` action. */
function permissions(call: OperationCall): Map<string, Doc> {
  checkParents(call);
  return call.state.store.collection(fillTemplate(call.operation.path.replace(/\/modifyPermissions$/, "/permissions"), call.params));
}

const editApp: Behaviour = (call) => {
  const app = targetApp(call);
  const { environment = "" } = call.params;
  const ownerId = app.properties.owner?.id ?? "";
  const now = call.state.time.iso();
  const grants = edit(call, permissions(call), true, (g) => appRoleAssignment(environment, app.name, g.principal, g.roleName, { createdOn: now, createdBy: ownerId, notifyShareTargetOption: g.notify }));
  countShares(call.state.store, environment, app.name);
  return jsonAnswer(200, {
    put: grants.map(({ principal, roleName }) => ({
      id: `/providers/Microsoft.PowerApps/scopes/admin/apps/${app.name}/permissions/${roleKeyOf(principal)}`,
      properties: {
        roleName,
        scope: `/providers/Microsoft.PowerApps/apps/${app.name}`,
        principal: { id: principal.id, ...(principal.email ? { email: principal.email } : {}), type: principal.type },
        resourceResponses: [{ id: `/providers/Microsoft.PowerApps/apps/${app.name}`, statusCode: "Created", responseCode: "ResourceShared", message: `This was shared with '${roleName}' permission.`, type: "/providers/Microsoft.PowerApps/apps" }],
      },
    })),
  });
};

const editConnection: Behaviour = (call) => {
  const { connectorName = "", connectionName = "" } = call.params;
  edit(call, permissions(call), false, (g) => connectionRoleAssignment(connectorName, connectionName, g.principal, g.roleName));
  return emptyAnswer(call);
};

const editConnector: Behaviour = (call) => {
  const { environment = "", connectorName = "" } = call.params;
  edit(call, permissions(call), false, (g) => connectorRoleAssignment(environment, connectorName, g.principal, g.roleName));
  return emptyAnswer(call);
};

/** Flow owners: co-owners (`CanEdit`) and run-only users (`CanView`); a soft-deleted flow is not found. */
const editFlow: Behaviour = (call) => {
  const { environment = "" } = call.params;
  const roles = permissions(call);
  const flow = requireLiveFlow(call);
  if (!(call.body.put?.length || call.body.delete?.length)) throw invalidBody("Give at least one entry in 'put' or 'delete'.");
  edit(call, roles, false, (g) => flowRoleAssignment(environment, flow.name, g.principal, g.roleName));
  return emptyAnswer(call);
};

/** Behaviours by operation id. */
export const roleEditBehaviours = {
  "Edit-AdminFlowOwnerRole": editFlow,
  "Edit-AdminAppRoleAssignment": editApp,
  "Edit-AdminConnectionRoleAssignment": editConnection,
  "Edit-AdminConnectorRoleAssignment": editConnector,
} satisfies Partial<Record<OperationId, Behaviour>>;
