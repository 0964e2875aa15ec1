/**
 * Errors an operation's spec explains (`x-ppadmin-error-hints`): a 404 from the cloud-flow routes
 * most often means the environment has no Dataverse database, and the error then says so.
 */
import { PowerPlatformError } from "../core/errors.js";
import type { OperationEntry } from "./tables.js";

/** Adds the spec's hint for the error's status to its message; any other error is returned unchanged. */
export function withErrorHint(entry: OperationEntry, error: unknown): unknown {
  if (!(error instanceof PowerPlatformError) || !entry.errorHints) return error;
  const hint = entry.errorHints[String(error.status)];
  if (hint && !error.message.includes(hint)) error.message += ` Note: ${hint}`;
  return error;
}
