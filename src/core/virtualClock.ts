/**
 * A discrete-event clock: time stands still while anything runs, and jumps to the next due sleeper
 * once the process has nothing left to do but wait on this clock. Give the same virtual clock to the
 * SDK and to the emulator and a 60 s throttle window costs no real time at all, while every reading
 * both sides take is the same as on a real clock with instant computers. Unlike a scaled clock it
 * cannot be starved: a busy machine makes the run slower, never different.
 */
import type { Clock } from "./clock.js";
import { createSleepers } from "./sleepers.js";

/** A {@link Clock} that advances by itself whenever the process is idle apart from sleepers on it. */
export interface VirtualClock extends Clock {
  /**
   * Holds time still until `work` settles, and returns it. Use it for work the event loop cannot see
   * as pending, such as a request on a real socket. Tracked work must not itself wait on this clock
   * (time would never move again).
   */
  track<T>(work: Promise<T>): Promise<T>;
  /**
   * Wraps `impl` (default: `globalThis.fetch`, looked up on each call) so that time stands still from
   * sending a request until its whole body has arrived. Needed when the server is across a real socket;
   * an in-process server (msw) needs no wrapping.
   */
  trackFetch(impl?: typeof fetch): typeof fetch;
  /** Number of sleeps that have not yet resolved or been aborted. */
  readonly pendingSleeps: number;
}

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/**
 * Creates a virtual clock reading `start` ms (default 0). Idle means: one whole macrotask turn passed
 * (every promise callback ran) without anything touching the clock, and no tracked work is pending.
 * Then the earliest sleeper (ties in the order they started) wakes, and the check begins again.
 */
export function createVirtualClock(start = 0): VirtualClock {
  let now = start;
  let held = 0;
  let activity = 0;
  let checkQueued = false;
  const touch = (): void => {
    activity++;
    queueCheck();
  };
  const sleepers = createSleepers(touch);

  function queueCheck(): void {
    if (checkQueued || held > 0 || sleepers.size === 0) return;
    checkQueued = true;
    const seen = activity;
    setImmediate(() => {
      checkQueued = false;
      if (activity !== seen) return queueCheck(); // something moved during that turn: look again
      if (held > 0) return;
      const at = sleepers.wakeNext();
      if (at === undefined) return;
      now = Math.max(now, at);
      touch();
    });
  }

  const clock: VirtualClock = {
    now: () => now,
    sleep(ms, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (!(ms > 0)) return Promise.resolve(); // 0, negative and NaN mean "now", as on the system clock
      return sleepers.add(now + ms, signal);
    },
    track(work) {
      held++;
      touch();
      const done = (): void => {
        held--;
        touch();
      };
      work.then(done, done);
      return work;
    },
    trackFetch(impl) {
      return (input, init) =>
        clock.track(
          (async () => {
            const response = await (impl ?? globalThis.fetch)(input, init);
            // Read the whole body while time is held, then hand over an equivalent, already-read response.
            const body = NULL_BODY_STATUS.has(response.status) ? null : await response.arrayBuffer();
            const copy = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
            if (response.url) Object.defineProperty(copy, "url", { value: response.url });
            return copy;
          })(),
        );
    },
    get pendingSleeps() {
      return sleepers.size;
    },
  };
  return clock;
}
