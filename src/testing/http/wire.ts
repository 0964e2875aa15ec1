/**
 * The emulator's own request and answer shapes, independent of fetch and node:http, so the server
 * mode dispatches straight from node:http and msw is only an adapter. Also the error answers in the
 * services' shapes: `{error: {code, message}}`, and the gateway's flat `{code, message, innererror?}`.
 */

/** One request as the dispatcher sees it. */
export interface WireRequest {
  readonly method: string;
  readonly url: URL;
  /** A header value by lower-case name, or null. */
  header(name: string): string | null;
  /** The raw body text ("" when none). */
  readonly bodyText: string;
  /** Aborts when the client goes away (created on first use). */
  readonly signal: AbortSignal;
}

/** One answer: a JSON value, a raw text, nothing, or a dropped connection. */
export interface WireAnswer {
  status: number;
  headers?: Record<string, string>;
  /** A JSON value, serialized once by the adapter. */
  json?: unknown;
  /** A raw body (sent as is, with its own content type). */
  text?: string;
  /** A binary body (a file), sent as is with its own content type. */
  bytes?: Uint8Array;
  /** The connection fails instead of answering (status 0 in the log). */
  drop?: true;
}

/** A JSON error answer, thrown by operation code and turned into an answer by the dispatcher. */
export class EmulatorHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(`emulator answered ${status}`);
    this.name = "EmulatorHttpError";
  }

  /** This error as an answer. */
  answer(): WireAnswer {
    return { status: this.status, json: this.body, headers: { ...this.headers } };
  }
}

/** The services' envelope `{error: {code, message}}`. */
export function serviceError(status: number, code: string, message: string): EmulatorHttpError {
  return new EmulatorHttpError(status, { error: { code, message } });
}

/** The gateway's flat envelope `{code, message, innererror?}` when the spec shows it, else the services' one. */
export function gatewayError(flat: boolean, status: number, code: string, message: string, innererror?: Record<string, unknown>): EmulatorHttpError {
  const body = { code, message, ...(innererror ? { innererror } : {}) };
  return new EmulatorHttpError(status, flat ? body : { error: body });
}

/** 400 for a request body the operation cannot use. */
export function invalidBody(message: string): EmulatorHttpError {
  return serviceError(400, "InvalidRequestContent", message);
}

/** 404 `<Thing>NotFound` for a path parameter, e.g. `billingPolicyId` → `BillingPolicyNotFound`. */
export function notFound(param: string, value: string): EmulatorHttpError {
  const base = param.replace(/(Id|Name)$/, "") || param;
  const words = base.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return serviceError(404, `${base.charAt(0).toUpperCase()}${base.slice(1)}NotFound`, `The ${words} '${value}' could not be found.`);
}

/** A JSON answer. */
export const jsonAnswer = (status: number, json: unknown, headers?: Record<string, string>): WireAnswer => ({ status, json, ...(headers ? { headers } : {}) });

/** A deep copy of a JSON value (a JSON round trip is faster than structuredClone for plain data). */
export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Parses a body text: JSON when it parses, the text otherwise, undefined when empty. */
export function parseBodyText(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The headers to send with an answer: its own, plus a JSON content type when it has a JSON body. */
export function headersOf(answer: WireAnswer): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(answer.headers ?? {})) headers[name.toLowerCase()] = value;
  if (answer.json !== undefined && headers["content-type"] === undefined) headers["content-type"] = "application/json";
  return headers;
}
