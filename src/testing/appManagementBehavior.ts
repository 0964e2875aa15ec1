/**
 * What the AppManagement operations do: package lists with install state, and installs that run as
 * long-running operations — `Running` for `installDurationInMs` of the emulator clock, then
 * `Succeeded` (the package reads `Installed`) or, when told to, `Failed` with error details.
 */
import { requireEnvironment } from "./appsBehavior.js";
import { objectBody, optionalString } from "./bodies.js";
import { EmulatorHttpError, invalidBody, serviceError } from "./errors.js";
import type {
  ApplicationPackage,
  ApplicationPackageOperation,
  InstallBehavior,
  InstallOperationRecord,
  InstancePackage,
  TenantApplicationPackage,
} from "./models.js";
import type { Runtime } from "./runtime.js";
import { installError } from "./seedPackages.js";
import { clone } from "./clone.js";

/** Values of the `appInstallState` filter. */
export const APP_INSTALL_STATES = ["All", "Installed", "NotInstalled"] as const;

/** Applies finished operations' outcomes to their packages. */
function settleOperations(rt: Runtime): void {
  const now = rt.time.now();
  for (const op of rt.installOperations.values()) {
    if (op.settled || now < op.startedAt + op.durationMs) continue;
    op.settled = true;
    const pkg = packagesOf(rt, op.environment).find((p) => p.uniqueName.toLowerCase() === op.uniqueName.toLowerCase());
    if (!pkg) continue;
    pkg.state = op.outcome === "Succeeded" ? "Installed" : "InstallFailed";
    const error = op.outcome === "Succeeded" ? null : op.error;
    if ("lastError" in pkg) pkg.lastError = error;
    else pkg.errorDetails = error;
  }
}

function packagesOf(rt: Runtime, environment: string): ApplicationPackage[] {
  return rt.data.environmentPackages.get(environment.toLowerCase()) ?? [];
}

/** ListTenantApplicationPackages. */
export function tenantPackages(rt: Runtime): TenantApplicationPackage[] {
  return clone(rt.data.tenantPackages);
}

/** ListEnvironmentApplicationPackages, filtered by `appInstallState` (All when absent). */
export function environmentPackages(rt: Runtime, environment: string, appInstallState: string | null): ApplicationPackage[] {
  requireEnvironment(rt, environment);
  settleOperations(rt);
  const filter = appInstallState === null ? "All" : APP_INSTALL_STATES.find((s) => s.toLowerCase() === appInstallState.toLowerCase());
  if (!filter) throw serviceError(400, "InvalidQueryParameterValue", `appInstallState must be one of ${APP_INSTALL_STATES.join(", ")}; got '${appInstallState}'.`);
  return clone(packagesOf(rt, environment)).filter((p) =>
    filter === "All" ? true : filter === "Installed" ? p.state === "Installed" : p.state !== "Installed",
  );
}

/** The behaviour of the next install of `uniqueName`. */
function behaviorFor(rt: Runtime, uniqueName: string): InstallBehavior {
  return rt.installBehaviors.get(uniqueName.toLowerCase()) ?? rt.installBehaviors.get("*") ?? {};
}

/** What an install answers: the operation started, the instance package body, and 202 or 200. */
export interface InstallStarted {
  operation: InstallOperationRecord;
  instancePackage: InstancePackage;
  respondWith: 202 | 200;
}

