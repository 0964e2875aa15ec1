/**
 * The fields of an operation-table entry that unit tests over made-up tables rarely care about: a GET
 * on the Power Platform service with only `api-version`, no body, one 200 answer. Spread it and name
 * what the test is about.
 */
import { OPERATION_DEFAULTS } from "../../src/client/lazyTables.js";
import type { OperationEntry } from "../../src/client/tables.js";

export const ENTRY_DEFAULTS: Omit<OperationEntry, "operationId" | "method" | "path"> = {
  ...OPERATION_DEFAULTS,
  service: "powerPlatform",
  defaultApiVersion: "2024-10-01",
};
