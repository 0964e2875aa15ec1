/**
 * What the licensing operations do: billing policies (created `Provisioning`, settling on their
 * requested status once `provisioningDelayInMs` has passed on the emulator clock), their environment
 * links, ISV contracts and tenant capacity.
 */
import { requireEnvironment } from "./appsBehavior.js";
import { isGuid, objectBody, oneOf, optionalString, requiredObject, requiredString, stringArray, type JsonObject } from "./bodies.js";
import { environmentNotFound, invalidBody, serviceError } from "./errors.js";
import type { BillingPolicy, BillingPolicyRecord, IsvContract, TenantCapacityDetails } from "./models.js";
import type { Runtime } from "./runtime.js";
import { billingAccountId } from "./seedLicensing.js";
import { clone } from "./clone.js";

const DESIRED = ["Enabled", "Disabled"] as const;

/** The principal recorded as creator/modifier of what requests create: the tenant's automation account. */
function caller(rt: Runtime): { id: string; type: string } {
  const automation = rt.data.directory.ofType("ServicePrincipal")[0];
  return { id: automation?.id ?? rt.data.tenantId, type: "Application" };
}

/** Ends provisioning when its time has come on the emulator clock. */
function settle(rt: Runtime, record: BillingPolicyRecord): void {
  if (record.provisionedAt !== null && rt.time.now() >= record.provisionedAt) {
    record.policy.status = record.desiredStatus;
    record.policy.lastModifiedOn = rt.time.iso(record.provisionedAt);
    record.provisionedAt = null;
  }
}

/** The policy record, or 404 `BillingPolicyNotFound`. */
export function requireBillingPolicy(rt: Runtime, id: string): BillingPolicyRecord {
  const record = rt.data.billingPolicies.get(id.toLowerCase());
  if (!record) throw serviceError(404, "BillingPolicyNotFound", `Billing policy '${id}' was not found for this tenant.`);
  settle(rt, record);
  return record;
}

/** Ids of every billing policy now (for paging). */
export function billingPolicyIds(rt: Runtime): string[] {
  return [...rt.data.billingPolicies.keys()];
}

/** A billing policy by lower-case id, settled and copied, or undefined. */
export function billingPolicyIfPresent(rt: Runtime, key: string): BillingPolicy | undefined {
  const record = rt.data.billingPolicies.get(key);
  if (!record) return undefined;
  settle(rt, record);
  return clone(record.policy);
}

/** GetBillingPolicy / RefreshBillingPolicyProvisioningStatus. */
export function billingPolicy(rt: Runtime, id: string): BillingPolicy {
  return clone(requireBillingPolicy(rt, id).policy);
}

function billingInstrumentOf(request: JsonObject): { subscriptionId: string; resourceGroup: string } {
  const instrument = requiredObject(request, "billingInstrument");
  const subscriptionId = requiredString(instrument, "subscriptionId", "billingInstrument");
  if (!isGuid(subscriptionId)) throw invalidBody(`billingInstrument.subscriptionId '${subscriptionId}' is not a GUID.`);
  return { subscriptionId, resourceGroup: requiredString(instrument, "resourceGroup", "billingInstrument") };
}

/** CreateBillingPolicy: answers the policy in `Provisioning`. */
export function createBillingPolicy(rt: Runtime, body: unknown): BillingPolicy {
  const request = objectBody(body);
  const name = requiredString(request, "name");
  const location = requiredString(request, "location");
  const status = optionalString(request, "status");
  const desiredStatus = status === undefined ? "Enabled" : oneOf(status, DESIRED, "status");
  const instrument = billingInstrumentOf(request);
  const now = rt.time.iso();
  const by = caller(rt);
  const policy: BillingPolicy = {
    id: rt.random.guid(),
    name,
    type: "TenantOwned",
    status: "Provisioning",
    location,
    billingInstrument: { id: billingAccountId(instrument.subscriptionId, instrument.resourceGroup, name), ...instrument },
    createdOn: now,
    createdBy: by,
    lastModifiedOn: now,
    lastModifiedBy: by,
  };
  rt.data.billingPolicies.set(policy.id.toLowerCase(), {
    policy,
    desiredStatus,
    provisionedAt: rt.time.now() + rt.options.provisioningDelayInMs,
    environments: new Set(),
  });
  return clone(policy);
}

