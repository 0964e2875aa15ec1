/**
 * Emulator time: durations come from the injected {@link Clock}; timestamps written into resources are
 * that clock mapped onto the wall clock (start time + elapsed), so a scaled clock scales both.
 */
import type { Clock } from "../../core/clock.js";

/** Reads the emulator clock and turns clock readings into ISO timestamps. */
export interface EmulatorTime {
  /** The emulator clock's current reading (ms). */
  now(): number;
  /** ISO 8601 wall time of a clock reading (default: now). */
  iso(at?: number): string;
}

/** Binds `clock` to a wall-clock origin: clock reading `clock.now()` at creation is `startTime`. */
export function createEmulatorTime(clock: Clock, startTime: number): EmulatorTime {
  const origin = clock.now();
  return {
    now: () => clock.now(),
    iso: (at = clock.now()) => new Date(startTime + (at - origin)).toISOString(),
  };
}
