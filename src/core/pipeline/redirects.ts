/**
 * Redirects, followed by the SDK rather than by the platform fetch (which is asked for
 * `redirect: "manual"`): only to the origin the request was sent to — the same rule as next links,
 * so the bearer token never leaves it — and at most `maxRedirects` hops. A loop or too many hops is
 * one `RedirectLoop` error. The policy sits outside the retry policy: each hop is retried on its
 * own, and a redirect error is never re-sent.
 */
import { errorFromBufferedResponse, PowerPlatformError } from "../errors.js";
import { resolveServiceLink } from "../serviceLinks.js";
import type { PipelinePolicy, PipelineResponse } from "./pipeline.js";

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Follows same-origin redirects, at most `maxRedirects` (default 5) per request. */
export function redirectPolicy(options: { maxRedirects?: number } = {}): PipelinePolicy {
  const maxRedirects = options.maxRedirects ?? 5;
  return {
    name: "redirects",
    async sendRequest(request, next) {
      const first = await next(request);
      if (first.status < 300 || first.status >= 400) return first;
      // Only a redirect pays for parsing: the origin is the one the request was first sent to.
      const origin = new URL(request.url).origin;
      const seen = new Set<string>([request.url]);
      for (let hops = 0, response = first; ; hops++, response = await next(request)) {
        if (response.status < 300 || response.status >= 400) return response;
        const from = { method: request.method, url: request.url };
        const location = response.headers.get("location");
        if (!REDIRECT_STATUSES.has(response.status) || !location) throw unusable(response, from.method, from.url);
        // Same origin, no user info: otherwise a PowerPlatformError that names neither the link nor its secrets.
        const target = resolveServiceLink(location, origin, request.url).href;
        if (seen.has(target) || hops >= maxRedirects) {
          throw new PowerPlatformError({
            status: response.status,
            code: "RedirectLoop",
            message: seen.has(target)
              ? `${from.method} was redirected back to a URL it had already visited; the redirect loop was stopped.`
              : `${from.method} was redirected more than ${maxRedirects} times; no more redirects were followed.`,
            method: from.method,
            url: from.url,
          });
        }
        seen.add(target);
        request.url = target;
        // As fetch does: 303 (and 301/302 after a POST) continue as a GET without a body.
        if (response.status === 303 || ((response.status === 301 || response.status === 302) && request.method === "POST")) {
          if (request.method !== "HEAD") request.method = "GET";
          request.body = undefined;
          request.headers.delete("content-type");
        }
      }
    },
  };
}

/** A 3xx that cannot be followed reads as the service's error. */
function unusable(response: PipelineResponse, method: string, url: string): PowerPlatformError {
  return errorFromBufferedResponse(
    { status: response.status, statusText: response.statusText, headers: response.headers, text: response.text },
    method,
    url,
  );
}
