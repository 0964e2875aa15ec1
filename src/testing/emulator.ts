/**
 * `createEmulator`: every operation of the specs on one origin, backed by one seeded tenant. The
 * answers come from the generated emulator model (generic behaviour per operation kind) plus the
 * hand-written behaviours in `behaviours/`; msw is only the adapter behind `handlers`.
 *
 * ```ts
 * const emulator = createEmulator({ seed: 7 });
 * const server = setupServer(...emulator.handlers);
 * server.listen({ onUnhandledRequest: "error" });
 * ```
 */
import type { HttpHandler } from "msw";
import { behaviours, readHooks } from "./behaviours/behaviourTable.js";
import { resolveEmulatorOptions, type EmulatorOptions, type ResolvedEmulatorOptions } from "./emulatorOptions.js";
import { Dispatcher } from "./http/dispatcher.js";
import type { EmulatorExchange, EmulatorLogEntry, ExchangeListener } from "./http/exchangeLog.js";
import { FaultInjector } from "./http/faultInjector.js";
import { mswHandlers } from "./http/mswAdapter.js";
import { SlidingWindowThrottle, type ThrottleReport } from "./http/slidingThrottle.js";
import type { WireAnswer, WireRequest } from "./http/wire.js";
import { generatedRouter, OperationRouter } from "./operations/operationRouter.js";
import { Pager } from "./operations/pageStyles.js";
import { COLLECTIONS } from "./tenant/collections.js";
import { EmulatorState } from "./tenant/emulatorState.js";
import { createEmulatorTime } from "./tenant/emulatorTime.js";

/** A running emulator: handlers to mount, the tenant behind them, and what happened so far. */
export interface Emulator {
  /** msw handlers for every operation of the specs (one catch-all for the origin). Needs the optional peer `msw`. */
  readonly handlers: HttpHandler[];
  /** The tenant: reads, test helpers and behaviour switches. */
  readonly state: EmulatorState;
  /** Fault injection. */
  readonly faults: FaultInjector;
  /** The origin the handlers serve, without a trailing slash. */
  readonly baseUrl: string;
  /** Every request so far, in arrival order (a live array, emptied by {@link reset}). */
  readonly log: EmulatorLogEntry[];
  /** The options in effect, defaults applied. */
  readonly options: ResolvedEmulatorOptions;
  /** Restores the seeded tenant and clears faults, log, throttle history and paging snapshots. Listeners stay. */
  reset(): void;
  /** Admitted and throttled counts, and the most admitted requests in any throttle window. */
  throttleReport(): ThrottleReport;
  /** Calls `listener` with every handled request and its answer; returns an unsubscribe function. */
  onExchange(listener: (exchange: EmulatorExchange) => void): () => void;
  /** @internal Answers one request (the adapters' entry point). */
  dispatch(request: WireRequest): Promise<{ answer: WireAnswer; text: string | undefined }>;
}

/** Creates an emulator of the services in `openapi/` on one origin. */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const resolved = resolveEmulatorOptions(options);
  const time = createEmulatorTime(resolved.clock, resolved.startTime);
  const router = options.specModels ? new OperationRouter(options.specModels, COLLECTIONS.environments) : generatedRouter;
  const state = new EmulatorState(resolved, time, readHooks, router);
  const faults = new FaultInjector();
  const throttle = new SlidingWindowThrottle(resolved.throttle, () => time.now());
  const log: EmulatorLogEntry[] = [];
  const listeners = new Set<ExchangeListener>();
  const pager = new Pager(resolved.baseUrl, resolved.pageSize);
  const dispatcher = new Dispatcher({ clock: resolved.clock, latencyInMs: resolved.latencyInMs, faults, throttle, log, listeners, router, state, pager, baseUrl: resolved.baseUrl, behaviours });
  let handlers: HttpHandler[] | undefined;
  return {
    get handlers() {
      return (handlers ??= mswHandlers(resolved.baseUrl, dispatcher));
    },
    state,
    faults,
    baseUrl: resolved.baseUrl,
    log,
    options: resolved,
    reset() {
      state.reset();
      faults.clear();
      throttle.reset();
      pager.reset();
      log.length = 0;
    },
    throttleReport: () => throttle.report(),
    onExchange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    dispatch: (request) => dispatcher.handle(request),
  };
}
