/**
 * URLs the service hands out (next links, Operation-Location, Location, redirects) are followed as
 * given, but only on the endpoint's origin and never with user info: the bearer token never leaves
 * the endpoint, and no error message ever repeats a credential that a link carried.
 */
import { PowerPlatformError } from "./errors.js";

/** Resolves `link` against `base` (default: the endpoint); code `InvalidResponse` when it is no URL. */
export function absoluteLink(link: string, origin: string, base: string = origin): URL {
  try {
    return new URL(link, base);
  } catch {
    throw new PowerPlatformError({ status: 0, code: "InvalidResponse", message: "The service returned a link that is not a valid URL.", method: "GET", url: origin });
  }
}

/**
 * True when `url` is on a regional host of the https endpoint `origin`: one DNS label in front of the
 * endpoint's host, same scheme and port (`https://europe.api.bap.microsoft.com` for
 * `https://api.bap.microsoft.com`). Only services that hand out such links allow them
 * (`ServiceDefinition.regionalLinks`); the host is the same service, so its token fits.
 */
export function isRegionalHostOf(url: URL, origin: string): boolean {
  const endpoint = new URL(origin);
  if (endpoint.protocol !== "https:" || url.protocol !== "https:" || url.port !== endpoint.port) return false;
  const suffix = `.${endpoint.hostname}`;
  return url.hostname.endsWith(suffix) && /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(url.hostname.slice(0, -suffix.length));
}

/**
 * Resolves `link` (relative links against `base`, default the endpoint) and refuses it, with code
 * `ForeignNextLink`, when it points to another origin or carries user info (`https://user:pass@…`).
 * With `regional`, a regional host of the endpoint ({@link isRegionalHostOf}) is accepted too.
 */
export function resolveServiceLink(link: string, origin: string, base: string = origin, regional = false): URL {
  const url = absoluteLink(link, origin, base);
  if (url.username !== "" || url.password !== "") {
    throw new PowerPlatformError({
      status: 0,
      code: "ForeignNextLink",
      message: "The service returned a link carrying user info (user:password@); it was not followed.",
      method: "GET",
      url: url.origin + url.pathname,
    });
  }
  if (url.origin !== origin && !(regional && isRegionalHostOf(url, origin))) {
    throw new PowerPlatformError({
      status: 0,
      code: "ForeignNextLink",
      message: `The service pointed to ${url.origin}, not the endpoint ${origin}; the link was not followed, so the bearer token never left the endpoint.`,
      method: "GET",
      url: url.origin + url.pathname,
    });
  }
  return url;
}
