/**
 * `createEmulator`: both services on one origin as msw handlers, backed by one seeded tenant.
 *
 * ```ts
 * const emulator = createEmulator({ seed: 7 });
 * const server = setupServer(...emulator.handlers);
 * server.listen({ onUnhandledRequest: "error" });
 * ```
 */
import type { HttpHandler } from "msw";
import type { EmulatorExchange, EmulatorLogEntry, ExchangeListener } from "./exchange.js";
import { fallbackHandler } from "./fallbackHandler.js";
import { FaultInjector } from "./faults.js";
import type { HandlerDeps } from "./handlerDeps.js";
import { resolveEmulatorOptions, type EmulatorOptions, type ResolvedEmulatorOptions } from "./options.js";
import { Pager } from "./paging.js";
import { RequestPipeline } from "./pipeline.js";
import { powerAppsAdminHandlers } from "./powerAppsAdminHandlers.js";
import { powerPlatformHandlers } from "./powerPlatformHandlers.js";
import { EmulatorState } from "./state.js";
import { SlidingWindowThrottle, type ThrottleReport } from "./throttle.js";
import { createEmulatorTime } from "./time.js";

/** A running emulator: handlers to mount, the tenant behind them, and what happened so far. */
export interface Emulator {
  /** msw handlers for every operation of both specs, plus a catch-all for the origin. */
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
}

/** Creates an emulator of the Power Apps admin API and the Power Platform API on one origin. */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const resolved = resolveEmulatorOptions(options);
  const time = createEmulatorTime(resolved.clock, resolved.startTime);
  const state = new EmulatorState(resolved, time);
  const faults = new FaultInjector();
  const throttle = new SlidingWindowThrottle(resolved.throttle, () => time.now());
  const log: EmulatorLogEntry[] = [];
  const listeners = new Set<ExchangeListener>();
  const pager = new Pager(resolved.baseUrl, resolved.pageSize);
  const pipeline = new RequestPipeline({ clock: resolved.clock, time, latencyInMs: resolved.latencyInMs, faults, throttle, log, listeners });
  const deps: HandlerDeps = { baseUrl: resolved.baseUrl, pipeline, state, pager };
  const handlers = [...powerAppsAdminHandlers(deps), ...powerPlatformHandlers(deps), fallbackHandler(resolved.baseUrl, pipeline)];
  return {
    handlers,
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
  };
}
