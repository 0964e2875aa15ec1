/**
 * Rule-based policy assignments are one set per tenant: assigning a policy to an environment or an
 * environment group adds to it (200 when that pair was already assigned, 201 when new), and the four
 * list routes read it — all of the tenant's, or those of one policy, environment or group.
 */
import { checkParents, serveGeneric } from "../operations/genericHandlers.js";
import type { OperationId } from "../../../generated/operations.js";
import type { Behaviour, OperationCall } from "../operations/operationCall.js";
import { generatedRouter } from "../operations/operationRouter.js";
import { jsonAnswer, notFound } from "../http/wire.js";
import type { Doc } from "../tenant/resourceStore.js";

const TENANT_LIST = "ListRuleAssignments" satisfies OperationId;
const tenantList = generatedRouter.route(TENANT_LIST).operation;
const policyGet = generatedRouter.route("GetRuleBasedPolicyById").operation;
const same = (a: unknown, b: string) => String(a ?? "").toLowerCase() === b.toLowerCase();

/** Serves a list route from the tenant's assignments, keeping those `keep` accepts. */
const listOf =
  (keep: (call: OperationCall, doc: Doc) => boolean): Behaviour =>
  (call) => {
    checkParents(call);
    const resourceType = call.url.searchParams.get("resourceType");
    return serveGeneric({ ...call, route: { ...call.route, parents: [] }, operation: tenantList, filter: (doc) => keep(call, doc) && (!resourceType || same(doc.resourceType, resourceType)) });
  };

const assign =
  (resourceType: "Environment" | "EnvironmentGroup", param: "environmentId" | "groupId"): Behaviour =>
  (call) => {
    checkParents(call);
    const { state, params } = call;
    const policyId = params.policyId ?? "";
    const resourceId = params[param] ?? "";
    if (resourceType === "Environment" && !state.environment(resourceId)) throw notFound("environmentId", resourceId);
    const policy = state.store.get(policyGet.collection!, policyId, policyGet.collection!);
    const key = `${policyId}|${resourceType}|${resourceId}`;
    const existed = state.store.get(tenantList.collection!, key, tenantList.collection!) !== undefined;
    const doc: Doc = {
      policyId: policy?.id ?? policyId,
      resourceId,
      resourceType,
      ruleSetCount: Array.isArray(policy?.ruleSets) ? policy.ruleSets.length : 0,
      tenantId: state.tenantId,
      ...(Array.isArray(call.body?.assignmentOverrides) && { assignmentOverrides: call.body.assignmentOverrides }),
    };
    state.store.put(tenantList.collection!, key, doc, tenantList.collection!);
    return jsonAnswer(existed ? 200 : 201, doc);
  };

/** Behaviours by operation id. */
export const ruleAssignmentBehaviours = {
  [TENANT_LIST]: listOf(() => true),
  ListRuleAssignmentsByPolicyId: listOf((call, doc) => same(doc.policyId, call.params.policyId ?? "")),
  ListRuleAssignmentsByEnvironmentId: listOf((call, doc) => same(doc.resourceType, "Environment") && same(doc.resourceId, call.params.environmentId ?? "")),
  ListRuleAssignmentsByEnvironmentGroupId: listOf((call, doc) => same(doc.resourceType, "EnvironmentGroup") && same(doc.resourceId, call.params.environmentGroupId ?? "")),
  CreateEnvironmentRuleBasedAssignment: assign("Environment", "environmentId"),
  CreateEnviornmentGroupRuleBasedAssignment: assign("EnvironmentGroup", "groupId"),
} satisfies Partial<Record<OperationId, Behaviour>>;
