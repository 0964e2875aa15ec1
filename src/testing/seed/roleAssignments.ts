/**
 * Role assignments as each resource kind reports them: ids, names, types and scopes follow the
 * specs' examples. The assignment name is the principal id, or `tenant-<tenantId>` for a tenant share.
 */
import type { AppRoleAssignment, ConnectionRoleAssignment, ConnectorRoleAssignment, Principal } from "./wireShapes.js";

/** The assignment name of a principal: `tenant-<tenantId>` for a tenant-wide share, else its id. */
export function roleKeyOf(principal: Principal): string {
  return principal.type === "Tenant" ? `tenant-${principal.tenantId ?? principal.id ?? ""}` : (principal.id ?? "");
}

/** Extra facts recorded with an app role. */
export interface AppRoleDetails {
  createdOn?: string;
  createdBy?: string;
  notifyShareTargetOption?: string;
}

/** An app role assignment, shaped as the app's `permissions` list reads it back. */
export function appRoleAssignment(environment: string, app: string, principal: Principal, roleName: string, details: AppRoleDetails = {}): AppRoleAssignment {
  const name = roleKeyOf(principal);
  return {
    name,
    id: `/providers/Microsoft.PowerApps/apps/${app}/permissions/${name}`,
    type: "Microsoft.PowerApps/apps/permissions",
    properties: {
      roleName,
      principal,
      scope: `/providers/Microsoft.PowerApps/environments/${environment}/apps/${app}`,
      notifyShareTargetOption: details.notifyShareTargetOption ?? "NotSpecified",
      inviteGuestToTenant: false,
      ...(details.createdOn ? { createdOn: details.createdOn } : {}),
      ...(details.createdBy ? { createdBy: details.createdBy } : {}),
    },
  };
}

/** A connection role assignment, shaped as the connection's `permissions` list reads it back. */
export function connectionRoleAssignment(connectorName: string, connectionName: string, principal: Principal, roleName: string): ConnectionRoleAssignment {
  const name = roleKeyOf(principal);
  return {
    name,
    id: `/providers/Microsoft.PowerApps/apis/${connectorName}/connections/${connectionName}/permissions/${name}`,
    type: "Microsoft.PowerApps/apis/connections/permissions",
    properties: { roleName, principal, notifyShareTargetOption: "NotSpecified", inviteGuestToTenant: false },
  };
}

/** A custom-connector role assignment, shaped as the connector's `permissions` list reads it back. */
export function connectorRoleAssignment(environment: string, connectorName: string, principal: Principal, roleName: string): ConnectorRoleAssignment {
  const name = roleKeyOf(principal);
  return {
    name,
    id: `/providers/Microsoft.PowerApps/scopes/admin/environments/${environment}/apis/${connectorName}/permissions/${name}`,
    type: "Microsoft.PowerApps/apis/permissions",
    properties: { roleName, principal, notifyShareTargetOption: "NotSpecified" },
  };
}

/**
 * Finds the assignment a delete entry names: a full assignment id, an assignment name, or a
 * principal id (case-insensitive). Returns the map key, or undefined.
 */
export function findRoleKey(roles: ReadonlyMap<string, Record<string, any>>, idOrName: string): string | undefined {
  const wanted = idOrName.toLowerCase();
  for (const [key, role] of roles) {
    if (key.toLowerCase() === wanted || String(role.id).toLowerCase() === wanted || String(role.properties?.principal?.id).toLowerCase() === wanted) return key;
  }
  return undefined;
}
