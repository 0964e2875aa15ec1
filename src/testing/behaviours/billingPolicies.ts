/**
 * Billing policies beyond storage: a new policy is `Provisioning` until `provisioningDelayInMs` has
 * passed on the emulator clock, then takes the status it was created (or since updated) with; its
 * billing instrument gets the Azure account id; an environment links to at most one policy (linking
 * it moves it), and reads its policy back.
 */
import { checkParents, requireItem } from "../operations/genericHandlers.js";
import type { OperationId } from "../../../generated/operations.js";
import type { Behaviour, OperationCall } from "../operations/operationCall.js";
import type { BillingPolicy } from "../seed/wireShapes.js";
import { COLLECTIONS, pathOf } from "../tenant/collections.js";
import type { EmulatorState, ReadHook } from "../tenant/emulatorState.js";
import type { Doc } from "../tenant/resourceStore.js";
import { jsonAnswer, notFound, serviceError } from "../http/wire.js";
import { listedValue } from "./apps.js";

/** The ARM id of the Power Platform account behind a billing instrument. */
const billingAccountId = (subscriptionId: string, resourceGroup: string, name: string) =>
  `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.PowerPlatform/accounts/${name}`;

/** Provisioning facts of a policy document: the status it settles on and when. */
const provisioning = new WeakMap<Doc, { desiredStatus: string; until: number }>();

/** Ends provisioning of every policy whose time has come (a read hook of the policies). */
const settle: ReadHook = (state) => {
  const now = state.time.now();
  for (const policy of state.store.collection(pathOf("billingPolicies")).values()) {
    const pending = provisioning.get(policy);
    if (pending && now >= pending.until) {
      policy.status = pending.desiredStatus;
      policy.lastModifiedOn = state.time.iso(pending.until);
      provisioning.delete(policy);
    }
  }
};

/** The principal recorded as creator/modifier of what requests change: the tenant's automation account. */
function caller(state: EmulatorState): { id: string; type: string } {
  return { id: state.directoryIndex.ofType("ServicePrincipal")[0]?.id ?? state.tenantId, type: "Application" };
}

const create: Behaviour = (call) => {
  const { state, body } = call;
  const desiredStatus = body.status === undefined ? "Enabled" : listedValue(call, "status", body.status);
  const { subscriptionId, resourceGroup } = body.billingInstrument;
  const now = state.time.iso();
  const policy: BillingPolicy = {
    id: state.random.guid(),
    name: body.name,
    type: "TenantOwned",
    status: "Provisioning",
    location: body.location,
    billingInstrument: { id: billingAccountId(subscriptionId, resourceGroup, body.name), subscriptionId, resourceGroup },
    createdOn: now,
    createdBy: caller(state),
    lastModifiedOn: now,
    lastModifiedBy: caller(state),
  };
  state.store.put(pathOf("billingPolicies"), policy.id, policy);
  state.store.claim(pathOf("policyEnvironments", { billingPolicyId: policy.id }));
  provisioning.set(policy, { desiredStatus, until: state.time.now() + state.options.provisioningDelayInMs });
  return jsonAnswer(call.operation.successStatuses[0] ?? 201, policy);
};

/** Renames and/or sets the status (while provisioning, the status it will settle on). */
const update: Behaviour = (call) => {
  const policy = requireItem(call);
  const { body, state } = call;
  if (body.name !== undefined) policy.name = body.name;
  if (body.status !== undefined) {
    const status = listedValue(call, "status", body.status);
    const pending = provisioning.get(policy);
    if (pending) pending.desiredStatus = status;
    else policy.status = status;
  }
  policy.lastModifiedOn = state.time.iso();
  policy.lastModifiedBy = caller(state);
  return jsonAnswer(200, policy);
};

function environmentIds(call: OperationCall): string[] {
  return (call.body.environmentIds as string[]).map((id) => {
    const environment = call.state.store.get(pathOf("environments"), id);
    if (!environment) throw notFound("environmentId", id);
    return environment.id as string;
  });
}

const links = (call: OperationCall, billingPolicyId: string) => call.state.store.collection(pathOf("policyEnvironments", { billingPolicyId }));

const addEnvironments: Behaviour = (call) => {
  checkParents(call);
  const ids = environmentIds(call);
  const billingPolicyId = String(requirePolicy(call).id);
  for (const environmentId of ids) {
    for (const other of call.state.store.collection(pathOf("billingPolicies")).values()) links(call, String(other.id)).delete(environmentId.toLowerCase());
    links(call, billingPolicyId).set(environmentId.toLowerCase(), { billingPolicyId, environmentId });
  }
  return { status: 200 };
};

const removeEnvironments: Behaviour = (call) => {
  checkParents(call);
  const policyLinks = links(call, String(requirePolicy(call).id));
  for (const id of call.body.environmentIds as string[]) policyLinks.delete(id.toLowerCase());
  return { status: 200 };
};

function requirePolicy(call: OperationCall): Doc {
  return call.state.store.get(pathOf("billingPolicies"), call.params.billingPolicyId ?? "")!;
}

const environmentPolicy: Behaviour = (call) => {
  checkParents(call);
  settle(call.state);
  const environmentId = (call.params.environmentId ?? "").toLowerCase();
  for (const policy of call.state.store.collection(pathOf("billingPolicies")).values()) {
    if (links(call, String(policy.id)).has(environmentId)) return jsonAnswer(200, policy);
  }
  throw serviceError(404, "BillingPolicyNotFound", `No billing policy is linked to environment '${call.params.environmentId}'.`);
};

/** Behaviours by operation id. */
export const billingPolicyBehaviours = {
  CreateBillingPolicy: create,
  UpdateBillingPolicy: update,
  AddBillingPolicyEnvironments: addEnvironments,
  RemoveBillingPolicyEnvironments: removeEnvironments,
  GetEnvironmentBillingPolicy: environmentPolicy,
} satisfies Partial<Record<OperationId, Behaviour>>;

/** Read hooks by collection template. */
export const billingPolicyHooks: Record<string, ReadHook> = { [COLLECTIONS.billingPolicies]: settle };
