/**
 * What the app operations do to the tenant: read, delete, change owner, quarantine, conditional
 * access and sharing. Shared by the Power Apps admin routes and the Power Platform PowerApps routes.
 */
import { isObject, objectBody, oneOf, optionalArray, optionalString, requiredString } from "./bodies.js";
import { environmentNotFound, invalidBody, serviceError } from "./errors.js";
import type { AppRecord, AppRoleAssignment, EditAppRoleAssignmentResult, Environment, PowerApp, Principal } from "./models.js";
import { appRoleAssignment, findRoleKey, roleKeyOf } from "./roleAssignments.js";
import type { Runtime } from "./runtime.js";
import { clone } from "./clone.js";

/** Roles that can be granted on an app. */
export const ASSIGNABLE_ROLES = ["CanView", "CanViewWithShare", "CanEdit"] as const;
/** Quarantine states an admin can set. */
export const QUARANTINE_STATES = ["Quarantined", "Unquarantined", "NotSpecified"] as const;

/** The environment, or 404 `EnvironmentNotFound`. */
export function requireEnvironment(rt: Runtime, environment: string): Environment {
  const found = rt.data.environments.get(environment.toLowerCase());
  if (!found) throw environmentNotFound(environment);
  return found;
}

function appsOf(rt: Runtime, environment: string): Map<string, AppRecord> {
  requireEnvironment(rt, environment);
  return rt.data.apps.get(environment.toLowerCase()) ?? new Map();
}

/** The app record, or 404 `AppNotFound` (the service's answer to an unknown app on read and write). */
export function requireApp(rt: Runtime, environment: string, app: string): AppRecord {
  const record = appsOf(rt, environment).get(app.toLowerCase());
  if (!record) throw serviceError(404, "AppNotFound", `Could not find App '${app}'.`);
  return record;
}

/** The app as the wire shows it: a copy, with share counts computed from its role assignments. */
export function renderApp(record: AppRecord): PowerApp {
  const app = clone(record.app);
  const shares = [...record.roles.values()].filter((r) => r.properties?.roleName !== "Owner");
  if (app.properties) {
    app.properties.sharedUsersCount = shares.filter((r) => r.properties?.principal?.type === "User").length;
    app.properties.sharedGroupsCount = shares.filter((r) => r.properties?.principal?.type === "Group").length;
  }
  return app;
}

/** Names of the apps of an environment now (for paging snapshots); 404 for an unknown environment. */
export function appNames(rt: Runtime, environment: string): string[] {
  return [...appsOf(rt, environment).keys()];
}

/** The app with this (lower-case) name rendered, or undefined when it is gone. */
export function appIfPresent(rt: Runtime, environment: string, key: string): PowerApp | undefined {
  const record = rt.data.apps.get(environment.toLowerCase())?.get(key);
  return record ? renderApp(record) : undefined;
}

/** Remove-AdminApp. An unknown app answers 403, as the service does. */
export function deleteApp(rt: Runtime, environment: string, app: string): void {
  const apps = appsOf(rt, environment);
  if (!apps.delete(app.toLowerCase())) {
    throw serviceError(403, "Forbidden", `The caller does not have permission to perform action 'DeleteApp' on app '${app}'.`);
  }
}

function touch(rt: Runtime, record: AppRecord): void {
  if (record.app.properties) record.app.properties.lastModifiedTime = rt.time.iso();
}

