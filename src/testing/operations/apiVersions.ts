/**
 * Which `api-version` values the emulator accepts: per service, every operation's default from the
 * generated model plus the few other versions the services are known to serve (see the router).
 */
import { gatewayError } from "../http/wire.js";
import { generatedRouter, type RouteInfo } from "./operationRouter.js";

export { EXTRA_API_VERSIONS } from "./operationRouter.js";

/** Versions accepted on every route of `service`, sorted. */
export function supportedApiVersions(service: string): string[] {
  return [...(generatedRouter.routes.find((r) => r.service === service)?.apiVersions ?? [])];
}

/** Checks the request's `api-version`; returns it, or throws the 400 the service sends. */
export function requireApiVersion(route: RouteInfo, query: URLSearchParams): string {
  const version = query.get("api-version");
  const supported = route.apiVersions;
  if (version && supported.includes(version)) return version;
  const code = version ? "ApiVersionUnsupportedForResource" : "MissingApiVersionParameter";
  const message = version
    ? `The api-version '${version}' is not supported by this resource. Supported versions: ${supported.join(", ")}.`
    : "The api-version query parameter (?api-version=) is required for all requests.";
  throw gatewayError(route.gatewayErrors, 400, code, message, { code, supportedApiVersions: [...supported] });
}
