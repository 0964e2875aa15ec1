/**
 * Which `api-version` values the emulator accepts: per service, every operation's default from the
 * generated model, plus the short list of other versions the services are known to serve.
 */
import { emulatorModel } from "../../../generated/emulator-model.js";
import { gatewayError } from "../http/wire.js";
import type { RouteInfo } from "./operationRouter.js";

/**
 * Known versions that are no operation's default (api-facts §1 and the specs' parameter
 * descriptions). Power Platform routes also serve `1`, which the install Operation-Location carries.
 */
export const EXTRA_API_VERSIONS: Readonly<Record<string, readonly string[]>> = {
  powerAppsAdmin: ["2022-11-01", "2023-06-01"],
  powerPlatform: ["2022-03-01-preview", "1"],
};

const cache = new Map<string, string[]>();

function versionsOf(service: string): readonly string[] {
  let found = cache.get(service);
  if (!found) {
    const defaults = emulatorModel.filter((m) => m.service === service).flatMap((m) => m.operations.map((o) => o.defaultApiVersion));
    cache.set(service, (found = [...new Set([...defaults, ...(EXTRA_API_VERSIONS[service] ?? [])])].filter(Boolean).sort()));
  }
  return found;
}

/** Versions accepted on every route of `service`, sorted. */
export function supportedApiVersions(service: string): string[] {
  return [...versionsOf(service)];
}

/** Checks the request's `api-version`; returns it, or throws the 400 the service sends. */
export function requireApiVersion(route: RouteInfo, query: URLSearchParams): string {
  const version = query.get("api-version");
  const supported = versionsOf(route.service);
  if (version && supported.includes(version)) return version;
  const code = version ? "ApiVersionUnsupportedForResource" : "MissingApiVersionParameter";
  const message = version
    ? `The api-version '${version}' is not supported by this resource. Supported versions: ${supported.join(", ")}.`
    : "The api-version query parameter (?api-version=) is required for all requests.";
  throw gatewayError(route.gatewayErrors, 400, code, message, { code, supportedApiVersions: [...supported] });
}
