/**
 * CSV rows under a fixed header, for `--output csv` of a list and for `ppadmin inventory --output csv`.
 *
 * A CSV header is written once, before the first row (streamed; a resumed inventory's file has it
 * already), so the columns are chosen from the first item. Later items may carry fields the first one
 * lacked (the services leave out empty properties). So unless the user chose the columns (`--fields`),
 * a last column `_more` holds, as compact JSON keyed by dot path, every value of the item that no column
 * covers: nothing is lost, and the header stays fixed.
 */
import { cell, leafPaths, pick } from "./itemPaths.js";

/** The name of the last column, holding what the other columns do not. */
export const MORE_COLUMN = "_more";

/** The columns read from each item (dot paths), and whether a last `_more` column holds the rest. */
export interface CsvLayout {
  readonly columns: readonly string[];
  readonly more: boolean;
}

/**
 * Exactly `fields` when the user gave them; otherwise the first item's leaf paths (three levels deep)
 * and `_more`.
 */
export function csvLayout(fields: readonly string[] | undefined, first?: unknown): CsvLayout {
  return fields ? { columns: [...fields], more: false } : { columns: leafPaths(first), more: true };
}

/** The header line's cells. */
export function csvHeader(layout: CsvLayout): string[] {
  return layout.more ? [...layout.columns, MORE_COLUMN] : [...layout.columns];
}

/** The layout of a header written by `csvHeader` (a checkpoint stores the header). */
export function csvLayoutOfHeader(header: readonly string[]): CsvLayout {
  return header.at(-1) === MORE_COLUMN ? { columns: header.slice(0, -1), more: true } : { columns: [...header], more: false };
}

/** One item's cells: each column's value (JSON for an object or array, empty for null), then `_more`. */
export function csvRow(item: unknown, layout: CsvLayout): string[] {
  const cells = layout.columns.map((column) => cell(pick(item, column)));
  if (!layout.more) return cells;
  const rest = uncoveredValues(item, layout.columns);
  return [...cells, rest === undefined ? "" : JSON.stringify(rest)];
}

/**
 * The values of `item` that no column holds, keyed by dot path, or undefined when there are none.
 * A column covers its own path and everything beneath it (a column `properties` holds the whole
 * object as JSON). An object is entered only where some column reaches beneath it; any other uncovered
 * value goes whole under its own path. Null counts as no value, as in a cell. An item that is not an
 * object goes whole.
 */
export function uncoveredValues(item: unknown, columns: readonly string[]): unknown {
  if (item === null || item === undefined) return undefined;
  if (typeof item !== "object") return item; // no dot path reads into a string or a number
  const paths = columns.map((c) => c.split("."));
  const rest: Record<string, unknown> = {};
  const visit = (node: object, at: readonly string[]) => {
    for (const [key, value] of Object.entries(node)) {
      const path = [...at, key];
      if (paths.some((column) => startsWith(path, column))) continue; // covered
      if (value === null || value === undefined) continue;
      if (typeof value === "object" && paths.some((column) => column.length > path.length && startsWith(column, path))) visit(value, path);
      else rest[path.join(".")] = value;
    }
  };
  visit(item, []);
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/** Whether `path` is `prefix` or lies beneath it. */
function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((key, i) => path[i] === key);
}
