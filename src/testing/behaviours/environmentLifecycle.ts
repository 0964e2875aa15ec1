/**
 * Environment lifecycle operations (EnvironmentManagement): provisioning, delete, recover, copy,
 * restore, reset, Dataverse link, managed on/off and the disaster-recovery actions. Each starts a
 * lifecycle operation that reads `Queued`, then `InProgress`, then its outcome on the emulator
 * clock (`operationDurationInMs`); its effect on the environment (created ready, gone, back, copied
 * over, renamed, ...) shows in lists and gets once it has finished. An environment runs one
 * lifecycle operation at a time: a second start answers 409 with the service's validation body.
 * `ValidateOnly=true` starts an operation that ends `ValidationPassed` and changes nothing; recovering
 * an environment that is not deleted ends `NoOperation`.
 * Provisioning answers 201 with the operation document; the other starts answer 202 with
 * `Location`. Operations are read by id (tenant or environment route) and listed per environment,
 * paged by `limit` + `continuationToken`.
 */
import { retryAfterSeconds, statusUrl } from "../operations/longRunning.js";
import type { OperationId } from "../../../generated/operations.js";
import type { Behaviour, OperationCall } from "../operations/operationCall.js";
import { generatedRouter } from "../operations/operationRouter.js";
import type { Environment } from "../seed/wireShapes.js";
import { pathOf } from "../tenant/collections.js";
import type { EmulatorState, ReadHook } from "../tenant/emulatorState.js";
import type { Doc } from "../tenant/resourceStore.js";
import { clone, EmulatorHttpError, jsonAnswer, notFound } from "../http/wire.js";

/** Where deleted environments wait to be recovered (a collection of the emulator's own). */
const DELETED = "/emulator/deletedEnvironments";

/** A lifecycle operation: what it is, on which environment, when it ends and what it does then. */
interface LifecycleRecord extends Doc {
  kind: "lifecycle";
  operationId: string;
  name: string;
  environmentId: string;
  startedAt: number;
  durationMs: number;
  outcome: "Succeeded" | "ValidationPassed" | "NoOperation";
  requestedBy: { userId: string; type: string; tenantId: string };
  /** Applied once, when the operation ends. */
  effect: ((state: EmulatorState) => void) | null;
  settled: boolean;
}

const lifecycles = (state: EmulatorState) => [...state.operationRecords.values()].filter((r): r is LifecycleRecord => r.kind === "lifecycle");
const environments = (state: EmulatorState) => state.store.collection(pathOf("environments"));
const findEnvironment = (state: EmulatorState, id: string) => environments(state).get(id.toLowerCase()) as Environment | undefined;

/** Applies the effects of every lifecycle operation that has ended (a read hook of the environments). */
export const settleLifecycles: ReadHook = (state) => {
  const now = state.time.now();
  for (const op of lifecycles(state).sort((a, b) => a.startedAt - b.startedAt)) {
    if (op.settled || now < op.startedAt + op.durationMs) continue;
    op.settled = true;
    op.effect?.(state);
  }
};

function requireEnvironment(state: EmulatorState, id: string): Environment {
  settleLifecycles(state);
  const env = findEnvironment(state, id);
  if (!env) throw notFound("environmentId", id);
  return env;
}

function statusOf(op: LifecycleRecord, now: number): string {
  if (now >= op.startedAt + op.durationMs) return op.outcome;
  return now < op.startedAt + op.durationMs / 10 ? "Queued" : "InProgress";
}

/** The operation document as the service shows it now. */
function documentOf(state: EmulatorState, op: LifecycleRecord): Doc {
  const now = state.time.now();
  const end = op.startedAt + op.durationMs;
  const done = now >= end;
  const env = findEnvironment(state, op.environmentId) ?? (state.store.collection(DELETED).get(op.environmentId.toLowerCase()) as Environment | undefined);
  return {
    operationId: op.operationId,
    name: op.name,
    status: statusOf(op, now),
    startTime: state.time.iso(op.startedAt),
    endTime: done ? state.time.iso(end) : null,
    requestedBy: clone(op.requestedBy),
    updatedEnvironment: env ? { environmentId: env.id, displayName: env.displayName ?? null, dataverseOrganizationUrl: env.url ?? null } : null,
    stageStatuses: [
      { name: "Validate", status: now < op.startedAt + op.durationMs / 10 ? "InProgress" : "Succeeded", startTime: state.time.iso(op.startedAt), endTime: null, errorDetail: null },
      { name: op.name, status: done ? "Succeeded" : now < op.startedAt + op.durationMs / 10 ? "NotStarted" : "InProgress", startTime: null, endTime: done ? state.time.iso(end) : null, errorDetail: null },
    ],
    errorDetail: null,
  };
}

function validateOnly(call: OperationCall): boolean {
  return (call.url.searchParams.get("ValidateOnly") ?? "").toLowerCase() === "true";
}

