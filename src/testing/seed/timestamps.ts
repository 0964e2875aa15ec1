/**
 * Timestamps of seeded data. They are drawn before a fixed reference date, so the same seed gives the
 * same tenant on any day; the service writes seven fractional digits, and so do these.
 */
import type { Random } from "./seededRandom.js";

/** Seeded resources were all created before this instant (2025-03-14T06:00:00Z). */
export const SEED_REFERENCE_TIME = Date.UTC(2025, 2, 14, 6, 0, 0);

const EARLIEST = Date.UTC(2021, 0, 1);

/** A random instant between 2021-01-01 and `before` (default: the reference time). */
export function randomInstant(random: Random, before: number = SEED_REFERENCE_TIME, after: number = EARLIEST): number {
  return Math.floor(after + random.next() * Math.max(0, before - after));
}

/** ISO 8601 with seven fractional digits, e.g. `2023-09-27T07:08:47.1964785Z`. */
export function wireTimestamp(ms: number, random?: Random): string {
  const extra = random ? String(random.int(0, 9999)).padStart(4, "0") : "0000";
  return new Date(ms).toISOString().replace(/Z$/, `${extra}Z`);
}

/** ISO 8601 to the second, e.g. `2023-09-27T20:31:37Z` (app versions, publish times). */
export function secondsTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d+Z$/, "Z");
}
