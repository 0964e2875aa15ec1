/**
 * The poller of any long-running operation of the table. The start answers either with a status
 * URL (`Operation-Location` or `Location`, as the spec declares) or, where the spec says so
 * (`x-ppadmin.poll`), with a body naming the operation, which is then polled through the spec's
 * status operation. Polls read the status field (default `status`) until it is terminal. A poller
 * can be saved with `toString()` and resumed elsewhere.
 */
import type { OperationEntry } from "./tables.js";
import { valueAtPath, withValueAtPath } from "../core/dottedPath.js";
import { PowerPlatformError } from "../core/errors.js";
import { checkPollTiming, pollUntilDone, type PollStep } from "../core/poller.js";
import { parseRetryAfterInMs } from "../core/retryPolicy.js";
import { resolveServiceLink } from "../core/serviceLinks.js";
import { resumeMethodName } from "./facadeNames.js";
import { fillPath } from "./pathTemplate.js";
import type { ServiceRuntime } from "./serviceRuntime.js";

/** A status document of a long-running operation, when the spec names no status operation. */
export type OperationStatusDocument = { status?: string } & Record<string, unknown>;

/** What a poller needs to pick up again later: the status URL, and the start's path arguments. */
export interface OperationPollerState {
  /** `power-platform-admin/<method>`, e.g. `power-platform-admin/installPackage`. */
  readonly kind: string;
  /** The service's id of the operation (the last segment of the status URL). */
  readonly operationId: string;
  /** Absolute URL polled for status, on the client's endpoint. */
  readonly operationUrl: string;
  /**
   * Path arguments of the start request (`environmentId`, ...); and `completedAtStart: "true"` when
   * the start answered a success other than 202 with no status URL (done, nothing to poll).
   */
  readonly [pathArgument: string]: string;
}

/** Options of {@link OperationPoller.pollUntilDone}. */
export interface PollUntilDoneOptions {
  abortSignal?: AbortSignal;
  /** Wait between polls when the service sends no Retry-After (default: the client's pollIntervalInMs). */
  pollIntervalInMs?: number;
  /** Stop waiting after this long (code `Timeout`); the operation goes on. */
  timeoutInMs?: number;
}

const SUCCEEDED = ["succeeded"];
const FAILED = ["failed", "canceled", "cancelled", "validationfailed"];
const STATE_PREFIX = "power-platform-admin/";
/** State key of a poller whose start answered without anything to poll (a 204, say): it is done. */
const COMPLETED_AT_START = "completedAtStart";

/** The final values of an operation's status field, lower-cased: the spec's (x-ppadmin.poll), else the defaults. */
export function finalStatuses(entry: OperationEntry): { succeeded: ReadonlySet<string>; failed: ReadonlySet<string> } {
  const lower = (values: readonly string[]) => new Set(values.map((v) => v.toLowerCase()));
  return { succeeded: lower(entry.poll?.succeededValues ?? SUCCEEDED), failed: lower(entry.poll?.failedValues ?? FAILED) };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}


export class OperationPoller<TStatus = OperationStatusDocument> {
  private latest: TStatus | undefined;
  /** True once the status URL answered 404 for an operation whose spec says that means done. */
  private gone = false;

  private readonly final: ReturnType<typeof finalStatuses>;

