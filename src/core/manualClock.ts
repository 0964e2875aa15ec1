import type { Clock } from "./clock.js";

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

interface Sleeper {
  at: number;
  seq: number;
  resolve: () => void;
}

// A macrotask turn: every promise callback queued before it (and those they queue) runs first.
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Creates a manual clock starting at `start` ms (default 0), for deterministic tests. */
export function createManualClock(start = 0): ManualClock {
  let now = start;
  let seq = 0;
  const sleepers = new Set<Sleeper>();

  const nextDue = (limit: number): Sleeper | undefined => {
    let best: Sleeper | undefined;
    for (const s of sleepers) {
      if (s.at <= limit && (!best || s.at < best.at || (s.at === best.at && s.seq < best.seq))) best = s;
    }
    return best;
  };

  return {
    now: () => now,
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const onAbort = (): void => {
          sleepers.delete(sleeper);
          reject(signal?.reason);
        };
        const sleeper: Sleeper = {
          at: now + (ms > 0 ? ms : 0),
          seq: seq++,
          resolve: () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          },
        };
        sleepers.add(sleeper);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    },
    async advance(ms) {
      if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`advance(ms) needs a finite ms >= 0, got ${ms}`);
      const target = now + ms;
      await settle();
      for (let due = nextDue(target); due; due = nextDue(target)) {
        now = Math.max(now, due.at);
        sleepers.delete(due);
        due.resolve();
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
