/**
 * The wire shapes the emulator stores and serves, named from the specs' generated schema types, and
 * the records that hold them together with what the wire does not show (role maps, timers).
 */
import type { components as PowerAppsAdminComponents } from "../../../generated/powerapps-admin.js";
import type { components as PowerPlatformComponents } from "../../../generated/power-platform.js";

type PaSchemas = PowerAppsAdminComponents["schemas"];
type PpSchemas = PowerPlatformComponents["schemas"];

/** An app as Power Apps admin serves it. */
export type PowerApp = PaSchemas["PowerApp"];
/** A user, group, tenant or service principal as Power Apps admin reports it. */
export type Principal = PaSchemas["Principal"];
/** The answer of an app's role-assignment edit (`modifyPermissions`). */
export type EditAppRoleAssignmentResult = PaSchemas["EditAppRoleAssignmentResult"];
/** A role on an app. */
export type AppRoleAssignment = PaSchemas["AppRoleAssignment"];
/** A connection. */
export type Connection = PaSchemas["Connection"];
/** A role on a connection. */
export type ConnectionRoleAssignment = PaSchemas["ConnectionRoleAssignment"];
/** A custom connector. */
export type CustomConnector = PaSchemas["CustomConnector"];
/** A role on a custom connector. */
export type ConnectorRoleAssignment = PaSchemas["ConnectorRoleAssignment"];
/** One connection an app uses. */
export type ConnectionReference = PaSchemas["ConnectionReference"];
/** An environment as the Power Platform API serves it. */
export type Environment = PpSchemas["Environment"];
/** A billing policy. */
export type BillingPolicy = PpSchemas["BillingPolicy"];
/** An ISV contract. */
export type IsvContract = PpSchemas["IsvContract"];
/** The tenant's capacity details. */
export type TenantCapacityDetails = PpSchemas["TenantCapacityDetails"];
/** A package the tenant can install. */
export type TenantApplicationPackage = PpSchemas["TenantApplicationPackage"];
/** A package as seen from one environment. */
export type ApplicationPackage = PpSchemas["ApplicationPackage"];
/** A package instance, as an install answers with 200. */
export type InstancePackage = PpSchemas["InstancePackage"];
/** An install operation as polled. */
export type ApplicationPackageOperation = PpSchemas["ApplicationPackageOperation"];
/** Error details embedded in AppManagement payloads. */
export type AppManagementErrorDetails = PpSchemas["ErrorDetails"];

/** Any role-assignment shape (app, connection, connector). */
export type RoleAssignment = AppRoleAssignment | ConnectionRoleAssignment | ConnectorRoleAssignment;

/** An app and its role assignments (keyed by assignment name: principal id or `tenant-<tenantId>`). */
export interface AppRecord {
  environment: string;
  app: PowerApp;
  roles: Map<string, AppRoleAssignment>;
}

/** A connection and its role assignments. */
export interface ConnectionRecord {
  environment: string;
  connectorName: string;
  connection: Connection;
  roles: Map<string, ConnectionRoleAssignment>;
}

/** A custom connector and its role assignments. */
export interface CustomConnectorRecord {
  environment: string;
  connector: CustomConnector;
  roles: Map<string, ConnectorRoleAssignment>;
}

/** How an install behaves: its outcome, its first answer, and how many polls answer 409 first. */
export interface InstallBehavior {
  /** Final status of the operation. Default `Succeeded`. */
  outcome?: "Succeeded" | "Failed";
  /** Error details of a failed install. */
  error?: AppManagementErrorDetails;
  /** 202 with `Operation-Location` (default) or 200 with an `InstancePackage` body. */
  respondWith?: 202 | 200;
  /** Number of polls of the new operation that answer 409 "still busy" before the real answer. */
  busyPolls?: number;
}