  /** @internal */
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly entry: OperationEntry,
    private readonly state: OperationPollerState,
    private firstWaitInMs = 0,
  ) {
    this.final = finalStatuses(entry);
    if (state[COMPLETED_AT_START]) {
      // Nothing to poll: the start said the work was done (or there was none). Report the first success value.
      this.latest = withValueAtPath(undefined, entry.poll?.statusField ?? "status", entry.poll?.succeededValues?.[0] ?? "Succeeded") as TStatus;
      this.firstWaitInMs = 0;
    }
  }

  /** The service's id of the operation. */
  get operationId(): string {
    return this.state.operationId;
  }

  /** The environment the operation runs in, when the start named one. */
  get environmentId(): string {
    return this.state[this.entry.environmentParam ?? "environmentId"] ?? "";
  }

  /** The status document from the most recent poll, if any. */
  get operation(): TStatus | undefined {
    return this.latest;
  }

  private status(): string {
    return String(valueAtPath(this.latest, this.entry.poll?.statusField ?? "status") ?? "").toLowerCase();
  }

  /**
   * True once a poll has seen a final status (by default Succeeded, Failed, Canceled,
   * ValidationFailed; the spec may name others), or the status URL is gone where that means done.
   */
  isDone(): boolean {
    const status = this.status();
    return this.gone || this.final.succeeded.has(status) || this.final.failed.has(status);
  }

  /** Polls once; a 409 ("still busy") or a 429 from the service returns the last known state. */
  async poll(options: { abortSignal?: AbortSignal } = {}): Promise<TStatus | undefined> {
    return (await this.step(options.abortSignal)).value ?? this.latest;
  }

  private async step(signal: AbortSignal | undefined): Promise<PollStep<TStatus>> {
    if (this.state[COMPLETED_AT_START]) return { done: true, value: this.latest };
    const statusOperation = this.entry.poll?.operationId;
    const version = this.runtime.entry(statusOperation ?? this.entry.operationId).defaultApiVersion;
    try {
      const { data, response } = await this.runtime.getUrl(this.state.operationUrl, version, signal);
      this.latest = data as TStatus;
      return { done: this.isDone(), value: this.latest, retryAfterInMs: parseRetryAfterInMs(response.headers, Date.now()) };
    } catch (error) {
      // 409: the operation is still busy. 429 that outlasted the retry policy: polling may simply wait as asked.
      if (error instanceof PowerPlatformError && (error.status === 409 || error.status === 429)) return { done: false, retryAfterInMs: error.retryAfterInMs };
      if (error instanceof PowerPlatformError && error.status === 404 && this.entry.poll?.doneWhenGone) {
        // What the operation removes is gone: it is done. The last document seen (if any) is the result.
        this.gone = true;
        return { done: true, value: (this.latest ?? {}) as TStatus };
      }
      throw error;
    }
  }

  /**
   * Polls until the operation finishes. Resolves with the Succeeded status document; rejects with a
   * {@link PowerPlatformError} carrying the operation's error when it failed or was canceled.
   * Aborting stops the polling, not the operation. The first poll waits for the Retry-After of
   * the answer that started the operation.
   */
  async pollUntilDone(options: PollUntilDoneOptions = {}): Promise<TStatus> {
    const what = `Operation ${this.operationId} (${this.entry.operationId})`;
    if (typeof options !== "object" || options === null) throw new TypeError(`${what}: pollUntilDone options must be an object.`);
    checkPollTiming(what, "pollIntervalInMs", options.pollIntervalInMs);
    checkPollTiming(what, "timeoutInMs", options.timeoutInMs);
    const clock = this.runtime.clock;
    const started = clock.now();
    if (this.firstWaitInMs > 0) {
      await clock.sleep(this.firstWaitInMs, options.abortSignal);
      this.firstWaitInMs = 0;
    }
    const timeoutInMs = options.timeoutInMs === undefined ? undefined : Math.max(0, options.timeoutInMs - (clock.now() - started));
    const result = await pollUntilDone((signal) => this.step(signal), {
      clock,
      intervalInMs: options.pollIntervalInMs ?? this.runtime.pollIntervalInMs,
      abortSignal: options.abortSignal,
      timeoutInMs,
      what: `Operation ${this.operationId} (${this.entry.operationId})`,
    });
    const status = this.status();
    if (!this.gone && this.final.failed.has(status)) {
      const document = result as Record<string, unknown>;
      const cause = (document.error ?? document.errorDetail ?? undefined) as Record<string, unknown> | undefined;
      const detail = [cause?.errorName ?? cause?.code, cause?.message].filter((x) => typeof x === "string" && x).join(": ");
      const url = new URL(this.state.operationUrl);
      throw new PowerPlatformError({
        status: 200,
        code: status === "canceled" || status === "cancelled" ? "OperationCanceled" : "OperationFailed",
        message: `Operation ${this.operationId} (${this.entry.operationId}) ended ${String(valueAtPath(result, this.entry.poll?.statusField ?? "status"))}${
          detail ? ` (${detail})` : typeof document.statusMessage === "string" ? ` (${document.statusMessage})` : ""
        }.`,
        details: cause ? [cause] : [],
        method: "GET",
        url: url.origin + url.pathname,
      });
    }
    return result;
  }

  /** The serialized state, accepted by the matching `resume…` method. */
  toString(): string {
    return JSON.stringify(this.state);
  }

  /** Validates a serialized state (a string from `toString()`) for the operation started by `method`. */
  static parseState(serialized: unknown, method: string): OperationPollerState {
    const resume = resumeMethodName(method);
    if (typeof serialized !== "string" || serialized.trim() === "") throw new TypeError(`${resume} needs the string from a poller's toString().`);
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(serialized) as Record<string, unknown>;
    } catch {
      throw new TypeError(`${resume}: the serialized poller state is not valid JSON.`);
    }
    const valid =
      parsed !== null &&
      typeof parsed === "object" &&
      parsed.kind === STATE_PREFIX + method &&
      Object.values(parsed).every((v) => typeof v === "string" && v) &&
      typeof parsed.operationId === "string" &&
      typeof parsed.operationUrl === "string";
    if (!valid) throw new TypeError(`${resume}: the serialized state is not the state of a ${method} poller.`);
    return parsed as OperationPollerState;
  }

  /** Builds the state from the start's answer: a status URL header, or the operation id in the body. */
  static stateFromStart(
    runtime: ServiceRuntime,
    entry: OperationEntry,
    method: string,
    pathArgs: Readonly<Record<string, string>>,
    response: Response,
    body: unknown,
  ): OperationPollerState {
    const headers = entry.longRunning === "location" ? ["Location", "Operation-Location"] : ["Operation-Location", "Location"];
    const location = headers.map((h) => response.headers.get(h)).find((v) => v);
    if (location) {
      // Same origin as the endpoint (or a regional host of it, where the service uses them) and no user
      // info: the polls carry the bearer token.
      const url = resolveServiceLink(location, runtime.endpoint, runtime.endpoint, runtime.regionalLinks);
      const operationId = safeDecode(url.pathname.split("/").filter(Boolean).pop() ?? "");
      return { ...pathArgs, kind: STATE_PREFIX + method, operationId, operationUrl: url.href };
    }
    const { idFrom } = entry.poll ?? {};
    const id = idFrom ? valueAtPath(body, idFrom) : undefined;
    const byId = typeof id === "string" && id ? OperationPoller.stateForId(runtime, entry, method, pathArgs, id) : undefined;
    if (byId) return byId;
    if (response.status !== 202) {
      // 200/201/204 without a status URL or an id: the service did the work (or had none to do) at once.
      return { ...pathArgs, kind: STATE_PREFIX + method, operationId: "none", operationUrl: new URL(response.url || runtime.endpoint).href, [COMPLETED_AT_START]: String(response.status) };
    }
    throw new PowerPlatformError({
      status: response.status,
      code: "InvalidResponse",
      message: `${entry.operationId} was accepted but the answer named no operation to follow (no ${headers.join(" or ")} header${idFrom ? ` and no ${idFrom}` : ""}).`,
      method: entry.method.toUpperCase(),
      url: new URL(response.url || runtime.endpoint).pathname,
    });
  }

  /**
   * The state of a poller for operation `id` on the spec's status operation (`x-ppadmin.poll.operationId`),
   * or undefined when the spec names none.
   */
  static stateForId(runtime: ServiceRuntime, entry: OperationEntry, method: string, pathArgs: Readonly<Record<string, string>>, id: string): OperationPollerState | undefined {
    const statusOperation = entry.poll?.operationId;
    if (!statusOperation) return undefined;
    const status = runtime.entry(statusOperation);
    const idParam = status.pathParams.find((p) => !(p in pathArgs)) ?? "operationId";
    const path = fillPath(status.path, { ...pathArgs, [idParam]: id });
    return { ...pathArgs, kind: STATE_PREFIX + method, operationId: id, operationUrl: `${runtime.endpoint}${path}` };
  }

  /** The Retry-After of the start's answer, in ms (0 when none). */
  static firstWait(response: Response): number {
    return parseRetryAfterInMs(response.headers, Date.now()) ?? 0;
  }
}
