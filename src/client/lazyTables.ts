/**
 * How the generated tables are stored: as JSON text, parsed on first use. A module that holds a
 * string loads in a fraction of the time of one that holds the same data as an object literal
 * (the engine only scans a string; it compiles a literal), and a client that is never constructed
 * never parses its tables. `npm run bench` (P5, P6) measures the difference.
 *
 * Each generated module exports a function that parses its text on the first call and returns the
 * same object afterwards. A function, not a call's result, so that bundlers drop the tables of
 * clients a program does not use (an annotation such as `@__PURE__` does not survive minification).
 */
import type { OperationEntry, ServiceName } from "./tables.js";

/** A table, parsed from its JSON text on the first call and the same object on every later call. */
export type LazyTable<T> = () => T;

export type OperationTable<Id extends string = string> = Readonly<Record<Id, OperationEntry>>;

/** A table, or the generated function that parses it on first use. */
export type TableSource<T> = T | LazyTable<T>;

/** A table source as a function (a table given as a value is returned as it is). */
export function lazily<T extends object>(source: TableSource<T>): LazyTable<T> {
  return typeof source === "function" ? (source as LazyTable<T>) : () => source;
}

/**
 * The value of each operation field that generation leaves out of the JSON text: the common case,
 * so the text holds only what is particular to an operation. `service` and `operationId` are left
 * out too; they are the table's service and the entry's key.
 */
export const OPERATION_DEFAULTS = {
  pathParams: [],
  queryParams: ["api-version"],
  requiredQueryParams: ["api-version"],
  bodyParams: [],
  requiredBodyParams: [],
  bodyParamTypes: {},
  nonEmptyBodyParams: [],
  hasBody: false,
  nextLinkName: null,
  itemName: null,
  longRunning: null,
  successStatuses: [200],
  download: null,
  kind: "call",
  safeToRetry: false,
  closedEnums: [],
  requireAnyOf: [],
  environmentParam: null,
  poll: null,
} as const satisfies Partial<OperationEntry>;

/** An operation table from its compact JSON text (entries without their defaults). */
export function parseOperationTable<Id extends string>(service: ServiceName, json: string): OperationTable<Id> {
  const compact = JSON.parse(json) as Record<string, Partial<OperationEntry>>;
  const table: Record<string, OperationEntry> = {};
  for (const [operationId, fields] of Object.entries(compact)) {
    table[operationId] = { ...OPERATION_DEFAULTS, service, operationId, ...fields } as OperationEntry;
  }
  return table as OperationTable<Id>;
}
