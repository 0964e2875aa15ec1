/**
 * Log events of the request path. A policy inside the limiter logs each attempt (`request`, and
 * `response` once one arrived, with the time from sending to the whole body being read); the retry
 * policy logs `retry` and the final `error`. URLs are redacted; no event carries a header value.
 */
import type { Clock } from "../clock.js";
import { PowerPlatformError, redactUrl } from "../errors.js";
import type { PipelinePolicy, PipelineRequest } from "./pipeline.js";

/** One thing the request path did. Never carries a token, header values or a secret query value. */
export interface LogEvent {
  /** `request` before sending, `response` when one arrived, `retry` before waiting, `error` when giving up. */
  type: "request" | "response" | "retry" | "error";
  /** HTTP method. */
  method: string;
  /** Redacted URL (see {@link redactUrl}). */
  url: string;
  /** Attempt number, 1 for the first send. */
  attempt: number;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** Time from sending to the whole body being read. */
  durationInMs?: number;
  /** For `retry`: how long the SDK waits before the next attempt. */
  delayInMs?: number;
  /** Error code behind a `retry` or `error` event (`ServiceUnavailable`, `NetworkError`, …). */
  code?: string;
}

/** Where policies send log events; `enabled` is false without a logger, so nothing is built. */
export interface LogSink {
  readonly enabled: boolean;
  emit(event: LogEvent): void;
  /** The URL as logs may show it. */
  safe(url: string): string;
  /** How long the current attempt of `request` took, when it got as far as sending. */
  lastDurationInMs(request: PipelineRequest): number | undefined;
}

/** A sink over `logger`; exceptions the logger throws are ignored. */
export function createLogSink(logger: ((event: LogEvent) => void) | undefined): LogSink & { recordDuration(request: PipelineRequest, ms: number): void } {
  const durations = new WeakMap<PipelineRequest, { attempt: number; ms: number }>();
  return {
    enabled: logger !== undefined,
    emit(event) {
      try {
        logger?.(event);
      } catch {
        // A broken logger must not break calls.
      }
    },
    safe: redactUrl,
    lastDurationInMs(request) {
      const entry = durations.get(request);
      return entry?.attempt === request.attempt ? entry.ms : undefined;
    },
    recordDuration(request, ms) {
      durations.set(request, { attempt: request.attempt, ms });
    },
  };
}

/** Logs each attempt's `request` and `response` events. Add it only when a logger is set. */
export function attemptLoggingPolicy(sink: ReturnType<typeof createLogSink>, clock: Clock): PipelinePolicy {
  return {
    name: "attemptLogging",
    async sendRequest(request, next) {
      const { method, attempt } = request;
      const url = sink.safe(request.url);
      sink.emit({ type: "request", method, url, attempt });
      const started = clock.now();
      try {
        const response = await next(request);
        const durationInMs = clock.now() - started;
        sink.recordDuration(request, durationInMs);
        sink.emit({ type: "response", method, url, attempt, status: response.status, durationInMs });
        return response;
      } catch (error) {
        const durationInMs = clock.now() - started;
        sink.recordDuration(request, durationInMs);
        if (error instanceof PowerPlatformError && error.status > 0) {
          sink.emit({ type: "response", method, url, attempt, status: error.status, durationInMs });
        }
        throw error;
      }
    },
  };
}