/** InstallApplicationPackage: starts the operation and marks the package `Installing`. */
export function installPackage(rt: Runtime, environment: string, uniqueName: string, body: unknown): InstallStarted {
  const env = requireEnvironment(rt, environment);
  const request = objectBody(body, true);
  const payload = request.payloadValue === undefined ? undefined : optionalString(request, "payloadValue");
  if (payload !== undefined) {
    try {
      JSON.parse(payload);
    } catch {
      throw invalidBody("'payloadValue' must be a JSON document serialized as a string.");
    }
  }
  settleOperations(rt);
  const pkg = packagesOf(rt, environment).find((p) => p.uniqueName.toLowerCase() === uniqueName.toLowerCase());
  if (!pkg) throw serviceError(404, "ApplicationPackageNotFound", `Application package '${uniqueName}' is not available in environment '${environment}'.`);
  const running = [...rt.installOperations.values()].find((op) => !op.settled && op.environment === env.id && op.uniqueName === pkg.uniqueName);
  if (running) throw serviceError(409, "OperationInProgress", `An install of '${pkg.uniqueName}' is already running (operation '${running.operationId}').`);
  const behavior = behaviorFor(rt, pkg.uniqueName);
  const instancePackageId = pkg.instancePackageId ?? rt.random.guid();
  const operation: InstallOperationRecord = {
    operationId: rt.random.guid(),
    environment: env.id,
    uniqueName: pkg.uniqueName,
    instancePackageId,
    startedAt: rt.time.now(),
    durationMs: rt.options.installDurationInMs,
    outcome: behavior.outcome ?? "Succeeded",
    error: behavior.outcome === "Failed" ? (behavior.error ?? installError()) : null,
    busyPolls: behavior.busyPolls ?? 0,
    settled: false,
  };
  rt.installOperations.set(operation.operationId.toLowerCase(), operation);
  pkg.instancePackageId = instancePackageId;
  pkg.state = "Installing";
  const respondWith = behavior.respondWith ?? 202;
  const createdOn = rt.time.iso(operation.startedAt);
  const instancePackage: InstancePackage = {
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
    lastOperation: {
      operationId: operation.operationId,
      instancePackageId,
      state: respondWith === 202 ? "InstallScheduled" : "InstallRequested",
      createdOn,
      modifiedOn: respondWith === 202 ? null : createdOn,
      statusMessage: null,
      errorDetails: null,
    },
  };
  return { operation, instancePackage, respondWith };
}

/** A polled operation and, while it runs, how long until it ends (for `Retry-After`). */
export interface OperationPoll {
  body: ApplicationPackageOperation;
  remainingMs: number;
}

/** GetApplicationPackageOperation; answers 409 "still busy" while the operation has busy polls left. */
export function pollOperation(rt: Runtime, environment: string, operationId: string): OperationPoll {
  requireEnvironment(rt, environment);
  const op = rt.installOperations.get(operationId.toLowerCase());
  if (!op || op.environment.toLowerCase() !== environment.toLowerCase()) {
    throw serviceError(404, "OperationNotFound", `Operation '${operationId}' was not found in environment '${environment}'.`);
  }
  const now = rt.time.now();
  const end = op.startedAt + op.durationMs;
  if (op.busyPolls > 0) {
    op.busyPolls--;
    throw new EmulatorHttpError(
      409,
      { error: { code: "OperationInProgress", message: `Operation '${op.operationId}' is still being processed.` } },
      { "Retry-After": String(Math.max(1, Math.ceil((end - now) / 1000))) },
    );
  }
  settleOperations(rt);
  return { body: renderOperation(rt, op), remainingMs: Math.max(0, end - now) };
}

/** An operation as a poll shows it now. */
function renderOperation(rt: Runtime, op: InstallOperationRecord): ApplicationPackageOperation {
  const now = rt.time.now();
  const end = op.startedAt + op.durationMs;
  const done = now >= end;
  return {
    operationId: op.operationId,
    status: done ? op.outcome : "Running",
    statusMessage: !done ? null : op.outcome === "Succeeded" ? "The package was installed." : "Install failed.",
    createdDateTime: rt.time.iso(op.startedAt),
    lastActionDateTime: rt.time.iso(done ? end : now),
    error: done ? clone(op.error) : null,
  };
}

/** Every install operation, as a poll would show it (no busy answers consumed). */
export function installOperationsView(rt: Runtime): ApplicationPackageOperation[] {
  settleOperations(rt);
  return [...rt.installOperations.values()].map((op) => renderOperation(rt, op));
}
