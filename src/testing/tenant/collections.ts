/**
 * The collections the seeded tenant and the hand-written behaviours work on, each named once by the
 * operation that serves it; the path templates come from the generated model.
 */
import type { OperationId } from "../../../generated/operations.js";
import { generatedRouter } from "../operations/operationRouter.js";
import { fillTemplate } from "./resourceStore.js";

const collectionOf = (operationId: OperationId): string => {
  const { operation } = generatedRouter.route(operationId);
  return operation.collection ?? operation.path;
};

/**
 * The operation that names each well-known collection. An operation id is spelled once in src/: a
 * behaviour of one of these operations is keyed by this record (`[COLLECTION_OPERATIONS.x]`).
 */
export const COLLECTION_OPERATIONS = {
  environments: "GetEnvironment",
  environmentGroups: "GetEnvironmentGroup",
  apps: "Get-AdminApp",
  appRoles: "Get-AdminAppRoleAssignment",
  connections: "Get-AdminConnections",
  connectionRoles: "Get-AdminConnectionRoleAssignment",
  customConnectors: "Get-AdminConnectors",
  connectorRoles: "Get-AdminConnectorRoleAssignment",
  billingPolicies: "GetBillingPolicy",
  policyEnvironments: "GetBillingPolicyEnvironment",
  isvContracts: "GetIsvContract",
  tenantPackages: "ListTenantApplicationPackages",
  environmentPackages: "ListEnvironmentApplicationPackages",
  tenantCapacity: "GetTenantCapacityDetails",
  bapEnvironments: "Get-AdminEnvironment",
  dlpPolicies: "Get-DlpPolicy",
  flows: "Get-AdminFlow",
  flowRuns: "Get-AdminFlowRuns",
  flowRoles: "Get-AdminFlowOwnerRole",
  botQuarantine: "GetBotQuarantineStatus",
  makerTestSets: "ListMakerEvaluationTestSets",
  makerTestRuns: "ListMakerEvaluationTestRuns",
  dsrFlows: "GetFlows",
} as const satisfies Record<string, OperationId>;

/** Path templates of the tenant's well-known collections and documents. */
export const COLLECTIONS = Object.fromEntries(Object.entries(COLLECTION_OPERATIONS).map(([name, id]) => [name, collectionOf(id)])) as Readonly<
  Record<keyof typeof COLLECTION_OPERATIONS, string>
>;

/** The concrete path of a well-known collection. */
export function pathOf(collection: keyof typeof COLLECTIONS, params: Record<string, string> = {}): string {
  return fillTemplate(COLLECTIONS[collection], params);
}
