/**
 * Role assignments of the role-based access model: each scope (tenant, environment, environment
 * group) has its own route and its own list. A create whose body `scope` is of another kind than the
 * route's (an environment scope on the tenant route) is 400 `WrongResourceTypeForUrlContext`; a
 * delete answers 200 with the removed assignment, and 404 `RoleAssignmentNotFound` on another scope's route.
 */
import { checkParents, collectionPath, idParam } from "../operations/genericHandlers.js";
import type { OperationId } from "../../../generated/operations.js";
import type { Behaviour, OperationCall } from "../operations/operationCall.js";
import { jsonAnswer, serviceError } from "../http/wire.js";

/** The kind of scope a route's assignments have: the scope path after `/tenants/{tenantId}`. */
const SCOPE_KIND = {
  tenant: /^\/tenants\/[^/]+$/i,
  environment: /^\/tenants\/[^/]+\/environments\/[^/]+$/i,
  environmentGroup: /^\/tenants\/[^/]+\/environmentGroups\/[^/]+$/i,
};

const create =
  (kind: keyof typeof SCOPE_KIND): Behaviour =>
  (call, generic) => {
    checkParents(call);
    const given = String(call.body?.scope ?? "").replace(/\/+$/, "");
    if (!SCOPE_KIND[kind].test(given)) {
      throw serviceError(400, "WrongResourceTypeForUrlContext", `The scope '${given}' is not a${kind === "tenant" ? " tenant" : kind === "environment" ? "n environment" : "n environment group"} scope, which this route assigns at.`);
    }
    const answer = generic();
    const doc = answer.json as Record<string, unknown>;
    doc.createdByPrincipalType ??= "User";
    doc.createdOn = call.state.time.iso();
    doc.expiresOn ??= null;
    return answer;
  };

const remove: Behaviour = (call) => {
  checkParents(call);
  const id = call.params[idParam(call)] ?? "";
  const path = collectionPath(call);
  const doc = call.state.store.get(path, id, call.operation.collection!);
  if (!doc) throw serviceError(404, "RoleAssignmentNotFound", `The role assignment '${id}' could not be found at this scope.`);
  call.state.store.remove(path, id);
  return jsonAnswer(200, doc);
};

/** Behaviours by operation id. */
export const rbacAssignmentBehaviours = {
  CreateRoleAssignment: create("tenant"),
  CreateEnvironmentRoleAssignment: create("environment"),
  CreateEnvironmentGroupRoleAssignment: create("environmentGroup"),
  DeleteRoleAssignment: remove,
  DeleteEnvironmentRoleAssignment: remove,
  DeleteEnvironmentGroupRoleAssignment: remove,
} satisfies Partial<Record<OperationId, Behaviour>>;
