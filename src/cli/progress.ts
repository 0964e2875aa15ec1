/**
 * Progress on stderr, only when stderr is a terminal and --quiet is not given: pages, items, calls,
 * 429s, elapsed time and the throttle's lower bound for the calls so far. Drawn by yocto-spinner
 * (a one-line spinner that also keeps other writes to the terminal from tearing its line), loaded
 * only when it will draw.
 */
import { BUDGET, type CallStats } from "./context.js";

export interface Progress {
  stop(): void;
}

/** The least time `calls` calls can take under the budget: one window per full budget after the first. */
export function throttleFloorInMs(calls: number): number {
  return Math.floor(Math.max(0, calls - 1) / BUDGET.limit) * BUDGET.windowInMs;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The status line for the counters. */
export function statusLine(stats: CallStats, extra = ""): string {
  const elapsed = performance.now() - stats.startedAt;
  return (
    `${stats.pages} pages · ${stats.items} items · ${stats.calls} calls · ${stats.throttled}×429 · ` +
    `${seconds(elapsed)} (throttle floor ${seconds(throttleFloorInMs(stats.calls))})${extra ? ` · ${extra}` : ""}`
  );
}

/** Starts drawing when stderr is a terminal and not quiet; otherwise a no-op. */
export async function startProgress(stats: CallStats, quiet: boolean, extra?: () => string): Promise<Progress> {
  if (quiet || process.stderr.isTTY !== true) return { stop() {} };
  const { default: yoctoSpinner } = await import("yocto-spinner");
  let spinner: ReturnType<typeof yoctoSpinner> | undefined;
  // Nothing is drawn for a command that ends within the first moment.
  const timer = setInterval(() => {
    spinner ??= yoctoSpinner({ stream: process.stderr, handleSignals: false }).start();
    spinner.text = statusLine(stats, extra?.());
  }, 250);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      if (spinner?.isSpinning) spinner.stop();
    },
  };
}
