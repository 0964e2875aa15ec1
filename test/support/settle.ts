/** Drives a manual clock until a promise settles (pollers, waits), in steps of `stepInMs`. */
import type { ManualClock } from "../../src/index.js";

export async function settle<T>(clock: ManualClock, promise: Promise<T>, stepInMs = 1_000): Promise<T> {
  let done = false;
  const tracked = promise.finally(() => (done = true));
  tracked.catch(() => undefined);
  for (let i = 0; i < 100 && !done; i++) await clock.advance(stepInMs);
  return tracked;
}
