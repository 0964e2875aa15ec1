/**
 * What the emulator records about each request: a log line, and the full exchange for observers such
 * as the contract harness.
 */
import type { SpecName } from "../operations/operationRouter.js";

/** One line of `emulator.log`. */
export interface EmulatorLogEntry {
  /** Emulator-clock time the request arrived (ms). */
  at: number;
  method: string;
  /** URL pathname. */
  path: string;
  /** Operation id, or null for a route no operation serves. */
  operationId: string | null;
  /** HTTP status; 0 when the connection failed or the request was abandoned (injected network error or hang). */
  status: number;
  /** Bearer token, or null when there was none. */
  token: string | null;
  /** True when an injected fault answered. */
  fault: boolean;
}

/** One handled request with its answer, given to `emulator.onExchange` listeners. */
export interface EmulatorExchange {
  /** Operation id, or null for a route no operation serves. */
  operationId: string | null;
  /** The spec the operation (or, for an unknown route, the path) belongs to. */
  spec: SpecName;
  method: string;
  /** The full request URL. */
  url: string;
  /** The spec's path template, or null for an unknown route. */
  pathTemplate: string | null;
  /** Query parameters as sent (the last value when repeated). */
  query: Record<string, string>;
  /** Parsed JSON body, the raw text when it is not JSON, or undefined when empty. */
  requestBody: unknown;
  /** HTTP status; 0 for an injected network error or hang. */
  status: number;
  /** Response headers, lower-case names. */
  responseHeaders: Record<string, string>;
  /** Parsed JSON body, the raw text when it is not JSON, or undefined when empty. */
  responseBody: unknown;
  /** True when an injected fault answered (such exchanges say nothing about the service's contract). */
  fault: boolean;
}

/** Receives every exchange. */
export type ExchangeListener = (exchange: EmulatorExchange) => void;
