/**
 * A clock that runs faster than real time. Give the same scaled clock to the SDK and to the emulator
 * and a 60 s throttle window passes in 60/factor real seconds while both sides still agree on
 * "1000 calls per 60 s" — how the demo and the reliability suite compress time.
 */
import { systemClock, type Clock } from "./clock.js";

/**
 * Real time as milliseconds since the epoch, monotonic within a process and comparable across
 * worker threads (unlike `performance.now()`, whose origin is per thread).
 */
export const epochClock: Clock = {
  now: () => performance.timeOrigin + performance.now(),
  sleep: (ms, signal) => systemClock.sleep(ms, signal),
};

export interface ScaledClockOptions {
  /** The real clock underneath. Default {@link systemClock}. */
  base?: Clock;
  /** The base-clock instant from which scaled time counts (default: now). Two threads that share it and use {@link epochClock} agree. */
  origin?: number;
}

/** A {@link Clock} on which `factor` ms pass for every real millisecond. */
export function createScaledClock(factor: number, options: ScaledClockOptions = {}): Clock {
  if (!Number.isFinite(factor) || factor <= 0) throw new RangeError(`factor must be a positive finite number, got ${factor}`);
  const base = options.base ?? systemClock;
  const origin = options.origin ?? base.now();
  return {
    now: () => origin + (base.now() - origin) * factor,
    sleep: (ms, signal) => base.sleep(ms / factor, signal),
  };
}
