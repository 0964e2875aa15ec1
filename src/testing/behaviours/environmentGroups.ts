/**
 * Environment-group membership: adding an environment to a group or removing it is an
 * environment-group operation (202 + `Location` to `/environmentGroupOperations/{id}` with the
 * api-version of the spec's example `Location`, `1`, as the service answers) whose `state.id` reads
 * `NotStarted`, `Running`, then `Succeeded` on the emulator clock; the environment's `environmentGroupId` changes when it ends.
 * Removing an environment that is not in the group answers 204. An unknown operation id reads 204.
 * Deleting a group (generic) leaves the environments put in it here in no group.
 */
import { checkParents } from "../operations/genericHandlers.js";
import { retryAfterSeconds, statusUrl } from "../operations/longRunning.js";
import type { OperationId } from "../../../generated/operations.js";
import type { Behaviour, OperationCall } from "../operations/operationCall.js";
import { generatedRouter } from "../operations/operationRouter.js";
import type { Environment } from "../seed/wireShapes.js";
import { pathOf } from "../tenant/collections.js";
import type { EmulatorState, ReadHook } from "../tenant/emulatorState.js";
import type { Doc } from "../tenant/resourceStore.js";
import { jsonAnswer, notFound } from "../http/wire.js";
import { settleLifecycles } from "./environmentLifecycle.js";

interface MembershipRecord extends Doc {
  kind: "groupMembership";
  id: string;
  environmentId: string;
  /** The group the environment ends up in (null: none). */
  groupId: string | null;
  startedAt: number;
  durationMs: number;
  settled: boolean;
}

const memberships = (state: EmulatorState) => [...state.operationRecords.values()].filter((r): r is MembershipRecord => r.kind === "groupMembership");
const environments = (state: EmulatorState) => state.store.collection(pathOf("environments"));

/**
 * Applies every membership change that has ended, and takes environments out of groups deleted since
 * they were put there (a read hook of the environments).
 */
const settleMemberships: ReadHook = (state) => {
  const now = state.time.now();
  const groups = state.store.collection(pathOf("environmentGroups"));
  for (const op of memberships(state).sort((a, b) => a.startedAt - b.startedAt)) {
    const env = environments(state).get(op.environmentId.toLowerCase()) as Environment | undefined;
    if (!op.settled && now >= op.startedAt + op.durationMs) {
      op.settled = true;
      if (env) env.environmentGroupId = op.groupId;
    }
    if (op.settled && env && op.groupId && env.environmentGroupId === op.groupId && !groups.has(op.groupId.toLowerCase())) env.environmentGroupId = null;
  }
};

/** Everything time changes about environments: lifecycle operations first, then memberships. */
export const settleEnvironments: ReadHook = (state) => {
  settleLifecycles(state);
  settleMemberships(state);
};

function requireEnvironment(call: OperationCall): Environment {
  settleEnvironments(call.state);
  const id = call.params.environmentId ?? "";
  const env = environments(call.state).get(id.toLowerCase()) as Environment | undefined;
  if (!env) throw notFound("environmentId", id);
  return env;
}

function startMembership(call: OperationCall, env: Environment, groupId: string | null) {
  const { state } = call;
  const op: MembershipRecord = {
    kind: "groupMembership",
    id: state.random.guid(),
    environmentId: env.id,
    groupId,
    startedAt: state.time.now(),
    durationMs: state.options.operationDurationInMs,
    settled: false,
  };
  state.operationRecords.set(op.id.toLowerCase(), op);
  const status = generatedRouter.route(call.operation.lro!.statusOperationId!).operation;
  return { status: 202, headers: { Location: statusUrl(call, status.path, call.operation.lro!.statusApiVersion ?? status.defaultApiVersion, op.id), "Retry-After": retryAfterSeconds(op.durationMs / 2) } };
}

const addEnvironment: Behaviour = (call) => {
  checkParents(call);
  const env = requireEnvironment(call);
  return startMembership(call, env, call.params.groupId ?? null);
};

const removeEnvironment: Behaviour = (call) => {
  checkParents(call);
  const env = requireEnvironment(call);
  const groupId = (call.params.groupId ?? "").toLowerCase();
  const pending = memberships(call.state).some((op) => !op.settled && op.environmentId === env.id);
  if (!pending && (env.environmentGroupId ?? "").toLowerCase() !== groupId) return { status: 204 };
  return startMembership(call, env, null);
};

const getOperation: Behaviour = (call) => {
  const { state } = call;
  settleEnvironments(state);
  const id = call.params.operationId ?? "";
  const op = state.operationRecords.get(id.toLowerCase()) as MembershipRecord | undefined;
  if (!op || op.kind !== "groupMembership") return { status: 204 };
  const now = state.time.now();
  const end = op.startedAt + op.durationMs;
  const running = now < end;
  const stage = (name: string, at: number) => ({ name, state: { id: now >= end ? "Succeeded" : now >= op.startedAt + at * op.durationMs ? "Running" : "NotStarted" } });
  const body = {
    id: op.id,
    state: { id: running ? (now < op.startedAt + op.durationMs / 10 ? "NotStarted" : "Running") : "Succeeded" },
    stages: [stage("Validate", 0), stage("Prepare", 0.25), stage("Run", 0.5), stage("Finalize", 0.75)],
  };
  return jsonAnswer(200, body, running ? { "Retry-After": retryAfterSeconds(end - now) } : undefined);
};

/** Behaviours by operation id. */
export const environmentGroupBehaviours = {
  AddEnvironmentToGroup: addEnvironment,
  RemoveEnvironmentFromGroup: removeEnvironment,
  GetEnvironmentGroupOperation: getOperation,
} satisfies Partial<Record<OperationId, Behaviour>>;
