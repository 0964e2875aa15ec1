/**
 * The SDK's one error type, and turning any error response the two services send into it.
 */
import { MAX_ERROR_BODY_BYTES, readBodyPrefix } from "./boundedBody.js";

/** Everything a {@link PowerPlatformError} carries. */
export interface PowerPlatformErrorOptions {
  /** HTTP status; 0 when no response arrived (network failure, timeout). */
  status: number;
  /** Service error code, or a fallback such as `NotFound`, `Throttled`, `NetworkError`. */
  code: string;
  /** Human-readable message (never contains secrets). */
  message: string;
  /** Nested service error details, as sent. */
  details?: unknown[];
  /** HTTP method of the request. */
  method: string;
  /** Request URL; redacted by the constructor. */
  url: string;
  /** How long the service asked the caller to wait, when it said. */
  retryAfterInMs?: number;
  /** Service request id, from `x-ms-request-id` and similar headers. */
  requestId?: string;
  /** Correlation id, from `x-ms-correlation-request-id` and similar headers. */
  correlationId?: string;
  /** Excerpt of a non-JSON body (at most 500 characters). */
  body?: string;
  /** The underlying error, such as a network failure. */
  cause?: unknown;
}

const MAX_EXCERPT = 500;
// HTML is stripped from at most this much of an error body (its tag regexes are not linear in the worst case).
const MAX_HTML_CHARS = 8 * 1024;

/**
 * A failed call to the Power Apps admin API or the Power Platform API: the service's error, a
 * network failure (`status` 0), a timeout, or a response that could not be read. Its URL is
 * redacted, and `toJSON`/`toString` carry no credentials.
 */
export class PowerPlatformError extends Error {
  override readonly name = "PowerPlatformError";
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  /** Service error code, or a fallback derived from the status or failure. */
  readonly code: string;
  /** Nested service error details, as sent. */
  readonly details: unknown[];
  /** HTTP method of the request. */
  readonly method: string;
  /** Redacted request URL (see {@link redactUrl}). */
  readonly url: string;
  /** How long the service asked the caller to wait, when it said. */
  readonly retryAfterInMs?: number;
  /** Service request id. */
  readonly requestId?: string;
  /** Correlation id. */
  readonly correlationId?: string;
  /** Excerpt of a non-JSON body. */
  readonly body?: string;

  /** Creates an error from an options object. */
  constructor(options: PowerPlatformErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
    this.code = options.code;
    this.details = options.details ?? [];
    this.method = options.method;
    this.url = redactUrl(options.url);
    if (options.retryAfterInMs !== undefined) this.retryAfterInMs = options.retryAfterInMs;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    if (options.correlationId !== undefined) this.correlationId = options.correlationId;
    if (options.body !== undefined) this.body = excerpt(options.body);
  }

  /** A plain, loggable object. The `cause` is left out: it is not ours to vouch for. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      status: this.status,
      code: this.code,
      message: this.message,
      details: this.details,
      method: this.method,
      url: this.url,
      retryAfterInMs: this.retryAfterInMs,
      requestId: this.requestId,
      correlationId: this.correlationId,
      body: this.body,
    };
  }

  /** `PowerPlatformError [404 AppNotFound]: message`. */
  override toString(): string {
    return `${this.name} [${this.status} ${this.code}]: ${this.message}`;
  }
}

/** Parts of a response whose body has already been read. */
export interface BufferedResponse {
  status: number;
  statusText?: string;
  headers: Headers;
  /** The whole body as text ("" when empty). */
  text: string;
}

/**
 * Reads at most the first {@link MAX_ERROR_BODY_BYTES} of `response`'s body and builds a {@link PowerPlatformError} from whichever error shape
 * it holds (see {@link errorFromBufferedResponse}).
 */