/** Starts a lifecycle operation on `environmentId` (409 when one is running there); returns its record. */
function start(call: OperationCall, name: string, environmentId: string, effect: LifecycleRecord["effect"], outcome: LifecycleRecord["outcome"] = "Succeeded"): LifecycleRecord {
  const { state } = call;
  settleLifecycles(state);
  const running = lifecycles(state).find((op) => !op.settled && op.environmentId.toLowerCase() === environmentId.toLowerCase());
  if (running) {
    throw new EmulatorHttpError(409, {
      errorDetail: {
        code: "OperationNotStartable",
        message: `The environment '${environmentId}' has an active lifecycle operation ('${running.name}', ${running.operationId}); start this one when it has finished.`,
        fieldErrors: {},
      },
    });
  }
  const check = validateOnly(call);
  const caller = state.directoryIndex.ofType("ServicePrincipal")[0];
  const op: LifecycleRecord = {
    kind: "lifecycle",
    operationId: state.random.guid(),
    name,
    environmentId,
    startedAt: state.time.now(),
    durationMs: check ? Math.max(1, Math.round(state.options.operationDurationInMs / 10)) : state.options.operationDurationInMs,
    outcome: check ? "ValidationPassed" : outcome,
    requestedBy: { userId: caller?.id ?? state.tenantId, type: "Application", tenantId: state.tenantId },
    effect: check ? null : effect,
    settled: false,
  };
  state.operationRecords.set(op.operationId.toLowerCase(), op);
  return op;
}

/** 202 with `Location` on the status route the spec names for the operation (the tenant-level one). */
function accepted(call: OperationCall, op: LifecycleRecord) {
  const route = generatedRouter.route(call.operation.lro!.statusOperationId!).operation;
  return { status: 202, headers: { Location: statusUrl(call, route.path, route.defaultApiVersion, op.operationId), "Retry-After": retryAfterSeconds(op.durationMs / 2) } };
}

/** A start on the environment the path names, with an effect on that environment. */
function onEnvironment(name: string, param: string, effect: (env: Environment, call: OperationCall, state: EmulatorState) => void): Behaviour {
  return (call) => {
    const id = call.params[param] ?? "";
    const env = requireEnvironment(call.state, id);
    const op = start(call, name, env.id, (state) => {
      const current = findEnvironment(state, env.id);
      if (current) effect(current, call, state);
    });
    return accepted(call, op);
  };
}

const provision: Behaviour = (call) => {
  const { state, body } = call;
  const env = state.addEnvironment({ displayName: body.displayName, type: String(body.environmentSku), ...(body.location ? { geo: String(body.location) } : {}) });
  const stored = findEnvironment(state, env.id)!;
  stored.state = "Preparing";
  const linked = body.linkedEnvironmentMetadata;
  if (linked?.domainName) stored.domainName = linked.domainName;
  if (linked?.securityGroupId) stored.securityGroupId = linked.securityGroupId;
  if (body.parentEnvironmentGroup?.id) stored.environmentGroupId = body.parentEnvironmentGroup.id;
  if (body.governanceConfiguration?.protectionLevel) stored.protectionLevel = body.governanceConfiguration.protectionLevel;
  if (body.databaseType === "None") Object.assign(stored, { dataverseId: null, url: null, version: null });
  const op = start(call, "Provision", env.id, (s) => {
    const current = findEnvironment(s, env.id);
    if (current) current.state = "Ready";
  });
  if (validateOnly(call)) environments(state).delete(env.id.toLowerCase());
  return jsonAnswer(201, documentOf(state, op));
};

const remove = onEnvironment("Delete", "environmentId", (env, _call, state) => {
  environments(state).delete(env.id.toLowerCase()); // its apps and connections stay behind for a recover
  env.deletedDateTime = state.time.iso();
  state.store.collection(DELETED).set(env.id.toLowerCase(), env);
});

const recover: Behaviour = (call) => {
  const { state } = call;
  settleLifecycles(state);
  const id = call.params.environmentId ?? "";
  const deleted = state.store.collection(DELETED).get(id.toLowerCase()) as Environment | undefined;
  if (!deleted) {
    // An environment that is not deleted has nothing to recover: the operation ends `NoOperation`.
    const live = findEnvironment(state, id);
    if (!live) throw notFound("environmentId", id);
    return accepted(call, start(call, "Recover", live.id, null, "NoOperation"));
  }
  const op = start(call, "Recover", deleted.id, (s) => {
    const env = s.store.collection(DELETED).get(deleted.id.toLowerCase()) as Environment | undefined;
    if (!env) return;
    s.store.collection(DELETED).delete(env.id.toLowerCase());
    env.deletedDateTime = null;
    environments(s).set(env.id.toLowerCase(), env);
  });
  return accepted(call, op);
};

