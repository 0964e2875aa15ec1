/**
 * Where each service lives in each Microsoft cloud, and how to resolve the endpoint and token
 * scope for one client (api-facts §5). Endpoint and scope can always be overridden because two of
 * the sovereign values are disputed between sources.
 */

/** The clouds the SDK knows. */
export type CloudName = "public" | "gcc" | "gcchigh" | "dod" | "china";

/** The two services this SDK talks to. */
export type ServiceName = "powerAppsAdmin" | "powerPlatform";

/** Host and token scope of one service in one cloud. */
export interface ServiceEndpoint {
  /** Host name, without scheme. */
  host: string;
  /** OAuth scope for tokens (`…/.default`). */
  scope: string;
}

/** Everything that differs between clouds. */
export interface CloudEndpoints {
  /** Entra ID authority host (for @azure/identity's `authorityHost`). */
  authorityHost: string;
  /** The Power Apps admin API. */
  powerAppsAdmin: ServiceEndpoint;
  /** The Power Platform API; its scope is always `https://{host}/.default`. */
  powerPlatform: ServiceEndpoint;
}

const cloud = (authority: string, powerAppsHost: string, powerAppsScope: string, powerPlatformHost: string): CloudEndpoints =>
  Object.freeze({
    authorityHost: `https://${authority}`,
    powerAppsAdmin: Object.freeze({ host: powerAppsHost, scope: powerAppsScope }),
    powerPlatform: Object.freeze({ host: powerPlatformHost, scope: `https://${powerPlatformHost}/.default` }),
  });

/** The cloud table (api-facts §5). */
export const clouds: Readonly<Record<CloudName, CloudEndpoints>> = Object.freeze({
  public: cloud("login.microsoftonline.com", "api.powerapps.com", "https://service.powerapps.com/.default", "api.powerplatform.com"),
  gcc: cloud("login.microsoftonline.com", "gov.api.powerapps.us", "https://gov.service.powerapps.us/.default", "api.gov.powerplatform.microsoft.us"),
  gcchigh: cloud("login.microsoftonline.us", "high.api.powerapps.us", "https://high.service.powerapps.us/.default", "api.high.powerplatform.microsoft.us"),
  dod: cloud("login.microsoftonline.us", "api.apps.appsplatform.us", "https://service.apps.appsplatform.us/.default", "api.appsplatform.us"),
  china: cloud("login.chinacloudapi.cn", "api.powerapps.cn", "https://service.powerapps.cn/.default", "api.powerplatform.partner.microsoftonline.cn"),
});

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
 * @throws TypeError for an unknown cloud, or an endpoint that is not an absolute https URL
 * (http is accepted only for loopback hosts) or that carries a path, query, fragment or credentials.
 */
export function resolveService(service: ServiceName, options: ServiceLocationOptions = {}): ResolvedService {
  const name = options.cloud ?? "public";
  if (!Object.hasOwn(clouds, name)) {
    throw new TypeError(`Unknown cloud "${String(name)}". Valid clouds: ${Object.keys(clouds).join(", ")}.`);
  }
  const defaults = clouds[name][service];
  if (!defaults) throw new TypeError(`Unknown service "${String(service)}". Valid services: powerAppsAdmin, powerPlatform.`);
  const endpoint = options.endpoint === undefined ? `https://${defaults.host}` : checkEndpoint(options.endpoint);
  return { endpoint, scope: options.scope ?? defaults.scope };
}

function checkEndpoint(value: string | URL): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new TypeError(`endpoint must be an absolute URL such as "https://api.powerplatform.com", got "${String(value)}".`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(`endpoint must be an http(s) URL, got protocol "${url.protocol}".`);
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname)) {
    // Bearer tokens must never travel in clear text; plain http is only for local emulators.
    throw new TypeError(`endpoint must use https unless its host is loopback (localhost, 127.0.0.0/8, ::1), got "${url.origin}".`);
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== "/") {
    throw new TypeError(`endpoint must be an origin only (scheme, host, optional port), got "${url.origin}${url.pathname}…".`);
  }
  return url.origin;
}

/**
 * True for loopback host names: `localhost`, 127.0.0.0/8 and `::1` (with or without brackets, as
 * `URL.hostname` gives IPv6 addresses), including IPv4-mapped loopback such as `::ffff:7f00:1`.
 */
export function isLoopbackHost(hostname: string): boolean {
  let host = hostname.toLowerCase();
  if (host.startsWith("[") && host.endsWith("]")) host = host.slice(1, -1);
  if (host.endsWith(".")) host = host.slice(0, -1);
  if (host === "localhost") return true;
  if (isLoopbackIPv4(host)) return true;
  if (host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
  const mapped = /^[0:]*:ffff:(.+)$/.exec(host)?.[1];
  if (mapped === undefined) return false;
  if (isLoopbackIPv4(mapped)) return true;
  // Hex form that the URL parser produces, e.g. ::ffff:7f00:1.
  const hex = /^([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(mapped)?.[1];
  return hex !== undefined && Number.parseInt(hex, 16) >> 8 === 127;
}

function isLoopbackIPv4(host: string): boolean {
  const parts = host.split(".");
  if (parts.length !== 4) return false;
  if (!parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return false;
  return parts[0] === "127";
}