export async function errorFromResponse(
  response: Response,
  method: string,
  url: string,
  retryAfterInMs?: number,
): Promise<PowerPlatformError> {
  const text = await readBodyPrefix(response);
  return errorFromBufferedResponse(
    { status: response.status, statusText: response.statusText, headers: response.headers, text },
    method,
    url,
    retryAfterInMs,
  );
}

/**
 * Builds a {@link PowerPlatformError} from an already-read error response. Understands
 * `{error:{code,message,details}}` (recursive; `BusinessAppPlatformRequestFailed` surfaces its
 * innermost detail), gateway `{code,message,innererror}`, RFC 7807 problem details,
 * `{errorDetail:{code,fieldErrors}}`, arrays of errors, plain text, HTML and empty bodies.
 */
export function errorFromBufferedResponse(
  response: BufferedResponse,
  method: string,
  url: string,
  retryAfterInMs?: number,
): PowerPlatformError {
  const { status, headers } = response;
  // Cut first: nothing below (JSON parsing, regexes) ever sees more than a bounded prefix.
  const text = response.text.length > MAX_ERROR_BODY_BYTES ? response.text.slice(0, MAX_ERROR_BODY_BYTES) : response.text;
  const context = `HTTP ${status}${reasonPhrase(status, response.statusText)} from ${method} ${redactUrl(url)}`;
  const parsed = parseBody(text, headers.get("content-type") ?? "");
  let code = parsed.code ?? fallbackCode(status);
  let message: string;
  if (parsed.kind === "empty") message = `${context} with an empty body`;
  else if (parsed.message) message = `${parsed.message} (${context})`;
  else message = `${context}; the error body had no message${parsed.kind === "json" ? " (see details)" : ""}`;

  if (status === 429 && code !== "Throttled") {
    // One stable code for throttling, whatever the service calls it; its own code stays visible.
    if (parsed.code) message = `${message} [service code: ${parsed.code}]`;
    code = "Throttled";
  }
  if (status === 403 && /does not have permission to access the path/i.test(message)) {
    message +=
      " Hint: the service principal is probably not registered as a Power Platform management application." +
      " An admin user (not the service principal itself) registers its client id with" +
      " `new BapAdminClient().managementApplications.add({ applicationId })`, New-PowerAppManagementApp" +
      " (Microsoft.PowerApps.Administration.PowerShell) or `pac admin application register`.";
  }

  return new PowerPlatformError({
    status,
    code,
    message,
    details: parsed.details,
    method,
    url,
    ...(retryAfterInMs !== undefined && { retryAfterInMs }),
    ...optionalHeader("requestId", headers, ["x-ms-request-id", "request-id", "x-ms-client-request-id"]),
    ...optionalHeader("correlationId", headers, ["x-ms-correlation-request-id", "x-ms-correlation-id"]),
    ...(parsed.body !== undefined && { body: parsed.body }),
  });
}

interface ParsedBody {
  kind: "empty" | "json" | "text";
  code?: string;
  message?: string;
  details: unknown[];
  body?: string;
}

function parseBody(text: string, contentType: string): ParsedBody {
  const trimmed = text.trim();
  if (trimmed === "") return { kind: "empty", details: [] };
  // Services sometimes label JSON as text/plain, so sniff the first character as well.
  if (/json/i.test(contentType) || trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return { kind: "json", ...fromJson(JSON.parse(trimmed) as unknown) };
    } catch {
      // Not JSON after all (or truncated): report it as text.
    }
  }
  const isHtml = /html/i.test(contentType) || /^<(!doctype|html|head|body|\?xml)/i.test(trimmed);
  // Markup is stripped from a short prefix only: the message keeps 500 characters anyway.
  const plain = excerpt(isHtml ? htmlToText(trimmed.slice(0, MAX_HTML_CHARS)) : foldWhitespace(trimmed.slice(0, MAX_EXCERPT * 4)));
  return plain === ""
    ? { kind: "text", details: [], body: excerpt(foldWhitespace(trimmed.slice(0, MAX_EXCERPT * 4))) }
    : { kind: "text", message: plain, details: [], body: plain };
}

