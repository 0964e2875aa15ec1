/**
 * What the connection and custom-connector operations do: list, delete, and read and edit who they
 * are shared with. Edit bodies are `{put?: [{properties: {roleName, principal: {id, tenantId?}}}], delete?: [{id}]}`.
 */
import { ASSIGNABLE_ROLES, requireEnvironment } from "./appsBehavior.js";
import { isObject, objectBody, oneOf, optionalArray, optionalString, requiredString } from "./bodies.js";
import { invalidBody, serviceError } from "./errors.js";
import type { Connection, ConnectionRecord, CustomConnector, CustomConnectorRecord, Principal, RoleAssignment } from "./models.js";
import { connectionRoleAssignment, connectorRoleAssignment, findRoleKey } from "./roleAssignments.js";
import type { Runtime } from "./runtime.js";
import { clone } from "./clone.js";

function connectionsOf(rt: Runtime, environment: string): Map<string, ConnectionRecord> {
  requireEnvironment(rt, environment);
  return rt.data.connections.get(environment.toLowerCase()) ?? new Map();
}

function connectorsOf(rt: Runtime, environment: string): Map<string, CustomConnectorRecord> {
  requireEnvironment(rt, environment);
  return rt.data.customConnectors.get(environment.toLowerCase()) ?? new Map();
}

/** The connection, or 404 `ConnectionNotFound` (also when it belongs to another connector). */
export function requireConnection(rt: Runtime, environment: string, connectorName: string, connectionName: string): ConnectionRecord {
  const record = connectionsOf(rt, environment).get(connectionName.toLowerCase());
  if (!record || record.connectorName.toLowerCase() !== connectorName.toLowerCase()) {
    throw serviceError(404, "ConnectionNotFound", `The connection '${connectionName}' of API '${connectorName}' could not be found in environment '${environment}'.`);
  }
  return record;
}

/** The custom connector, or 404 `ApiNotFound`. */
export function requireCustomConnector(rt: Runtime, environment: string, connectorName: string): CustomConnectorRecord {
  const record = connectorsOf(rt, environment).get(connectorName.toLowerCase());
  if (!record) throw serviceError(404, "ApiNotFound", `The API '${connectorName}' could not be found in environment '${environment}'.`);
  return record;
}

/** Names of the environment's connections now (for paging). */
export function connectionNames(rt: Runtime, environment: string): string[] {
  return [...connectionsOf(rt, environment).keys()];
}

/** A connection by lower-case name, copied, or undefined when it is gone. */
export function connectionIfPresent(rt: Runtime, environment: string, key: string): Connection | undefined {
  const record = rt.data.connections.get(environment.toLowerCase())?.get(key);
  return record ? clone(record.connection) : undefined;
}

/** Names of the environment's custom connectors now (for paging). */
export function customConnectorNames(rt: Runtime, environment: string): string[] {
  return [...connectorsOf(rt, environment).keys()];
}

/** A custom connector by lower-case name, copied, or undefined when it is gone. */
export function customConnectorIfPresent(rt: Runtime, environment: string, key: string): CustomConnector | undefined {
  const record = rt.data.customConnectors.get(environment.toLowerCase())?.get(key);
  return record ? clone(record.connector) : undefined;
}

/** Remove-AdminConnection. */
export function deleteConnection(rt: Runtime, environment: string, connectorName: string, connectionName: string): void {
  const record = requireConnection(rt, environment, connectorName, connectionName);
  connectionsOf(rt, environment).delete(record.connection.name.toLowerCase());
}

interface Grant {
  principal: Principal;
  roleName: string;
}

function grantOf(rt: Runtime, raw: unknown): Grant {
  const props = isObject(raw) && isObject(raw.properties) ? raw.properties : undefined;
  if (!props) throw invalidBody("Each 'put' entry needs 'properties' with 'roleName' and 'principal'.");
  const roleName = oneOf(requiredString(props, "roleName", "put entry"), ASSIGNABLE_ROLES, "roleName");
  const principal = isObject(props.principal) ? props.principal : undefined;
  if (!principal) throw invalidBody("Each 'put' entry needs a 'principal' with an 'id'.");
  const id = requiredString(principal, "id", "principal");
  const tenantId = optionalString(principal, "tenantId", "principal");
  const directory = rt.data.directory;
  if (id.toLowerCase() === directory.tenantId.toLowerCase()) {
    if (tenantId && tenantId.toLowerCase() !== directory.tenantId.toLowerCase()) throw invalidBody(`Tenant '${tenantId}' is not this tenant.`);
    return { principal: directory.tenantPrincipal(), roleName };
  }
  const entry = directory.get(id);
  if (!entry) throw serviceError(400, "PrincipalNotFound", `The principal '${id}' was not found in the tenant.`);
  return { principal: directory.principalOf(entry), roleName };
}

/** Applies an edit body to a role map: checks everything first, then revokes, then grants. */
function editRoles<R extends RoleAssignment>(rt: Runtime, roles: Map<string, R>, body: unknown, build: (principal: Principal, roleName: string) => R): void {
  const request = objectBody(body);
  const grants = optionalArray(request, "put").map((raw) => grantOf(rt, raw));
  const owners = new Set([...roles.values()].filter((r) => r.properties?.roleName === "Owner").map((r) => r.properties?.principal?.id?.toLowerCase()));
  for (const grant of grants) {
    if (owners.has(grant.principal.id?.toLowerCase())) throw invalidBody(`'${grant.principal.id}' is the owner; the owner's role cannot be changed.`);
  }
  const revokes = optionalArray(request, "delete").map((raw) => {
    if (!isObject(raw) || typeof raw.id !== "string") throw invalidBody("Each 'delete' entry needs an 'id'.");
    const key = findRoleKey(roles, raw.id);
    if (key !== undefined && roles.get(key)?.properties?.roleName === "Owner") throw invalidBody("The owner's role cannot be deleted.");
    return key;
  });
  for (const key of revokes) if (key !== undefined) roles.delete(key);
  for (const grant of grants) {
    const role = build(grant.principal, grant.roleName);
    roles.set(role.name ?? "", role);
  }
}

/** Edit-AdminConnectionRoleAssignment. */
export function editConnectionRoles(rt: Runtime, environment: string, connectorName: string, connectionName: string, body: unknown): void {
  const record = requireConnection(rt, environment, connectorName, connectionName);
  editRoles(rt, record.roles, body, (principal, roleName) => connectionRoleAssignment(record.connectorName, record.connection.name, principal, roleName));
}

/** Edit-AdminConnectorRoleAssignment. */
export function editConnectorRoles(rt: Runtime, environment: string, connectorName: string, body: unknown): void {
  const record = requireCustomConnector(rt, environment, connectorName);
  editRoles(rt, record.roles, body, (principal, roleName) => connectorRoleAssignment(record.environment, record.connector.name, principal, roleName));
}
