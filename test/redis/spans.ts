/** Checks on logs of times (ms), shared by the Redis tests and the Redis benchmark. */

/** The most entries of `times` inside any half-open span `[t, t + span)`. */
export function maxInAnySpan(times: readonly number[], span: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while (sorted[last]! - sorted[first]! >= span) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
