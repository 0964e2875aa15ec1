/**
 * Reads each answer's body once. A 2xx body is read whole and, when the request asked for JSON
 * (the SDK's default Accept), parsed exactly once; a body that is not that JSON, or that breaks off,
 * is an `InvalidResponse` (re-sendable for idempotent requests: the service may have acted on a
 * POST). An error body is read only up to `maxErrorBodyBytes` and the rest is never downloaded.
 */
import { PowerPlatformError, redactUrl } from "../errors.js";
import { describeFailure } from "./networkFailures.js";
import type { PipelinePolicy, PipelineRequest, PipelineResponse } from "./pipeline.js";
import { withResendHint } from "./resendHints.js";

/** Default cap on the bytes read from an error body. */
export const MAX_ERROR_BODY_BYTES = 32 * 1024;
const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/** Buffers and decodes bodies; fills `text` and `data` of the answer. */
export function bodyDecodingPolicy(options: { maxErrorBodyBytes?: number } = {}): PipelinePolicy {
  const maxErrorBodyBytes = options.maxErrorBodyBytes ?? MAX_ERROR_BODY_BYTES;
  return {
    name: "bodyDecoding",
    async sendRequest(request, next) {
      const response = await next(request);
      const { raw, status } = response;
      if (NULL_BODY_STATUS.has(status) || request.method === "HEAD" || raw.body === null) return response;
      if (status >= 300) {
        response.text = status < 400 ? "" : await readPrefix(request, raw, maxErrorBodyBytes);
        if (status < 400) void raw.body.cancel().catch(() => undefined);
        return response;
      }
      try {
        response.text = await raw.text();
      } catch (error) {
        if ((request.attemptSignal ?? request.signal)?.aborted) throw error;
        throw unusable(request, response, `the body could not be read (${describeFailure(error)})`, error);
      }
      if (wantsJson(request) && response.text.trim() !== "") {
        try {
          response.data = JSON.parse(response.text);
        } catch {
          const type = response.headers.get("content-type");
          throw unusable(request, response, `the body is not the JSON the operation documents${type ? ` (content-type ${type.slice(0, 100)})` : ""}`);
        }
      }
      return response;
    },
  };
}

function wantsJson(request: PipelineRequest): boolean {
  const accept = request.headers.get("accept");
  return accept === null || /json/i.test(accept);
}

function unusable(request: PipelineRequest, response: PipelineResponse, reason: string, cause?: unknown): PowerPlatformError {
  return withResendHint(
    new PowerPlatformError({
      status: response.status,
      code: "InvalidResponse",
      message: `The response to ${request.method} ${redactUrl(request.url)} (HTTP ${response.status}) was unusable: ${reason}.`,
      method: request.method,
      url: request.url,
      ...(cause !== undefined && { cause }),
    }),
    { resend: "idempotent" },
  );
}

/** The first `maxBytes` of a body as text; the rest is cancelled, not downloaded. A broken body reads as what arrived. */
async function readPrefix(request: PipelineRequest, raw: Response, maxBytes: number): Promise<string> {
  const reader = raw.body!.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
    }
  } catch (error) {
    if ((request.attemptSignal ?? request.signal)?.aborted) throw error;
    // An unreadable error body is reported with what arrived; the status still tells the story.
  } finally {
    if (total >= maxBytes) void reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  const bytes = new Uint8Array(Math.min(total, maxBytes));
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= bytes.length) break;
    const part = chunk.subarray(0, bytes.length - offset);
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
