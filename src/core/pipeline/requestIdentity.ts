/**
 * Names the caller on every request: the SDK's User-Agent, `Accept: application/json` unless the
 * caller chose another, and one `x-ms-client-request-id` per logical call. It sits outside the retry
 * policy, so every re-send of a call carries the same id and the service can tie them together.
 */
import type { PipelinePolicy } from "./pipeline.js";

/** The SDK version sent in the User-Agent header (kept equal to package.json by a unit test). */
export const SDK_VERSION = "0.1.0";

/** `power-platform-admin/<version> node/<version>`, then `extra` when given. */
export function buildUserAgent(extra: string | undefined): string {
  const node = globalThis.process?.versions?.node;
  const base = `power-platform-admin/${SDK_VERSION}${node ? ` node/${node}` : ""}`;
  return extra ? `${base} ${extra}` : base;
}

/** Sets User-Agent, Accept and the client request id (an id the caller set is kept). */
export function requestIdentityPolicy(options: { userAgent?: string } = {}): PipelinePolicy {
  const userAgent = buildUserAgent(options.userAgent);
  return {
    name: "requestIdentity",
    sendRequest(request, next) {
      const { headers } = request;
      headers.set("user-agent", userAgent);
      if (!headers.has("accept")) headers.set("accept", "application/json");
      if (!headers.has("x-ms-client-request-id")) headers.set("x-ms-client-request-id", crypto.randomUUID());
      return next(request);
    },
  };
}
