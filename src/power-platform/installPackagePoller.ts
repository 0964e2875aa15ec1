/**
 * The poller of an application-package install (AppManagement). The install answers either 202 with
 * an `Operation-Location` header or 200 with an InstancePackage whose `lastOperation.operationId`
 * names the operation; both become the same poller, which can be serialized and resumed.
 */
import type { operations, paths } from "../../generated/power-platform.js";
import { PowerPlatformError } from "../core/errors.js";
import { pollUntilDone, type PollStep } from "../core/poller.js";
import { parseRetryAfterInMs } from "../core/retryPolicy.js";
import type { ResultOf } from "../client/facadeTypes.js";
import type { ServiceRuntime } from "../client/serviceRuntime.js";

/** The install operation's status document (GetApplicationPackageOperation). */
export type PackageOperation = ResultOf<operations["GetApplicationPackageOperation"]>;

const STATUS_OPERATION = "GetApplicationPackageOperation";
const FINAL_FAILURES = new Set(["failed", "canceled", "cancelled"]);

/** What a poller needs to pick up again later (`toString()` / `resumeInstallPackage`). */
export interface InstallPackagePollerState {
  readonly kind: "power-platform-admin/installPackage";
  readonly environmentId: string;
  readonly operationId: string;
  /** Absolute URL polled for status, on the client's endpoint. */
  readonly operationUrl: string;
}

/** Options of {@link InstallPackagePoller.pollUntilDone}. */
export interface PollUntilDoneOptions {
  abortSignal?: AbortSignal;
  /** Wait between polls when the service sends no Retry-After (default: the client's pollIntervalInMs). */
  pollIntervalInMs?: number;
  /** Stop waiting after this long (code `Timeout`); the install goes on. */
  timeoutInMs?: number;
}

export class InstallPackagePoller {
  private latest: PackageOperation | undefined;

  /** @internal */
  constructor(
    private readonly runtime: ServiceRuntime<paths>,
    private readonly state: InstallPackagePollerState,
  ) {}

  /** The install operation's id. */
  get operationId(): string {
    return this.state.operationId;
  }

  get environmentId(): string {
    return this.state.environmentId;
  }

  /** The status document from the most recent poll, if any. */
  get operation(): PackageOperation | undefined {
    return this.latest;
  }

  /** True once a poll has seen Succeeded, Failed or Canceled. */
  isDone(): boolean {
    const status = String(this.latest?.status ?? "").toLowerCase();
    return status === "succeeded" || FINAL_FAILURES.has(status);
  }

  /** Polls once; a 409 from the service means "still busy" and returns the last known state. */
  async poll(options: { abortSignal?: AbortSignal } = {}): Promise<PackageOperation | undefined> {
    return (await this.step(options.abortSignal)).value ?? this.latest;
  }

  private async step(signal: AbortSignal | undefined): Promise<PollStep<PackageOperation>> {
    const version = this.runtime.entry(STATUS_OPERATION).defaultApiVersion;
    try {
      const { data, response } = await this.runtime.getUrl(this.state.operationUrl, version, signal);
      this.latest = data as PackageOperation;
      const retryAfterInMs = parseRetryAfterInMs(response.headers, Date.now());
      return { done: this.isDone(), value: this.latest, retryAfterInMs };
    } catch (error) {
      if (error instanceof PowerPlatformError && error.status === 409) {
        return { done: false, retryAfterInMs: error.retryAfterInMs };
      }
      throw error;
    }
  }

  /**
   * Polls until the install finishes. Resolves with the Succeeded operation; rejects with a
   * {@link PowerPlatformError} carrying the operation's error when it failed or was canceled.
   * Aborting stops the polling, not the install.
   */
  async pollUntilDone(options: PollUntilDoneOptions = {}): Promise<PackageOperation> {
    const operation = await pollUntilDone((signal) => this.step(signal), {
      clock: this.runtime.clock,
      intervalInMs: options.pollIntervalInMs ?? this.runtime.pollIntervalInMs,
      abortSignal: options.abortSignal,
      timeoutInMs: options.timeoutInMs,
      what: `Package install operation ${this.operationId}`,
    });
    const status = String(operation.status ?? "");
    if (FINAL_FAILURES.has(status.toLowerCase())) {
      const cause = (operation.error ?? undefined) as Record<string, unknown> | undefined;
      const detail = [cause?.errorName, cause?.message].filter((x) => typeof x === "string" && x).join(": ");
      throw new PowerPlatformError({
        status: 200,
        code: status.toLowerCase() === "failed" ? "OperationFailed" : "OperationCanceled",
        message: `Package install operation ${this.operationId} ended ${status}${detail ? ` (${detail})` : operation.statusMessage ? ` (${operation.statusMessage})` : ""}.`,
        details: cause ? [cause] : [],
        method: "GET",
        url: new URL(this.state.operationUrl).origin + new URL(this.state.operationUrl).pathname,
      });
    }
    return operation;
  }

  /** The serialized state, accepted by `appManagement.resumeInstallPackage`. */
  toString(): string {
    return JSON.stringify(this.state);
  }

  /** Validates a serialized state (a string from `toString()`). */
  static parseState(serialized: unknown): InstallPackagePollerState {
    if (typeof serialized !== "string" || serialized.trim() === "") {
      throw new TypeError("resumeInstallPackage needs the string from a poller's toString().");
    }
    let parsed: Partial<InstallPackagePollerState>;
    try {
      parsed = JSON.parse(serialized) as Partial<InstallPackagePollerState>;
    } catch {
      throw new TypeError("resumeInstallPackage: the serialized poller state is not valid JSON.");
    }
    const { kind, environmentId, operationId, operationUrl } = parsed ?? {};
    if (kind !== "power-platform-admin/installPackage" || ![environmentId, operationId, operationUrl].every((v) => typeof v === "string" && v)) {
      throw new TypeError("resumeInstallPackage: the serialized state is not an install poller's state.");
    }
    return { kind, environmentId: environmentId!, operationId: operationId!, operationUrl: operationUrl! };
  }
}

/** Fills a path template of the table with encoded values. */
export function fillPath(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ""));
}

/** Builds the poller state from the install's answer (202 + Operation-Location, or 200 + InstancePackage). */
export function pollerStateFromInstall(
  runtime: ServiceRuntime<paths>,
  environmentId: string,
  response: Response,
  body: unknown,
): InstallPackagePollerState {
  const location = response.headers.get("Operation-Location");
  if (location) {
    const url = new URL(location, runtime.endpoint);
    const operationId = decodeURIComponent(url.pathname.split("/").filter(Boolean).pop() ?? "");
    return { kind: "power-platform-admin/installPackage", environmentId, operationId, operationUrl: url.href };
  }
  const operationId = (body as { lastOperation?: { operationId?: unknown } } | undefined)?.lastOperation?.operationId;
  if (typeof operationId === "string" && operationId) {
    const path = fillPath(runtime.entry(STATUS_OPERATION).path, { environmentId, operationId });
    return { kind: "power-platform-admin/installPackage", environmentId, operationId, operationUrl: `${runtime.endpoint}${path}` };
  }
  throw new PowerPlatformError({
    status: response.status,
    code: "InvalidResponse",
    message: "The install was accepted but the answer named no operation (no Operation-Location header and no lastOperation.operationId), so it cannot be followed.",
    method: "POST",
    url: new URL(response.url || runtime.endpoint).pathname,
  });
}
