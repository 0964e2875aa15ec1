/**
 * Which `api-version` values the emulator accepts. Per service: every operation's default from the
 * operation table, plus the short list of other versions the services are known to serve.
 */
import { operationTable, type OperationEntry, type ServiceName } from "../../generated/operations.js";
import { EmulatorHttpError } from "./errors.js";
import type { RouteInfo } from "./routes.js";

/**
 * Known versions that are no operation's default (api-facts §1 and the specs' parameter
 * descriptions). Power Platform routes also serve `1`, which the install Operation-Location carries.
 */
export const EXTRA_API_VERSIONS: Readonly<Record<ServiceName, readonly string[]>> = {
  powerAppsAdmin: ["2022-11-01", "2023-06-01"],
  powerPlatform: ["2022-03-01-preview", "1"],
};

/** The api-version of the install operation's `Operation-Location` URL. */
export const OPERATION_LOCATION_API_VERSION = "1";

/** Versions accepted on every route of `service`, sorted. */
export function supportedApiVersions(service: ServiceName): string[] {
  const defaults = Object.values(operationTable[service] as Record<string, OperationEntry>).map((e) => e.defaultApiVersion);
  return [...new Set([...defaults, ...EXTRA_API_VERSIONS[service]])].sort();
}

/**
 * Checks the request's `api-version`; returns it, or throws the 400 the service sends. Power Platform
 * answers in the gateway envelope; Power Apps admin in its own `{error}` envelope (its spec declares
 * no other), with the same codes.
 */
export function requireApiVersion(route: RouteInfo, query: URLSearchParams): string {
  const version = query.get("api-version");
  const service = route.entry.service;
  const supported = supportedApiVersions(service);
  if (version && supported.includes(version)) return version;
  const code = version ? "ApiVersionUnsupportedForResource" : "MissingApiVersionParameter";
  const message = version
    ? `The api-version '${version}' is not supported by this resource. Supported versions: ${supported.join(", ")}.`
    : "The api-version query parameter (?api-version=) is required for all requests.";
  const innererror = { code, supportedApiVersions: supported };
  const body = service === "powerPlatform" ? { code, message, innererror } : { error: { code, message, innererror } };
  throw new EmulatorHttpError(400, body);
}
