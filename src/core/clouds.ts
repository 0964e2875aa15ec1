/**
 * Endpoint checks shared by every service: an endpoint override must be an origin, and plain http
 * is allowed only to loopback hosts. Where each service lives per cloud is in src/services/.
 */

/**
 * Checks an endpoint override and returns its origin (no trailing slash).
 * @throws TypeError for anything but an absolute https URL (http only for loopback hosts) that is
 * an origin only (no path, query, fragment or credentials).
 */
export function checkEndpoint(value: string | URL): string {
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