/** UpdateBillingPolicy: renames and/or sets the status (while provisioning, the status it will settle on). */
export function updateBillingPolicy(rt: Runtime, id: string, body: unknown): BillingPolicy {
  const record = requireBillingPolicy(rt, id);
  const request = objectBody(body);
  const name = optionalString(request, "name");
  if (name !== undefined && name.trim() === "") throw invalidBody("'name' must not be empty.");
  const rawStatus = optionalString(request, "status");
  const status = rawStatus === undefined ? undefined : oneOf(rawStatus, DESIRED, "status");
  if (name !== undefined) record.policy.name = name;
  if (status !== undefined) {
    record.desiredStatus = status;
    if (record.provisionedAt === null) record.policy.status = status;
  }
  record.policy.lastModifiedOn = rt.time.iso();
  record.policy.lastModifiedBy = caller(rt);
  return clone(record.policy);
}

/** DeleteBillingPolicy. */
export function deleteBillingPolicy(rt: Runtime, id: string): void {
  requireBillingPolicy(rt, id);
  rt.data.billingPolicies.delete(id.toLowerCase());
}

/** Environment ids linked to a policy now (for paging). */
export function policyEnvironmentIds(rt: Runtime, id: string): string[] {
  return [...requireBillingPolicy(rt, id).environments];
}

/** A link by environment id, or undefined when the policy or the link is gone (paging resolver). */
export function policyEnvironmentIfLinked(rt: Runtime, id: string, environmentId: string): { billingPolicyId: string; environmentId: string } | undefined {
  const record = rt.data.billingPolicies.get(id.toLowerCase());
  return record?.environments.has(environmentId) ? { billingPolicyId: record.policy.id, environmentId } : undefined;
}

/** GetBillingPolicyEnvironment: the link, or 404 when the environment is not linked to the policy. */
export function policyEnvironment(rt: Runtime, id: string, environmentId: string): { billingPolicyId: string; environmentId: string } {
  const record = requireBillingPolicy(rt, id);
  const linked = [...record.environments].find((e) => e.toLowerCase() === environmentId.toLowerCase());
  if (!linked) throw serviceError(404, "EnvironmentNotLinked", `Environment '${environmentId}' is not linked to billing policy '${id}'.`);
  return { billingPolicyId: record.policy.id, environmentId: linked };
}

/** AddBillingPolicyEnvironments: links environments; one linked to another policy moves to this one. */
export function addPolicyEnvironments(rt: Runtime, id: string, body: unknown): void {
  const record = requireBillingPolicy(rt, id);
  const ids = stringArray(objectBody(body), "environmentIds", { minItems: 1 }).map((e) => {
    const environment = rt.data.environments.get(e.toLowerCase());
    if (!environment) throw environmentNotFound(e);
    return environment.id;
  });
  for (const environmentId of ids) {
    for (const other of rt.data.billingPolicies.values()) other.environments.delete(environmentId);
    record.environments.add(environmentId);
  }
}

/** RemoveBillingPolicyEnvironments: unlinks environments; ids that are not linked are ignored. */
export function removePolicyEnvironments(rt: Runtime, id: string, body: unknown): void {
  const record = requireBillingPolicy(rt, id);
  const ids = stringArray(objectBody(body), "environmentIds", { minItems: 1 }).map((e) => e.toLowerCase());
  for (const linked of [...record.environments]) if (ids.includes(linked.toLowerCase())) record.environments.delete(linked);
}

/** GetEnvironmentBillingPolicy: the policy the environment is linked to, or 404. */
export function environmentBillingPolicy(rt: Runtime, environmentId: string): BillingPolicy {
  const environment = requireEnvironment(rt, environmentId);
  for (const record of rt.data.billingPolicies.values()) {
    if (record.environments.has(environment.id)) {
      settle(rt, record);
      return clone(record.policy);
    }
  }
  throw serviceError(404, "BillingPolicyNotFound", `No billing policy is linked to environment '${environmentId}'.`);
}

