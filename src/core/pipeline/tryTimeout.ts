/**
 * Ends an attempt that hangs: after `tryTimeoutInMs` (sending and reading the whole body) the
 * attempt is aborted and fails with code `Timeout`, which the retry policy may re-send for an
 * idempotent request. The caller's own abort ends the attempt too and is passed through as is.
 * The attempt's signal is `request.attemptSignal`; the answer is also raced against the timer, so
 * even a fetch that ignores signals cannot hang the call. Nothing is thrown or built on the success
 * path: the timeout error exists only once the timer fires.
 */
import { systemClock, type Clock } from "../clock.js";
import { PowerPlatformError, redactUrl } from "../errors.js";
import type { PipelinePolicy, PipelineRequest } from "./pipeline.js";
import { withResendHint } from "./resendHints.js";

const ignore = (): void => undefined;

/** Runs `fire` after `ms` on `clock`; returns the cancel function. The real clock uses one plain timer. */
function startTimer(clock: Clock, ms: number, fire: () => void): () => void {
  if (clock === systemClock) {
    const timer = setTimeout(fire, ms);
    return () => clearTimeout(timer);
  }
  const cancel = new AbortController();
  clock.sleep(ms, cancel.signal).then(fire, ignore);
  return () => cancel.abort(null);
}

function timeoutError(request: PipelineRequest, tryTimeoutInMs: number): PowerPlatformError {
  return withResendHint(
    new PowerPlatformError({
      status: 0,
      code: "Timeout",
      message: `${request.method} ${redactUrl(request.url)} timed out after ${tryTimeoutInMs} ms.`,
      method: request.method,
      url: request.url,
    }),
    { resend: "idempotent" },
  );
}

/** Aborts each attempt after `tryTimeoutInMs`. */
export function tryTimeoutPolicy(options: { tryTimeoutInMs: number; clock: Clock }): PipelinePolicy {
  const { tryTimeoutInMs, clock } = options;
  return {
    name: "tryTimeout",
    async sendRequest(request, next) {
      const caller = request.signal;
      const controller = new AbortController();
      let stop!: (reason: unknown) => void;
      const stopped = new Promise<never>((_, reject) => (stop = reject));
      stopped.catch(ignore);
      let timeout: PowerPlatformError | undefined;
      const cancelTimer = startTimer(clock, tryTimeoutInMs, () => {
        timeout = timeoutError(request, tryTimeoutInMs);
        controller.abort(timeout);
        stop(timeout);
      });
      const onCallerAbort = (): void => {
        controller.abort(caller!.reason);
        stop(caller!.reason);
      };
      caller?.addEventListener("abort", onCallerAbort, { once: true });
      request.attemptSignal = controller.signal;
      try {
        return await Promise.race([next(request), stopped]);
      } catch (error) {
        caller?.throwIfAborted();
        throw timeout ?? error;
      } finally {
        cancelTimer();
        caller?.removeEventListener("abort", onCallerAbort);
        request.attemptSignal = undefined;
      }
    },
  };
}
