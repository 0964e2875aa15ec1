/**
 * Package installs: an install is a long-running operation — `Running` for `installDurationInMs` of
 * the emulator clock, then `Succeeded` (the package reads `Installed`) or, when a test says so,
 * `Failed` with error details; it may answer 200 with the instance package instead of 202, and its
 * first polls may answer 409 "still busy". Environment package lists filter by `appInstallState`.
 */
import { checkParents } from "../operations/genericHandlers.js";
import { retryAfterSeconds, statusUrl } from "../operations/longRunning.js";
import type { OperationId } from "../../../generated/operations.js";
import type { Behaviour, OperationCall } from "../operations/operationCall.js";
import { generatedRouter } from "../operations/operationRouter.js";
import { installError } from "../seed/packageSeed.js";
import type { AppManagementErrorDetails, ApplicationPackage, InstallBehavior, InstancePackage } from "../seed/wireShapes.js";
import { COLLECTION_OPERATIONS, COLLECTIONS, pathOf } from "../tenant/collections.js";
import type { EmulatorState, ReadHook } from "../tenant/emulatorState.js";
import { clone, EmulatorHttpError, jsonAnswer, notFound, serviceError } from "../http/wire.js";

/** Values of the `appInstallState` filter. */
const APP_INSTALL_STATES = ["All", "Installed", "NotInstalled"] as const;

/** An install operation: when it started, how long it runs, and how it ends. */
type InstallRecord = {
  kind: "install";
  operationId: string;
  environment: string;
  uniqueName: string;
  startedAt: number;
  durationMs: number;
  outcome: "Succeeded" | "Failed";
  error: AppManagementErrorDetails | null;
  busyPolls: number;
  settled: boolean;
};

const installs = (state: EmulatorState) => [...state.operationRecords.values()].filter((r): r is InstallRecord => r.kind === "install");
const packagesOf = (state: EmulatorState, environment: string) => [...state.store.collection(pathOf("environmentPackages", { environmentId: environment })).values()] as ApplicationPackage[];

/** Applies finished installs' outcomes to their packages (a read hook of the package lists). */
const settle: ReadHook = (state) => {
  const now = state.time.now();
  for (const op of installs(state)) {
    if (op.settled || now < op.startedAt + op.durationMs) continue;
    op.settled = true;
    const pkg = packagesOf(state, op.environment).find((p) => p.uniqueName.toLowerCase() === op.uniqueName.toLowerCase());
    if (!pkg) continue;
    pkg.state = op.outcome === "Succeeded" ? "Installed" : "InstallFailed";
    const error = op.outcome === "Succeeded" ? null : op.error;
    if ("lastError" in pkg) pkg.lastError = error;
    else pkg.errorDetails = error;
  }
};

const listEnvironmentPackages: Behaviour = (call, generic) => {
  const raw = call.url.searchParams.get("appInstallState");
  const filter = raw === null ? "All" : APP_INSTALL_STATES.find((s) => s.toLowerCase() === raw.toLowerCase());
  if (!filter) throw serviceError(400, "InvalidQueryParameterValue", `appInstallState must be one of ${APP_INSTALL_STATES.join(", ")}; got '${raw}'.`);
  if (filter !== "All") call.filter = (p) => (p.state === "Installed") === (filter === "Installed");
  return generic();
};

function behaviorFor(state: EmulatorState, uniqueName: string): InstallBehavior {
  return state.installBehaviors.get(uniqueName.toLowerCase()) ?? state.installBehaviors.get("*") ?? {};
}