/** Set-AdminAppOwner: the new owner gets `Owner`; the old one keeps `roleForOldAppOwner` or loses access. */
export function setAppOwner(rt: Runtime, environment: string, app: string, body: unknown): void {
  const record = requireApp(rt, environment, app);
  const request = objectBody(body);
  const newOwnerId = requiredString(request, "newAppOwner");
  const keepRole = optionalString(request, "roleForOldAppOwner");
  const oldRole = keepRole === undefined ? undefined : oneOf(keepRole, ASSIGNABLE_ROLES, "roleForOldAppOwner");
  const entry = rt.data.directory.get(newOwnerId);
  if (!entry || entry.type === "Group") throw serviceError(400, "PrincipalNotFound", `The new owner '${newOwnerId}' is not a user or service principal of the tenant.`);
  const newOwner = rt.data.directory.principalOf(entry);
  const props = record.app.properties ?? (record.app.properties = {});
  const oldOwner = props.owner;
  if (oldOwner?.id?.toLowerCase() === entry.id.toLowerCase()) return;
  if (oldOwner) {
    const oldKey = findRoleKey(record.roles, roleKeyOf(oldOwner));
    if (oldKey) record.roles.delete(oldKey);
    if (oldRole) {
      const kept = appRoleAssignment(record.environment, record.app.name, oldOwner, oldRole, { createdOn: rt.time.iso(), createdBy: newOwner.id ?? "" });
      record.roles.set(kept.name ?? "", kept);
    }
  }
  const newKey = findRoleKey(record.roles, entry.id);
  if (newKey) record.roles.delete(newKey);
  const ownerRole = appRoleAssignment(record.environment, record.app.name, newOwner, "Owner", { createdOn: rt.time.iso(), createdBy: entry.id });
  record.roles.set(ownerRole.name ?? entry.id, ownerRole);
  props.owner = newOwner;
  touch(rt, record);
}

/** Set-AppQuarantineState. */
export function setQuarantineState(rt: Runtime, environment: string, app: string, body: unknown): void {
  const record = requireApp(rt, environment, app);
  const status = oneOf(requiredString(objectBody(body), "quarantineStatus"), QUARANTINE_STATES, "quarantineStatus");
  const props = record.app.properties ?? (record.app.properties = {});
  const restrictions = props.executionRestrictions ?? (props.executionRestrictions = {});
  restrictions.appQuarantineState = { quarantineStatus: status };
  touch(rt, record);
}

/** Get-AppQuarantineState: the status, shaped per the behaviour switch. */
export function quarantineState(rt: Runtime, environment: string, app: string): string | { quarantineStatus: string } {
  const status = requireApp(rt, environment, app).app.properties?.executionRestrictions?.appQuarantineState?.quarantineStatus ?? "NotSpecified";
  return rt.behavior.quarantineStateShape === "object" ? { quarantineStatus: status } : status;
}

/** Set-PowerAppConditionalAccess: replaces the ids (an empty array clears them). */
export function setConditionalAccess(rt: Runtime, environment: string, app: string, body: unknown): void {
  const record = requireApp(rt, environment, app);
  const request = objectBody(body);
  const ids = request.authContextIds;
  if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === "string")) throw invalidBody("'authContextIds' is required and must be an array of strings.");
  const bad = ids.find((id) => !/^c([1-9]|[1-9][0-9])$/.test(id));
  if (bad !== undefined) throw invalidBody(`'${bad}' is not an authentication-context id (c1 ... c99).`);
  const props = record.app.properties ?? (record.app.properties = {});
  const restrictions = props.executionRestrictions ?? (props.executionRestrictions = {});
  restrictions.conditionalAccessAuthenticationContextIds = [...new Set(ids)];
  touch(rt, record);
}

/** Get-PowerAppConditionalAccess: the ids, shaped per the behaviour switch. */
export function conditionalAccess(rt: Runtime, environment: string, app: string): string[] | { authContextIds: string[] } {
  const ids = [...(requireApp(rt, environment, app).app.properties?.executionRestrictions?.conditionalAccessAuthenticationContextIds ?? [])];
  return rt.behavior.conditionalAccessShape === "object" ? { authContextIds: ids } : ids;
}

/** Keys of an app's role assignments now (for paging). */
export function appRoleKeys(rt: Runtime, environment: string, app: string): string[] {
  return [...requireApp(rt, environment, app).roles.keys()];
}

/** One role assignment of an app, or undefined when it is gone. */
export function appRoleIfPresent(rt: Runtime, environment: string, app: string, key: string): AppRoleAssignment | undefined {
  const role = rt.data.apps.get(environment.toLowerCase())?.get(app.toLowerCase())?.roles.get(key);
  return role ? clone(role) : undefined;
}

interface AppGrant {
  principal: Principal;
  roleName: string;
  notify: string;
}

