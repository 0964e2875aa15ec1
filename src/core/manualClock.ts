import type { Clock } from "./clock.js";
import { createSleepers } from "./sleepers.js";

/** A {@link Clock} whose time moves only when the test says so. */
export interface ManualClock extends Clock {
  /**
   * Moves time forward by `ms`, waking due sleepers one at a time in time order (ties in the order
   * they started) and letting queued promise callbacks run after each wake-up and at the end.
   */
  advance(ms: number): Promise<void>;
  /** Number of sleeps that have not yet resolved or been aborted. */
  readonly pendingSleeps: number;
}

// A macrotask turn: every promise callback queued before it (and those they queue) runs first.
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Creates a manual clock starting at `start` ms (default 0), for deterministic tests. */
export function createManualClock(start = 0): ManualClock {
  let now = start;
  const sleepers = createSleepers();

  return {
    now: () => now,
    sleep: (ms, signal) => sleepers.add(now + (ms > 0 ? ms : 0), signal),
    async advance(ms) {
      if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`advance(ms) needs a finite ms >= 0, got ${ms}`);
      const target = now + ms;
      await settle();
      for (let at = sleepers.wakeNext(target); at !== undefined; at = sleepers.wakeNext(target)) {
        now = Math.max(now, at);
        await settle();
      }
      now = target;
      await settle();
    },
    get pendingSleeps() {
      return sleepers.size;
    },
  };
}
