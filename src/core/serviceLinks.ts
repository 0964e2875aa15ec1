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
 * Resolves `link` (relative links against `base`, default the endpoint) and refuses it, with code
 * `ForeignNextLink`, when it points to another origin or carries user info (`https://user:pass@…`).
 */
export function resolveServiceLink(link: string, origin: string, base: string = origin): URL {
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
  if (url.origin !== origin) {
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