type Shape = Omit<ParsedBody, "kind" | "body">;

const WRAPPER_CODES = new Set(["BusinessAppPlatformRequestFailed", "AzureResourceManagerRequestFailed"]);

function fromJson(json: unknown): Shape {
  if (Array.isArray(json)) {
    // An array of errors (e.g. Licensing validation): lead with the first, keep them all.
    const first = json.find(isRecord);
    const messages = json.filter((x): x is string => typeof x === "string");
    if (first) return { ...codeAndMessage(first), details: json };
    return { ...(messages.length > 0 && { message: messages.join("; ") }), details: json };
  }
  if (!isRecord(json)) return typeof json === "string" && json ? { message: json, details: [] } : { details: [json] };

  const error = get(json, "error");
  if (isRecord(error)) {
    const { code, message } = codeAndMessage(error);
    const details = [...asArray(get(error, "details"))];
    const inner = get(error, "innererror");
    if (inner !== undefined) details.push(inner);
    if (code && WRAPPER_CODES.has(code)) {
      const deepest = innermost(error);
      if (deepest !== error) {
        const d = codeAndMessage(deepest);
        return { code, message: [d.code, d.message ?? message].filter(Boolean).join(": "), details };
      }
    }
    return { ...(code && { code }), ...(message && { message }), details };
  }
  if (typeof error === "string") {
    // OAuth style: {error, error_description}.
    const description = str(get(json, "error_description"));
    return { code: error, message: description ?? error, details: [] };
  }

  const errorDetail = get(json, "errorDetail");
  if (isRecord(errorDetail)) {
    // EnvironmentManagement ValidationResponse: {errorDetail: {code, fieldErrors: {field: {errorMessages, suggestedValue}}}}.
    const { code, message } = codeAndMessage(errorDetail);
    const fieldErrors = get(errorDetail, "fieldErrors");
    const details = isRecord(fieldErrors)
      ? Object.entries(fieldErrors).map(([field, value]) => (isRecord(value) ? { field, ...value } : { field, value }))
      : [];
    const fieldText = details
      .map((d) => {
        const msgs = asArray((d as Record<string, unknown>).errorMessages).filter((m) => typeof m === "string");
        return msgs.length > 0 ? `${d.field}: ${msgs.join(", ")}` : d.field;
      })
      .join("; ");
    const text = [message, fieldText].filter(Boolean).join(" ");
    return { ...(code && { code }), ...(text && { message: text }), details };
  }

  if (typeof get(json, "title") === "string" && ("type" in json || "detail" in json || "status" in json)) {
    // RFC 7807 problem details.
    const title = str(get(json, "title"));
    const detail = str(get(json, "detail"));
    const code = str(get(json, "code")) ?? str(get(json, "errorCode"));
    const errors = get(json, "errors");
    const details = errors === undefined ? [] : Array.isArray(errors) ? errors : [errors];
    return { ...(code && { code }), message: [title, detail].filter(Boolean).join(": "), details };
  }

  const { code, message } = codeAndMessage(json);
  if (code || message) {
    // Gateway envelope {code, message, innererror} or a flat {code, message, details}.
    const inner = get(json, "innererror");
    const details = inner !== undefined ? [inner] : [...asArray(get(json, "details"))];
    return { ...(code && { code }), ...(message && { message }), details };
  }
  return { details: [json] };
}

/** The deepest node in a `details` tree (first one found at that depth). */
function innermost(node: Record<string, unknown>): Record<string, unknown> {
  let best = node;
  let bestDepth = 0;
  const visit = (n: Record<string, unknown>, depth: number): void => {
    if (depth > bestDepth && codeAndMessage(n).code) {
      best = n;
      bestDepth = depth;
    }
    if (depth < 20) for (const child of asArray(get(n, "details"))) if (isRecord(child)) visit(child, depth + 1);
  };
  visit(node, 0);
  return best;
}

