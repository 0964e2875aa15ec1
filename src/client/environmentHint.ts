/**
 * A 404 from an operation addressed by environment most often means a display name ("Contoso Dev")
 * was passed where the environment's name (its id) belongs. The error then says so.
 */
import type { OperationEntry } from "./tables.js";
import { PowerPlatformError } from "../core/errors.js";

/** An environment name: a GUID, optionally after `Default-` (the tenant's default environment). */
const ENVIRONMENT_NAME = /^(Default-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` has the shape of an environment name (GUID or `Default-<tenant GUID>`). */
export function looksLikeEnvironmentName(value: string): boolean {
  return ENVIRONMENT_NAME.test(value);
}

/**
 * Adds the hint to a 404 of an operation with an environment path parameter whose value does not
 * look like an environment name; any other error is returned unchanged.
 */
export function withEnvironmentHint(entry: OperationEntry, path: Readonly<Record<string, string>>, error: unknown): unknown {
  const param = entry.environmentParam;
  if (!(error instanceof PowerPlatformError) || error.status !== 404 || !param) return error;
  const value = path[param];
  if (value === undefined || looksLikeEnvironmentName(value)) return error;
  error.message +=
    ` Note: "${param}" is "${value}", which is not an environment name. Pass the environment's name ` +
    `(a GUID, or Default-<tenantId> for the default environment), not its display name.`;
  return error;
}