/** Copy and restore: the target takes the source's Dataverse version and the overrides asked for. */
function overwrite(name: string, optionsKey: string): Behaviour {
  return (call) => {
    const { state, body } = call;
    const target = requireEnvironment(state, call.params.targetEnvironmentId ?? "");
    const source = requireEnvironment(state, String(body.sourceEnvironmentId ?? ""));
    const options = (body[optionsKey] ?? {}) as Doc;
    const op = start(call, name, target.id, (s) => {
      const current = findEnvironment(s, target.id);
      if (!current) return;
      current.version = findEnvironment(s, source.id)?.version ?? source.version;
      if (options.environmentNameToOverride) current.displayName = options.environmentNameToOverride;
      if (options.securityGroupIdToOverride) current.securityGroupId = options.securityGroupIdToOverride;
    });
    return accepted(call, op);
  };
}

const reset = onEnvironment("Reset", "environmentId", (env, call) => {
  const body = (call.body ?? {}) as Doc;
  for (const key of ["displayName", "domainName", "securityGroupId"]) if (typeof body[key] === "string") (env as Doc)[key] = body[key];
  if (typeof body.domainName === "string") env.url = `https://${body.domainName}.crm.dynamics.com/`;
});

const linkDataverse = onEnvironment("Link", "environmentId", (env, call, state) => {
  const body = (call.body ?? {}) as Doc;
  env.dataverseId = env.dataverseId ?? state.random.guid();
  if (typeof body.domainName === "string") {
    env.domainName = body.domainName;
    env.url = `https://${body.domainName}.crm.dynamics.com/`;
  }
});

const nothing = () => undefined;

/** The operation the path names (tenant route, or under its environment), or 404. */
function requireOperation(call: OperationCall): LifecycleRecord {
  const id = call.params.operationId ?? "";
  const op = call.state.operationRecords.get(id.toLowerCase()) as LifecycleRecord | undefined;
  const environment = call.params.targetEnvironmentId;
  if (!op || op.kind !== "lifecycle" || (environment !== undefined && op.environmentId.toLowerCase() !== environment.toLowerCase())) throw notFound("operationId", id);
  return op;
}

const getOperation: Behaviour = (call) => {
  const { state } = call;
  settleLifecycles(state);
  const op = requireOperation(call);
  const end = op.startedAt + op.durationMs;
  const now = state.time.now();
  return jsonAnswer(200, documentOf(state, op), now >= end ? undefined : { "Retry-After": retryAfterSeconds(end - now) });
};

const listOperations: Behaviour = (call) => {
  const { state, operation } = call;
  const id = call.params.environmentId ?? "";
  settleLifecycles(state);
  if (!findEnvironment(state, id) && !state.store.collection(DELETED).get(id.toLowerCase())) throw notFound("environmentId", id);
  const mine = lifecycles(state)
    .filter((op) => op.environmentId.toLowerCase() === id.toLowerCase())
    .sort((a, b) => b.startedAt - a.startedAt);
  const byId = new Map(mine.map((op) => [op.operationId, op]));
  const members = () => mine.map((op) => [op.operationId, { operationId: op.operationId }] as const);
  // Later pages show each operation as it is when that page is read.
  const project = (doc: Doc) => documentOf(state, byId.get(String(doc.operationId)) ?? (state.operationRecords.get(String(doc.operationId).toLowerCase()) as LifecycleRecord));
  return jsonAnswer(200, call.pager.page({ operationId: operation.operationId, url: call.url, body: undefined, paging: operation.paging!, present: () => true, project }, members));
};

/** Behaviours by operation id. */
export const environmentLifecycleBehaviours = {
  ProvisionNewEnvironment: provision,
  DeleteEnvironmentById: remove,
  RecoverEnvironment: recover,
  CopyEnvironment: overwrite("Copy", "copyOptions"),
  RestoreEnvironment: overwrite("Restore", "restoreOptions"),
  ResetEnvironment: reset,
  LinkDataverse: linkDataverse,
  EnableManagedEnvironment: onEnvironment("EnableManaged", "environmentId", (env) => (env.protectionLevel = "Standard")),
  DisableManagedEnvironment: onEnvironment("DisableManaged", "environmentId", (env) => (env.protectionLevel = "Basic")),
  EnableDisasterRecovery: onEnvironment("DisasterRecoveryOn", "environmentId", nothing),
  DisableDisasterRecovery: onEnvironment("DisasterRecoveryOff", "environmentId", nothing),
  PerformDrDrill: onEnvironment("DisasterRecoveryDrill", "environmentId", nothing),
  PerformFailback: onEnvironment("Failback", "environmentId", nothing),
  PerformForceFailover: onEnvironment("ForceFailover", "environmentId", nothing),
  GetOperationById: getOperation,
  GetEnvironmentOperationById: getOperation,
  GetOperationsForEnvironment: listOperations,
} satisfies Partial<Record<OperationId, Behaviour>>;
