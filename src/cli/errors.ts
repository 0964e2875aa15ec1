/**
 * Exit codes and the one stderr line of a failure. 0 success; 2 usage (bad flags or input, found
 * before anything is sent); 3 not found; 4 authentication or authorization (401/403); 5 throttled
 * past the retry bound (429); 1 anything else.
 */
import type { PowerPlatformError } from "../core/errors.js";

export const EXIT = { ok: 0, failure: 1, usage: 2, notFound: 3, auth: 4, throttled: 5, interrupted: 130 } as const;

/** A mistake in the command line or its input, found before any request. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Stopped by SIGINT or SIGTERM (exit 130, as shells report Ctrl-C). */
export class InterruptedError extends Error {
  override readonly name = "InterruptedError";
  constructor() {
    super("interrupted");
  }
}

/**
 * A PowerPlatformError, recognised by name and shape rather than by `instanceof`: `--help` need not
 * load the SDK's error module, and the bin bundle (built apart from the library's) carries its own
 * copy of the class, so `instanceof` would hold for one copy only. The name check holds for any copy.
 */
function isServiceError(error: unknown): error is PowerPlatformError {
  return error instanceof Error && error.name === "PowerPlatformError" && typeof (error as { status?: unknown }).status === "number";
}

/** The exit code for an error. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof InterruptedError || (error instanceof Error && error.cause instanceof InterruptedError)) return EXIT.interrupted;
  if (isServiceError(error)) {
    if (error.status === 404) return EXIT.notFound;
    if (error.status === 401 || error.status === 403) return EXIT.auth;
    if (error.status === 429) return EXIT.throttled;
    return EXIT.failure;
  }
  // The SDK refuses bad input with TypeError/RangeError before sending anything.
  if (error instanceof TypeError || error instanceof RangeError) return EXIT.usage;
  return EXIT.failure;
}

/** Hides every secret the process knows of (the ready-made token) in text meant for a person. */
export function scrub(text: string): string {
  const token = process.env.PPADMIN_ACCESS_TOKEN;
  let out = text.replace(/(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi, "$1[redacted]");
  // Real tokens are long; a short stand-in (an emulator's "x") would only mangle ordinary words.
  if (token && token.length >= 8) out = out.split(token).join("[redacted]");
  return out;
}

/** One line for stderr: `[404 AppNotFound] message` for a service error, the message otherwise. */
export function describeError(error: unknown): string {
  let line: string;
  if (isServiceError(error)) {
    line = `[${error.status} ${error.code}] ${error.message}`;
    if (error.status === 429) line += " (still throttled after the retries; try later or lower the rate)";
    if (error.status === 401) line += " Hint: check the credential (--auth and its AZURE_* variables, or PPADMIN_ACCESS_TOKEN) and --cloud.";
    if (error.status === 403 && !/management application/i.test(line)) {
      line += " Hint: the identity lacks the role for this call; a service principal must also be registered as a Power Platform management application.";
    }
  } else if (error instanceof UsageError) {
    line = `${error.message} (see --help)`;
  } else if (error instanceof Error) {
    line = error.message;
  } else {
    line = String(error);
  }
  return scrub(line.replace(/\s*\n\s*/g, " "));
}

/** A plain object for per-line results of bulk input. */
export function errorRecord(error: unknown): Record<string, unknown> {
  if (isServiceError(error)) return { status: error.status, code: error.code, message: scrub(error.message) };
  return { code: error instanceof UsageError || error instanceof TypeError || error instanceof RangeError ? "UsageError" : "Error", message: describeError(error) };
}
