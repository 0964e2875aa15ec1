/**
 * The fields of an operation-table entry that unit tests over made-up tables rarely care about: a GET
 * on the Power Platform service with only `api-version`, no body, one 200 answer. Spread it and name
 * what the test is about.
 */
import type { OperationEntry } from "../../src/client/tables.js";

export const ENTRY_DEFAULTS: Omit<OperationEntry, "operationId" | "method" | "path"> = {
  service: "powerPlatform",
  pathParams: [],
  queryParams: ["api-version"],
  requiredQueryParams: ["api-version"],
  bodyParams: [],
  requiredBodyParams: [],
  bodyParamTypes: {},
  nonEmptyBodyParams: [],
  hasBody: false,
  defaultApiVersion: "2024-10-01",
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
};
