/**
 * DLP policies (v2) beyond storage: a policy is keyed by `policyDefinition.name` (chosen as a GUID on
 * create when left out); the list shows definitions without their connector groups (read a policy to
 * see them); create and update stamp who and when and give a new etag; update replaces the
 * definition it is sent, keeping the name and creation facts.
 */
import type { OperationId } from "../../../generated/operations.js";
import { checkParents, requireItem } from "../operations/genericHandlers.js";
import type { Behaviour, OperationCall } from "../operations/operationCall.js";
import { pathOf } from "../tenant/collections.js";
import type { Doc } from "../tenant/resourceStore.js";
import { clone, invalidBody, jsonAnswer, serviceError } from "../http/wire.js";

/** The display name recorded as the author of changes: the tenant's automation account. */
function author(call: OperationCall): { displayName: string } {
  return { displayName: call.state.directoryIndex.ofType("ServicePrincipal")[0]?.displayName ?? "Administrator" };
}

/** The list item of a policy: its definition without connector groups, and no configurations. */
function summary(policy: Doc): Doc {
  const { connectorGroups: _groups, ...definition } = policy.policyDefinition ?? {};
  return { policyDefinition: definition };
}

/** The environment list must fit the environment type (what the admin center enforces). */
function checkEnvironments(definition: Doc): void {
  const type = String(definition.environmentType);
  const environments = (definition.environments ?? []) as Doc[];
  if ((type === "OnlyEnvironments" || type === "SingleEnvironment") && environments.length === 0) {
    throw invalidBody(`A policy of environmentType '${type}' must list at least one environment.`);
  }
  if (type === "SingleEnvironment" && environments.length > 1) throw invalidBody("A policy of environmentType 'SingleEnvironment' lists exactly one environment.");
  if (type === "AllEnvironments" && environments.length > 0) throw invalidBody("A policy of environmentType 'AllEnvironments' lists no environments.");
}

const list: Behaviour = (call) => {
  checkParents(call);
  const policies = call.state.store.collection(pathOf("dlpPolicies"));
  const present = ([key, doc]: readonly [string, Doc]) => policies.get(key) === doc;
  return jsonAnswer(200, call.pager.page({ operationId: call.operation.operationId, url: call.url, body: call.body, paging: call.operation.paging!, present, project: summary }, () => [...policies.entries()]));
};

const create: Behaviour = (call) => {
  const body = clone(call.body as Doc);
  const definition = body.policyDefinition as Doc;
  checkEnvironments(definition);
  const name = typeof definition.name === "string" && definition.name !== "" ? definition.name : call.state.random.guid();
  const policies = call.state.store.collection(pathOf("dlpPolicies"));
  if (policies.has(name.toLowerCase())) throw serviceError(409, "PolicyAlreadyExists", `A DLP policy named '${name}' already exists.`);
  const now = call.state.time.iso();
  const policy: Doc = {
    ...body,
    policyDefinition: { ...definition, name, createdBy: author(call), createdTime: now, lastModifiedBy: author(call), lastModifiedTime: now, etag: call.state.random.guid(), isLegacySchemaVersion: false },
  };
  policies.set(name.toLowerCase(), policy);
  return jsonAnswer(201, policy);
};

const update: Behaviour = (call) => {
  const policy = requireItem(call);
  const body = clone(call.body as Doc);
  const definition = body.policyDefinition as Doc;
  checkEnvironments(definition);
  const kept = policy.policyDefinition as Doc;
  policy.policyDefinition = {
    ...definition,
    name: kept.name,
    createdBy: kept.createdBy,
    createdTime: kept.createdTime,
    lastModifiedBy: author(call),
    lastModifiedTime: call.state.time.iso(),
    etag: call.state.random.guid(),
    isLegacySchemaVersion: false,
  };
  if ("connectorConfigurationsDefinition" in body) policy.connectorConfigurationsDefinition = body.connectorConfigurationsDefinition;
  if ("customConnectorUrlPatternsDefinition" in body) policy.customConnectorUrlPatternsDefinition = body.customConnectorUrlPatternsDefinition;
  return jsonAnswer(200, policy);
};

/** Behaviours by operation id. */
export const dlpPolicyBehaviours = {
  "Get-DlpPolicies": list,
  "New-DlpPolicy": create,
  "Set-DlpPolicy": update,
} satisfies Partial<Record<OperationId, Behaviour>>;
