/**
 * The pipeline's terminal sender: one platform `fetch` per attempt, with `redirect: "manual"` so
 * redirects reach the redirect policy. The fetch is looked up on every send when none was given, so
 * a test interceptor (msw) installed after the client was built still applies.
 */
import { readBodyPrefix } from "../boundedBody.js";
import type { ResponseBody, SendRequest } from "./pipeline.js";

/** `globalThis.fetch` as the platform defined it when the SDK loaded (to tell a replaced one apart). */
export const platformFetch: typeof fetch | undefined = globalThis.fetch;

/** Sends with `fetchImpl`, or `globalThis.fetch` at send time. The body is left unread. */
export function fetchTransport(fetchImpl?: typeof fetch): SendRequest {
  return async (request) => {
    const impl = fetchImpl ?? globalThis.fetch;
    if (typeof impl !== "function") throw new TypeError("No fetch implementation: pass `fetch` or use Node 18+.");
    const signal = request.attemptSignal ?? request.signal;
    const raw = await impl(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body ?? null,
      signal: signal ?? null,
      redirect: "manual",
    });
    const body: ResponseBody = {
      text: () => raw.text(),
      bytes: async () => new Uint8Array(await raw.arrayBuffer()),
      prefix: (maxBytes) => readBodyPrefix(raw, maxBytes, signal),
      discard: () => void raw.body?.cancel().catch(() => undefined),
    };
    return { request, status: raw.status, statusText: raw.statusText, headers: raw.headers, body, raw, text: "", data: undefined };
  };
}
