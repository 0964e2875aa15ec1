/**
 * The sleepers of a clock whose time the program moves itself (manual and virtual clocks): each waits
 * for a time on that clock, may be aborted, and is woken earliest first, ties in the order they started.
 */
export interface Sleepers {
  /** Resolves when {@link wakeNext} reaches it; rejects with `signal.reason` (and leaves) when `signal` aborts. */
  add(at: number, signal?: AbortSignal): Promise<void>;
  /** Wakes the earliest sleeper due at or before `limit` and returns its time; undefined when none is. */
  wakeNext(limit?: number): number | undefined;
  /** Sleepers not yet woken or aborted. */
  readonly size: number;
}

interface Sleeper {
  at: number;
  seq: number;
  resolve: () => void;
}

/** Creates an empty set of sleepers; `onChange` runs after each one is added or aborted. */
export function createSleepers(onChange: () => void = () => undefined): Sleepers {
  let seq = 0;
  const sleepers = new Set<Sleeper>();
  return {
    add(at, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const onAbort = (): void => {
          sleepers.delete(sleeper);
          reject(signal?.reason);
          onChange();
        };
        const sleeper: Sleeper = {
          at,
          seq: seq++,
          resolve: () => {
            signal?.removeEventListener("abort", onAbort);
            resolve();
          },
        };
        sleepers.add(sleeper);
        signal?.addEventListener("abort", onAbort, { once: true });
        onChange();
      });
    },
    wakeNext(limit = Number.POSITIVE_INFINITY) {
      let best: Sleeper | undefined;
      for (const s of sleepers) {
        if (s.at <= limit && (!best || s.at < best.at || (s.at === best.at && s.seq < best.seq))) best = s;
      }
      if (!best) return undefined;
      sleepers.delete(best);
      best.resolve();
      return best.at;
    },
    get size() {
      return sleepers.size;
    },
  };
}
