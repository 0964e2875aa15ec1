/**
 * The text of a generated table (see src/client/lazyTables.ts): JSON as single-quoted string
 * literals joined by `+`, one entry per line, so a change to one operation is a one-line diff.
 * (A template literal would read better, but it loads twice as slowly as plain strings.)
 */
import { OPERATION_DEFAULTS } from "../../src/client/lazyTables.js";
import type { OperationEntry } from "../../src/client/tables.js";

const quoted = (text: string) => `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/** An object's JSON with one key per line, or an array's with one item per line, as a JavaScript expression. */
export function tableLiteral(table: Readonly<Record<string, unknown>> | readonly unknown[]): string {
  const items = Array.isArray(table)
    ? table.map((item) => JSON.stringify(item))
    : Object.entries(table).map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`);
  const [open, close] = Array.isArray(table) ? ["[", "]"] : ["{", "}"];
  const lines = [open, ...items.map((item, i) => (i < items.length - 1 ? `${item},` : item)), close];
  return `\n  ${lines.map(quoted).join(" +\n  ")}\n`;
}

/** An operation entry without `service`, `operationId` and the fields that hold their default. */
export function compactOperation(entry: OperationEntry): Partial<OperationEntry> {
  const defaults: Readonly<Record<string, unknown>> = OPERATION_DEFAULTS;
  const same = (field: string, value: unknown) => field in defaults && JSON.stringify(defaults[field]) === JSON.stringify(value);
  return Object.fromEntries(Object.entries(entry).filter(([field, value]) => field !== "service" && field !== "operationId" && !same(field, value)));
}
