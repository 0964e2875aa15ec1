/**
 * Copies of stored wire objects, so callers never alias the emulator's state. Everything stored is
 * plain JSON, and a JSON round trip is several times faster than `structuredClone` for it.
 */

/** A deep copy of a JSON value. */
export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
