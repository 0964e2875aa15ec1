/**
 * What the app operations do beyond storage: deleting an unknown app is 403 (as the service answers),
 * quarantine and conditional access are written into the app and read back from it (in either shape
 * the wire uses), and a new owner takes the Owner role while the old one keeps `roleForOldAppOwner`
 * or loses access.
 */
import { knownValues, schemaAt } from "../operations/bodySchema.js";
import { actionTarget, checkParents, emptyAnswer } from "../operations/genericHandlers.js";
import type { OperationId } from "../../../generated/operations.js";
import type { Behaviour, OperationCall } from "../operations/operationCall.js";
import { countShares } from "../seed/tenantSeed.js";
import { appRoleAssignment, findRoleKey, roleKeyOf } from "../seed/roleAssignments.js";
import type { PowerApp } from "../seed/wireShapes.js";
import { pathOf } from "../tenant/collections.js";
import { invalidBody, jsonAnswer, serviceError } from "../http/wire.js";

/** The app an action is on (404 from the parent check when there is none). */
export function targetApp(call: OperationCall): PowerApp & { properties: NonNullable<PowerApp["properties"]> } {
  checkParents(call);
  const app = actionTarget(call) as PowerApp;
  app.properties ??= {};
  return app as PowerApp & { properties: NonNullable<PowerApp["properties"]> };
}

/** A value the body schema lists for `field` (case-insensitive), in its canonical spelling, or 400. */
export function listedValue(call: OperationCall, field: string, value: string): string {
  const allowed = knownValues(schemaAt(call.operation.requestBody?.schema, field));
  const hit = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (allowed.length > 0 && !hit) throw invalidBody(`'${field}' must be one of ${allowed.join(", ")}; got '${value}'.`);
  return hit ?? value;
}

function restrictions(call: OperationCall) {
  const app = targetApp(call);
  return { app, restrictions: (app.properties.executionRestrictions ??= {}) };
}

const touch = (call: OperationCall, app: PowerApp) => {
  if (app.properties) app.properties.lastModifiedTime = call.state.time.iso();
};

const removeApp: Behaviour = (call, generic) => {
  checkParents(call);
  const app = call.params.app ?? "";
  if (!call.state.store.get(pathOf("apps", { environment: call.params.environment ?? "" }), app)) {
    throw serviceError(403, "Forbidden", `The caller does not have permission to perform action 'DeleteApp' on app '${app}'.`);
  }
  return generic();
};

const setQuarantine: Behaviour = (call) => {
  const status = listedValue(call, "quarantineStatus", call.body.quarantineStatus);
  const { app, restrictions: r } = restrictions(call);
  r.appQuarantineState = { quarantineStatus: status };
  touch(call, app);
  return emptyAnswer(call);
};

const getQuarantine: Behaviour = (call) => {
  const status = restrictions(call).restrictions.appQuarantineState?.quarantineStatus ?? "NotSpecified";
  return jsonAnswer(200, call.state.behavior.quarantineStateShape === "object" ? { quarantineStatus: status } : status);
};

const setConditionalAccess: Behaviour = (call) => {
  const ids: string[] = call.body.authContextIds;
  const bad = ids.find((id) => !/^c([1-9]|[1-9][0-9])$/.test(id));
  if (bad !== undefined) throw invalidBody(`'${bad}' is not an authentication-context id (c1 ... c99).`);
  const { app, restrictions: r } = restrictions(call);
  r.conditionalAccessAuthenticationContextIds = [...new Set(ids)];
  touch(call, app);
  return emptyAnswer(call);
};

const getConditionalAccess: Behaviour = (call) => {
  const ids = [...(restrictions(call).restrictions.conditionalAccessAuthenticationContextIds ?? [])];
  return jsonAnswer(200, call.state.behavior.conditionalAccessShape === "object" ? { authContextIds: ids } : ids);
};

const setOwner: Behaviour = (call) => {
  const app = targetApp(call);
  const { state } = call;
  const keepRole = call.body.roleForOldAppOwner === undefined ? undefined : listedValue(call, "roleForOldAppOwner", call.body.roleForOldAppOwner);
  const entry = state.directoryIndex.get(call.body.newAppOwner);
  if (!entry || entry.type === "Group") throw serviceError(400, "PrincipalNotFound", `The new owner '${String(call.body.newAppOwner)}' is not a user or service principal of the tenant.`);
  const newOwner = state.directoryIndex.principalOf(entry);
  const oldOwner = app.properties.owner;
  const environment = call.params.environment ?? "";
  const roles = state.store.collection(pathOf("appRoles", { environment, app: app.name }));
  if (oldOwner?.id?.toLowerCase() === entry.id.toLowerCase()) return emptyAnswer(call);
  const now = state.time.iso();
  if (oldOwner) {
    const oldKey = findRoleKey(roles, roleKeyOf(oldOwner));
    if (oldKey) roles.delete(oldKey);
    if (keepRole) {
      const kept = appRoleAssignment(environment, app.name, oldOwner, keepRole, { createdOn: now, createdBy: newOwner.id ?? "" });
      roles.set(String(kept.name).toLowerCase(), kept);
    }
  }
  const newKey = findRoleKey(roles, entry.id);
  if (newKey) roles.delete(newKey);
  const ownerRole = appRoleAssignment(environment, app.name, newOwner, "Owner", { createdOn: now, createdBy: entry.id });
  roles.set(entry.id.toLowerCase(), ownerRole);
  app.properties.owner = newOwner;
  touch(call, app);
  countShares(state.store, environment, app.name);
  return emptyAnswer(call);
};

/** Behaviours by operation id. */
export const appBehaviours = {
  "Remove-AdminApp": removeApp,
  "Set-AppQuarantineState": setQuarantine,
  "Get-AppQuarantineState": getQuarantine,
  "Set-PowerAppConditionalAccess": setConditionalAccess,
  "Get-PowerAppConditionalAccess": getConditionalAccess,
  "Set-AdminAppOwner": setOwner,
} satisfies Partial<Record<OperationId, Behaviour>>;
