/** Telling apart the ways a send can fail before a response arrives, from the error alone. */

// Failures that mean "the connection broke or never formed": worth retrying an idempotent call.
const TRANSIENT_CODES = new Set([
  "ECONNRESET", "ECONNREFUSED", "ECONNABORTED", "ETIMEDOUT", "ESOCKETTIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN",
  "EHOSTUNREACH", "ENETUNREACH", "ENETDOWN", "UND_ERR_SOCKET", "UND_ERR_CLOSED", "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT",
]);
// Failures before any byte left: the service certainly did not act, so even a POST may be re-sent.
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);
const FETCH_FAILED_MESSAGES = /^(fetch failed|failed to fetch|networkerror when attempting to fetch resource\.?|load failed|terminated)$/i;

/** Error codes found on an error, its `cause` chain and any aggregated errors. */
export function errorCodes(error: unknown, depth = 0, into = new Set<string>()): Set<string> {
  if (depth > 8 || typeof error !== "object" || error === null) return into;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string") into.add(code);
  errorCodes(cause, depth + 1, into);
  if (Array.isArray(errors)) for (const e of errors) errorCodes(e, depth + 1, into);
  return into;
}

/** A broken or refused connection (worth another try for an idempotent request). */
export function isTransientNetworkError(error: unknown): boolean {
  for (const code of errorCodes(error)) if (TRANSIENT_CODES.has(code)) return true;
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (e instanceof TypeError && FETCH_FAILED_MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** A failure before any byte left (the service cannot have acted). */
export function isNotSentError(error: unknown): boolean {
  for (const code of errorCodes(error)) if (NOT_SENT_CODES.has(code)) return true;
  return false;
}

/** A short description of a failure: the messages down its cause chain, plus any error codes. */
export function describeFailure(error: unknown): string {
  const messages: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 4; depth++) {
    const message = e instanceof Error ? e.message : String(e);
    if (message && !messages.some((m) => m.includes(message))) messages.push(message);
    e = e instanceof Error ? e.cause : undefined;
  }
  const text = messages.join(": ");
  const codes = [...errorCodes(error)].filter((c) => !text.includes(c));
  return codes.length > 0 ? `${text} (${codes.join(", ")})` : text;
}
