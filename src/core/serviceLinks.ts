/**
 * URLs the service hands out (next links, Operation-Location) are followed as given, but only on
 * the endpoint's origin: the bearer token never leaves it.
 */
import { PowerPlatformError } from "./errors.js";

/** Resolves `link` against the endpoint (code `InvalidResponse` when it is no URL). */
export function absoluteLink(link: string, origin: string): URL {
  try {
    return new URL(link, origin);
  } catch {
    throw new PowerPlatformError({ status: 0, code: "InvalidResponse", message: "The service returned a link that is not a valid URL.", method: "GET", url: origin });
  }
}

/** Resolves `link` against the endpoint and refuses it (code `ForeignNextLink`) when it points elsewhere. */
export function resolveServiceLink(link: string, origin: string): URL {
  const url = absoluteLink(link, origin);
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
