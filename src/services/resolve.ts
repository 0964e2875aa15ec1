/** Picks the endpoint and token scope of one service for one client. */
import { checkEndpoint } from "../core/clouds.js";
import { cloudNames, type CloudName, type ServiceDefinition } from "./definition.js";

/** Options that pick where a client sends its calls. */
export interface ServiceLocationOptions {
  /** Cloud to use. Default `"public"`. */
  cloud?: CloudName;
  /** Override the endpoint: an absolute https URL (http only for loopback hosts), origin only. */
  endpoint?: string | URL;
  /** Override the token scope. */
  scope?: string;
}

/** A resolved endpoint (origin, no trailing slash) and token scope. */
export interface ResolvedService {
  endpoint: string;
  scope: string;
}

/**
 * Resolves the endpoint and scope of `service`.
 * @throws TypeError for an unknown cloud or a bad endpoint override (see `checkEndpoint`).
 */
export function resolveService(service: ServiceDefinition, options: ServiceLocationOptions = {}): ResolvedService {
  const name = options.cloud ?? "public";
  if (!cloudNames.includes(name)) {
    throw new TypeError(`Unknown cloud "${String(name)}". Valid clouds: ${cloudNames.join(", ")}.`);
  }
  const defaults = service.clouds[name];
  const endpoint = options.endpoint === undefined ? `https://${defaults.host}` : checkEndpoint(options.endpoint);
  return { endpoint, scope: options.scope ?? defaults.scope };
}
