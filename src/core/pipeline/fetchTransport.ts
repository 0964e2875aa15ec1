/**
 * The pipeline's terminal sender: one platform `fetch` per attempt, with `redirect: "manual"` so
 * redirects reach the redirect policy. The fetch is looked up on every send when none was given, so
 * a test interceptor (msw) installed after the client was built still applies.
 */
import type { SendRequest } from "./pipeline.js";

/** Sends with `fetchImpl`, or `globalThis.fetch` at send time. The body is left unread. */
export function fetchTransport(fetchImpl?: typeof fetch): SendRequest {
  return async (request) => {
    const impl = fetchImpl ?? globalThis.fetch;
    if (typeof impl !== "function") throw new TypeError("No fetch implementation: pass `fetch` or use Node 18+.");
    const raw = await impl(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ?? null,
      signal: request.attemptSignal ?? request.signal ?? null,
      redirect: "manual",
    });
    return { request, status: raw.status, statusText: raw.statusText, headers: raw.headers, raw, text: "", data: undefined };
  };
}