/** GetTenantCapacityDetails. */
export function tenantCapacity(rt: Runtime): TenantCapacityDetails {
  return clone(rt.data.tenantCapacity);
}

// ---------------------------------------------------------------------------------------------
// ISV contracts
// ---------------------------------------------------------------------------------------------

function contractName(value: string): string {
  if (!/^[a-zA-Z0-9]{10,64}$/.test(value)) throw invalidBody(`'name' must be 10 to 64 letters and digits; got '${value}'.`);
  return value;
}

/** The contract, or 404 `IsvContractNotFound`. */
export function requireIsvContract(rt: Runtime, id: string): IsvContract {
  const contract = rt.data.isvContracts.get(id.toLowerCase());
  if (!contract) throw serviceError(404, "IsvContractNotFound", `ISV contract '${id}' was not found for this tenant.`);
  return contract;
}

/** Ids of every ISV contract now (for paging). */
export function isvContractIds(rt: Runtime): string[] {
  return [...rt.data.isvContracts.keys()];
}

/** A contract by lower-case id, copied, or undefined. */
export function isvContractIfPresent(rt: Runtime, key: string): IsvContract | undefined {
  const contract = rt.data.isvContracts.get(key);
  return contract ? clone(contract) : undefined;
}

/** CreateIsvContract: every body field is required. */
export function createIsvContract(rt: Runtime, body: unknown): IsvContract {
  const request = objectBody(body);
  const name = contractName(requiredString(request, "name"));
  const status = oneOf(requiredString(request, "status"), DESIRED, "status");
  const geo = stringArray(request, "geo", { minItems: 1 });
  const consumerTenant = requiredString(requiredObject(request, "consumer"), "tenantId", "consumer");
  if (!isGuid(consumerTenant)) throw invalidBody(`consumer.tenantId '${consumerTenant}' is not a GUID.`);
  const instrument = billingInstrumentOf(request);
  const conditions = requiredObject(request, "conditions");
  const powerAutomatePolicy = requiredObject(request, "powerAutomatePolicy");
  const now = rt.time.iso();
  const by = caller(rt);
  const contract: IsvContract = {
    id: rt.random.guid(),
    name,
    status,
    geo: geo.length === 1 ? (geo[0] as string) : geo,
    consumer: { tenantId: consumerTenant },
    billingInstrument: { id: billingAccountId(instrument.subscriptionId, instrument.resourceGroup, name), ...instrument },
    conditions: clone(conditions),
    powerAutomatePolicy: clone(powerAutomatePolicy),
    createdOn: now,
    createdBy: by,
    lastModifiedOn: now,
    lastModifiedBy: by,
  };
  rt.data.isvContracts.set(contract.id.toLowerCase(), contract);
  return clone(contract);
}

/** UpdateIsvContract: name, status, conditions and Power Automate policy may change. */
export function updateIsvContract(rt: Runtime, id: string, body: unknown): IsvContract {
  const contract = requireIsvContract(rt, id);
  const request = objectBody(body);
  const name = optionalString(request, "name");
  const rawStatus = optionalString(request, "status");
  const status = rawStatus === undefined ? undefined : oneOf(rawStatus, DESIRED, "status");
  const conditions = request.conditions === undefined ? undefined : requiredObject(request, "conditions");
  const policy = request.powerAutomatePolicy === undefined ? undefined : requiredObject(request, "powerAutomatePolicy");
  if (name !== undefined) contract.name = contractName(name);
  if (status !== undefined) contract.status = status;
  if (conditions !== undefined) contract.conditions = clone(conditions);
  if (policy !== undefined) contract.powerAutomatePolicy = { ...contract.powerAutomatePolicy, ...clone(policy) };
  contract.lastModifiedOn = rt.time.iso();
  contract.lastModifiedBy = caller(rt);
  return clone(contract);
}

/** DeleteIsvContract. */
export function deleteIsvContract(rt: Runtime, id: string): void {
  requireIsvContract(rt, id);
  rt.data.isvContracts.delete(id.toLowerCase());
}