function codeAndMessage(o: Record<string, unknown>): { code?: string; message?: string } {
  const code = str(get(o, "code")) ?? str(get(o, "errorCode")) ?? str(get(o, "errorName"));
  const message = str(get(o, "message")) ?? str(get(o, "errorMessage")) ?? str(get(o, "detail"));
  return { ...(code && { code }), ...(message && { message }) };
}

/** Property lookup that tolerates PascalCase (`Message`, `Code`) as some gateways send it. */
function get(o: Record<string, unknown>, key: string): unknown {
  if (key in o) return o[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

function str(v: unknown): string | undefined {
  if (typeof v === "string" && v.trim() !== "") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function foldWhitespace(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

function excerpt(s: string): string {
  return s.length <= MAX_EXCERPT ? s : `${s.slice(0, MAX_EXCERPT - 1)}…`;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name[0] === "#") {
        const cp = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        return Number.isInteger(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : entity;
      }
      return ENTITIES[name.toLowerCase()] ?? entity;
    });
  return foldWhitespace(text);
}

const STATUS: Record<number, [code: string, reason: string]> = {
  400: ["BadRequest", "Bad Request"],
  401: ["Unauthorized", "Unauthorized"],
  403: ["Forbidden", "Forbidden"],
  404: ["NotFound", "Not Found"],
  405: ["Http405", "Method Not Allowed"],
  408: ["Http408", "Request Timeout"],
  409: ["Conflict", "Conflict"],
  412: ["Http412", "Precondition Failed"],
  413: ["Http413", "Payload Too Large"],
  415: ["Http415", "Unsupported Media Type"],
  422: ["Http422", "Unprocessable Entity"],
  429: ["Throttled", "Too Many Requests"],
  500: ["InternalServerError", "Internal Server Error"],
  501: ["Http501", "Not Implemented"],
  502: ["BadGateway", "Bad Gateway"],
  503: ["ServiceUnavailable", "Service Unavailable"],
  504: ["GatewayTimeout", "Gateway Timeout"],
};

function fallbackCode(status: number): string {
  return STATUS[status]?.[0] ?? `Http${status}`;
}

function reasonPhrase(status: number, statusText: string | undefined): string {
  const reason = STATUS[status]?.[1] ?? statusText ?? "";
  return reason ? ` ${reason}` : "";
}

function optionalHeader<K extends string>(key: K, headers: Headers, names: string[]): Partial<Record<K, string>> {
  for (const name of names) {
    const value = headers.get(name);
    if (value) return { [key]: value } as Partial<Record<K, string>>;
  }
  return {};
}

// Query parameters whose values are safe to show in logs and errors; every other value is redacted.
const ALLOWED_QUERY = new Set(["api-version", "$top", "$skip", "$filter", "$select", "$orderby", "appinstallstate", "lcid"]);

/**
 * Returns `url` fit for logs and errors: origin and path kept, fragment and user info dropped, and
 * every query value replaced by `REDACTED` unless its name is `api-version`, `$top`, `$skip`,
 * `$filter`, `$select`, `$orderby`, `appInstallState` or `lcid` (so `$skiptoken` is hidden).
 */
export function redactUrl(url: string): string {
  if (url === "") return "";
  let parsed: URL;
  let relative = false;
  try {
    parsed = new URL(url);
  } catch {
    try {
      parsed = new URL(url, "http://relative.invalid");
      relative = true;
    } catch {
      return "[invalid URL]";
    }
  }
  const base = relative ? parsed.pathname : `${parsed.origin}${parsed.pathname}`;
  if (parsed.search.length <= 1) return base;
  const query = parsed.search
    .slice(1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      if (eq < 0) return pair;
      const rawName = pair.slice(0, eq);
      return ALLOWED_QUERY.has(decodeName(rawName).toLowerCase()) ? pair : `${rawName}=REDACTED`;
    })
    .join("&");
  return `${base}?${query}`;
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}
