/**
 * Reading an item by dot paths, and writing one value as a cell: shared by the table, record and CSV
 * sinks (output.ts, csvRows.ts) and the inventory's CSV files.
 */
import { valueAtPath } from "../core/dottedPath.js";

type Json = Record<string, unknown>;

/** The value at a dot path (`properties.owner.email`). */
export const pick: (item: unknown, path: string) => unknown = valueAtPath;

/**
 * Dot paths of the leaves of an object, depth-first, at most `depth` deep: scalars, arrays and empty
 * objects are leaves (so `{}` gets a column of its own instead of vanishing).
 */
export function leafPaths(item: unknown, depth = 3, prefix = ""): string[] {
  if (item === null || typeof item !== "object" || Array.isArray(item)) return prefix ? [prefix] : [];
  return Object.entries(item as Json).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const inner = value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length > 0;
    return inner && depth > 1 ? leafPaths(value, depth - 1, path) : [path];
  });
}

/** One value as a cell: empty for null and undefined, JSON for objects and arrays. */
export function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