function appGrantOf(rt: Runtime, raw: unknown, ownerId: string | undefined): AppGrant {
  const props = isObject(raw) && isObject(raw.properties) ? raw.properties : undefined;
  if (!props) throw invalidBody("Each 'put' entry needs 'properties' with 'roleName' and 'principal'.");
  const roleName = oneOf(requiredString(props, "roleName", "put entry"), ASSIGNABLE_ROLES, "roleName");
  const principal = isObject(props.principal) ? props.principal : undefined;
  if (!principal) throw invalidBody("Each 'put' entry needs a 'principal'.");
  const type = oneOf(requiredString(principal, "type", "principal"), ["User", "Group", "Tenant"] as const, "principal.type");
  const notify = optionalString(props, "NotifyShareTargetOption", "put entry") ?? "NotSpecified";
  const directory = rt.data.directory;
  if (type === "Tenant") {
    const tenantId = optionalString(principal, "tenantId", "principal") ?? optionalString(principal, "id", "principal") ?? directory.tenantId;
    if (tenantId.toLowerCase() !== directory.tenantId.toLowerCase()) throw invalidBody(`An app can only be shared with its own tenant, not '${tenantId}'.`);
    if (roleName !== "CanView") throw invalidBody("A tenant-wide share must use the CanView role.");
    return { principal: directory.tenantPrincipal(), roleName, notify };
  }
  const id = optionalString(principal, "id", "principal");
  const email = optionalString(principal, "email", "principal");
  const entry = (id ? directory.get(id) : undefined) ?? (email ? directory.findByEmail(email) : undefined);
  if (!entry) throw serviceError(400, "PrincipalNotFound", `The principal '${id ?? email ?? "?"}' was not found in the tenant.`);
  if (entry.id.toLowerCase() === ownerId?.toLowerCase()) throw invalidBody(`'${entry.id}' owns the app; the owner's role cannot be changed by sharing.`);
  return { principal: directory.principalOf(entry), roleName, notify };
}

/** Edit-AdminAppRoleAssignment: checks every entry, then revokes and grants; answers the `put` result. */
export function editAppRoles(rt: Runtime, environment: string, app: string, body: unknown): EditAppRoleAssignmentResult {
  const record = requireApp(rt, environment, app);
  const request = objectBody(body);
  const ownerId = record.app.properties?.owner?.id;
  const grants = optionalArray(request, "put").map((raw) => appGrantOf(rt, raw, ownerId));
  const revokes = optionalArray(request, "delete").map((raw) => {
    if (!isObject(raw) || typeof raw.id !== "string") throw invalidBody("Each 'delete' entry needs an 'id'.");
    const key = findRoleKey(record.roles, raw.id);
    if (key !== undefined && record.roles.get(key)?.properties?.roleName === "Owner") throw invalidBody("The owner's role cannot be deleted; change the owner instead.");
    return key;
  });
  for (const key of revokes) if (key !== undefined) record.roles.delete(key);
  const now = rt.time.iso();
  for (const grant of grants) {
    const role = appRoleAssignment(record.environment, record.app.name, grant.principal, grant.roleName, { createdOn: now, createdBy: ownerId ?? "", notifyShareTargetOption: grant.notify });
    record.roles.set(role.name ?? "", role);
  }
  return { put: grants.map((grant) => putResult(record.app.name, grant)) };
}

function putResult(app: string, grant: AppGrant): NonNullable<EditAppRoleAssignmentResult["put"]>[number] {
  const { id, email, type } = grant.principal;
  return {
    id: `/providers/Microsoft.PowerApps/scopes/admin/apps/${app}/permissions/${roleKeyOf(grant.principal)}`,
    properties: {
      roleName: grant.roleName,
      scope: `/providers/Microsoft.PowerApps/apps/${app}`,
      principal: { id, ...(email ? { email } : {}), type },
      resourceResponses: [
        {
          id: `/providers/Microsoft.PowerApps/apps/${app}`,
          statusCode: "Created",
          responseCode: "ResourceShared",
          message: `This was shared with '${grant.roleName}' permission.`,
          type: "/providers/Microsoft.PowerApps/apps",
        },
      ],
    },
  };
}
