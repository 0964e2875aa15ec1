/**
 * A long-running start refused with 409 because another operation is still running on the same
 * resource (environment lifecycle operations are serialised per environment). Where the spec names
 * the list of running operations (`x-ppadmin.poll.runningFrom`), the refusal becomes an
 * {@link OperationInProgressError} that names the running operation and carries a poller state for
 * it, so a caller can wait for it with the same `resume…` method and then start again.
 */
import { PowerPlatformError } from "../core/errors.js";
import { resumeMethodName } from "./facadeNames.js";
import { finalStatuses, OperationPoller } from "./operationPoller.js";
import type { OperationEntry } from "./tables.js";
import type { ServiceRuntime } from "./serviceRuntime.js";

/** The operation that blocked a start. */
export interface RunningOperation {
  /** The service's id of the running operation. */
  readonly operationId: string;
  /** The URL it is polled on. */
  readonly operationUrl: string;
  /**
   * A poller state for it, accepted by the `resume…` method of the operation that was refused
   * (`pp.environments.resumeCopy(error.runningOperation.resumeState)` after `beginCopy` met a 409).
   */
  readonly resumeState: string;
}

/** The code of an {@link OperationInProgressError}. */
export const OPERATION_IN_PROGRESS = "LifecycleOperationInProgress";

/**
 * A start refused (409) because another long-running operation is running on the same resource.
 * `runningOperation` names it; wait for it with the refused method's `resume…`, then start again.
 * The service's own code and message are kept in `details` and `cause`.
 */
export class OperationInProgressError extends PowerPlatformError {
  /** The operation that is still running. */
  readonly runningOperation: RunningOperation;

  /** @internal */
  constructor(original: PowerPlatformError, runningOperation: RunningOperation, resumeMethod: string, environment: string | undefined) {
    super({
      status: original.status,
      code: OPERATION_IN_PROGRESS,
      message:
        `${original.message} Operation ${runningOperation.operationId} is still running${environment ? ` on ${environment}` : ""}.` +
        ` Hint: wait for it with ${resumeMethod}(error.runningOperation.resumeState).pollUntilDone(), then start again.`,
      details: [{ code: original.code, message: original.message }, ...original.details],
      method: original.method,
      url: original.url,
      ...(original.retryAfterInMs === undefined ? {} : { retryAfterInMs: original.retryAfterInMs }),
      ...(original.requestId === undefined ? {} : { requestId: original.requestId }),
      ...(original.correlationId === undefined ? {} : { correlationId: original.correlationId }),
      cause: original,
    });
    this.runningOperation = runningOperation;
  }

  /** The plain form, with the running operation. */
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), runningOperation: { operationId: this.runningOperation.operationId, operationUrl: this.runningOperation.operationUrl } };
  }
}

/**
 * What a 409 from the start of `entry` becomes: an {@link OperationInProgressError} when the spec's
 * `runningFrom` list shows an operation that is not final yet, else the error unchanged (a 409 for
 * another reason, a list that could not be read, nothing running).
 */
export async function explainConflict(
  runtime: ServiceRuntime,
  entry: OperationEntry,
  method: string,
  pathArgs: Readonly<Record<string, string>>,
  error: unknown,
  abortSignal: AbortSignal | undefined,
): Promise<unknown> {
  const runningFrom = entry.poll?.runningFrom;
  if (!(error instanceof PowerPlatformError) || error.status !== 409 || !runningFrom) return error;
  const list = runtime.entry(runningFrom);
  const environment = entry.environmentParam ? pathArgs[entry.environmentParam] : undefined;
  const listArgs: Record<string, unknown> = { abortSignal };
  for (const param of list.pathParams) {
    const value = pathArgs[param] ?? (param === list.environmentParam ? environment : undefined);
    if (value === undefined) return error;
    listArgs[param] = value;
  }
  const { succeeded, failed } = finalStatuses(entry);
  const statusField = entry.poll?.statusField ?? "status";
  const idField = entry.poll?.idFrom ?? "operationId";
  try {
    for await (const page of runtime.list<Record<string, unknown>>(runningFrom, listArgs).byPage()) {
      for (const item of page) {
        const status = String(item?.[statusField] ?? "").toLowerCase();
        const id = item?.[idField] ?? item?.id;
        if (typeof id !== "string" || !id || succeeded.has(status) || failed.has(status)) continue;
        const state = OperationPoller.stateForId(runtime, entry, method, pathArgs, id);
        if (!state) return error;
        const running: RunningOperation = { operationId: id, operationUrl: state.operationUrl, resumeState: JSON.stringify(state) };
        return new OperationInProgressError(error, running, resumeMethodName(method), environment);
      }
    }
  } catch {
    return error; // the lookup is a courtesy: its failure must not hide the service's answer
  }
  return error;
}
