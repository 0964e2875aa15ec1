/**
 * The queue both limiters keep of callers waiting in `acquire`: first come, first served, and a
 * waiter whose signal aborts leaves at once, rejected with the signal's reason.
 */

/** One caller in a {@link WaiterQueue}, once taken out of it. */
export interface Waiter<T> {
  /** The signal the caller passed (no longer listened to once taken out). */
  readonly signal: AbortSignal | undefined;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

interface Entry<T> extends Waiter<T> {
  onAbort: (() => void) | undefined;
}

/** A FIFO of waiting callers that honours their abort signals. */
export class WaiterQueue<T> {
  // A Set keeps insertion order (FIFO) and deletes in O(1) when a waiter aborts.
  readonly #entries = new Set<Entry<T>>();

  /** Callers waiting. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Adds a caller and returns its promise; the caller is in the queue when this returns. When
   * `signal` aborts, the caller leaves, is rejected with `signal.reason`, and `afterAbort` runs.
   * An already aborted signal rejects at once without queueing.
   */
  wait(signal: AbortSignal | undefined, afterAbort: () => void): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const entry: Entry<T> = { resolve, reject, signal, onAbort: undefined };
      if (signal) {
        entry.onAbort = () => {
          this.#entries.delete(entry);
          reject(signal.reason);
          afterAbort();
        };
        signal.addEventListener("abort", entry.onAbort, { once: true });
      }
      this.#entries.add(entry);
    });
  }

  /** Takes out the caller that has waited longest (it no longer listens to its signal). */
  shift(): Waiter<T> | undefined {
    const entry = this.#entries.values().next().value as Entry<T> | undefined;
    if (!entry) return undefined;
    this.#entries.delete(entry);
    if (entry.onAbort) entry.signal?.removeEventListener("abort", entry.onAbort);
    return entry;
  }
}