const install: Behaviour = (call) => {
  checkParents(call);
  const { state } = call;
  const { environmentId = "", uniqueName = "" } = call.params;
  const payload = call.body?.payloadValue;
  if (payload !== undefined) {
    try {
      JSON.parse(payload);
    } catch {
      throw serviceError(400, "InvalidRequestContent", "'payloadValue' must be a JSON document serialized as a string.");
    }
  }
  settle(state);
  const environment = String(state.store.get(pathOf("environments"), environmentId)!.id);
  const pkg = packagesOf(state, environment).find((p) => p.uniqueName.toLowerCase() === uniqueName.toLowerCase());
  if (!pkg) throw notFound("applicationPackage", uniqueName);
  const running = installs(state).find((op) => !op.settled && op.environment === environment && op.uniqueName === pkg.uniqueName);
  if (running) throw serviceError(409, "OperationInProgress", `An install of '${pkg.uniqueName}' is already running (operation '${running.operationId}').`);
  const behavior = behaviorFor(state, pkg.uniqueName);
  const instancePackageId = pkg.instancePackageId ?? state.random.guid();
  const op: InstallRecord = {
    kind: "install",
    operationId: state.random.guid(),
    environment,
    uniqueName: pkg.uniqueName,
    startedAt: state.time.now(),
    durationMs: state.options.installDurationInMs,
    outcome: behavior.outcome ?? "Succeeded",
    error: behavior.outcome === "Failed" ? (behavior.error ?? installError()) : null,
    busyPolls: behavior.busyPolls ?? 0,
    settled: false,
  };
  state.operationRecords.set(op.operationId.toLowerCase(), op);
  pkg.instancePackageId = instancePackageId;
  pkg.state = "Installing";
  const accepted = (behavior.respondWith ?? 202) === 202;
  const createdOn = state.time.iso(op.startedAt);
  const instance: InstancePackage = {
    id: instancePackageId,
    packageId: pkg.id ?? null,
    packageUniqueName: pkg.uniqueName,
    packageVersion: pkg.version ?? null,
    applicationId: pkg.applicationId ?? null,
    applicationName: pkg.applicationName ?? null,
    applicationDescription: pkg.applicationDescription ?? null,
    applicationVisibility: pkg.applicationVisibility ?? null,
    singlePageApplicationUrl: pkg.singlePageApplicationUrl ?? null,
    publisherId: pkg.publisherId ?? null,
    publisherName: pkg.publisherName ?? null,
    localizedName: pkg.localizedName ?? null,
    localizedDescription: pkg.localizedDescription ?? null,
    learnMoreUrl: pkg.learnMoreUrl ?? null,
    termsOfServiceBlobUris: [],
    customHandleUpgrade: pkg.customHandleUpgrade ?? null,
    lastOperation: { operationId: op.operationId, instancePackageId, state: accepted ? "InstallScheduled" : "InstallRequested", createdOn, modifiedOn: accepted ? null : createdOn, statusMessage: null, errorDetails: null },
  };
  if (!accepted) return jsonAnswer(200, instance);
  const status = generatedRouter.route(call.operation.lro!.statusOperationId!).operation;
  const location = statusUrl(call, status.path, call.operation.lro!.statusApiVersion ?? status.defaultApiVersion, op.operationId);
  return jsonAnswer(202, instance, { "Operation-Location": location, "Retry-After": retryAfterSeconds(op.durationMs / 2) });
};

const poll: Behaviour = (call) => {
  checkParents(call);
  const { state } = call;
  const { environmentId = "", operationId = "" } = call.params;
  const op = state.operationRecords.get(operationId.toLowerCase()) as InstallRecord | undefined;
  if (!op || op.kind !== "install" || op.environment.toLowerCase() !== environmentId.toLowerCase()) throw notFound("operationId", operationId);
  const now = state.time.now();
  const end = op.startedAt + op.durationMs;
  if (op.busyPolls > 0) {
    op.busyPolls--;
    throw new EmulatorHttpError(409, { error: { code: "OperationInProgress", message: `Operation '${op.operationId}' is still being processed.` } }, { "Retry-After": retryAfterSeconds(end - now) });
  }
  settle(state);
  const done = now >= end;
  const body = {
    operationId: op.operationId,
    status: done ? op.outcome : "Running",
    statusMessage: !done ? null : op.outcome === "Succeeded" ? "The package was installed." : "Install failed.",
    createdDateTime: state.time.iso(op.startedAt),
    lastActionDateTime: state.time.iso(done ? end : now),
    error: done ? clone(op.error) : null,
  };
  return jsonAnswer(200, body, done ? undefined : { "Retry-After": retryAfterSeconds(end - now) });
};

/** Behaviours by operation id. */
export const packageInstallBehaviours = {
  [COLLECTION_OPERATIONS.environmentPackages]: listEnvironmentPackages,
  InstallApplicationPackage: install,
  GetApplicationPackageOperation: poll,
} satisfies Partial<Record<OperationId, Behaviour>>;

/** Read hooks by collection template. */
export const packageInstallHooks: Record<string, ReadHook> = { [COLLECTIONS.environmentPackages]: settle };
