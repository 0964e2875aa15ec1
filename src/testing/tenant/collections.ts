/**
 * The collections the seeded tenant and the hand-written behaviours work on, each named once by the
 * operation that serves it; the path templates come from the generated model.
 */
import { generatedRouter } from "../operations/operationRouter.js";
import { fillTemplate } from "./resourceStore.js";

const collectionOf = (operationId: string): string => {
  const { operation } = generatedRouter.route(operationId);
  return operation.collection ?? operation.path;
};

/** Path templates of the tenant's well-known collections and documents. */
export const COLLECTIONS = {
  environments: collectionOf("GetEnvironment"),
  apps: collectionOf("Get-AdminApp"),
  appRoles: collectionOf("Get-AdminAppRoleAssignment"),
  connections: collectionOf("Get-AdminConnections"),
  connectionRoles: collectionOf("Get-AdminConnectionRoleAssignment"),
  customConnectors: collectionOf("Get-AdminConnectors"),
  connectorRoles: collectionOf("Get-AdminConnectorRoleAssignment"),
  billingPolicies: collectionOf("GetBillingPolicy"),
  policyEnvironments: collectionOf("GetBillingPolicyEnvironment"),
  isvContracts: collectionOf("GetIsvContract"),
  tenantPackages: collectionOf("ListTenantApplicationPackages"),
  environmentPackages: collectionOf("ListEnvironmentApplicationPackages"),
  installOperations: collectionOf("GetApplicationPackageOperation"),
  tenantCapacity: collectionOf("GetTenantCapacityDetails"),
  bapEnvironments: collectionOf("Get-AdminEnvironment"),
  dlpPolicies: collectionOf("Get-DlpPolicy"),
  flows: collectionOf("Get-AdminFlow"),
  flowRoles: collectionOf("Get-AdminFlowOwnerRole"),
} as const;

/** The concrete path of a well-known collection. */
export function pathOf(collection: keyof typeof COLLECTIONS, params: Record<string, string> = {}): string {
  return fillTemplate(COLLECTIONS[collection], params);
}
