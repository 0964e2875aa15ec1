/**
 * Reads each answer's body once. A 2xx body is read whole and, when the request asked for JSON
 * (the SDK's default Accept), parsed exactly once; asked for as text, kept as text; asked for as another
 * media type (a download such as `application/zip`), kept as bytes in `data`. A body that is not that JSON, or that breaks off,
 * is an `InvalidResponse` (re-sendable for idempotent requests: the service may have acted on a
 * POST). An error body is read only up to `maxErrorBodyBytes` and the rest is never downloaded.
 */
import { MAX_ERROR_BODY_BYTES } from "../boundedBody.js";
import { PowerPlatformError, redactUrl } from "../errors.js";
import { describeFailure } from "./networkFailures.js";
import type { PipelinePolicy, PipelineRequest, PipelineResponse } from "./pipeline.js";
import { withResendHint } from "./resendHints.js";

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/** Buffers and decodes bodies; fills `text` and `data` of the answer. */
export function bodyDecodingPolicy(options: { maxErrorBodyBytes?: number } = {}): PipelinePolicy {
  const maxErrorBodyBytes = options.maxErrorBodyBytes ?? MAX_ERROR_BODY_BYTES;
  return {
    name: "bodyDecoding",
    async sendRequest(request, next) {
      const response = await next(request);
      const { body, status } = response;
      if (NULL_BODY_STATUS.has(status) || request.method === "HEAD") {
        body.discard();
        return response;
      }
      if (status >= 300) {
        if (status < 400) body.discard();
        else response.text = await body.prefix(maxErrorBodyBytes).catch((error: unknown) => {
          if ((request.attemptSignal ?? request.signal)?.aborted) throw error;
          return ""; // an unreadable error body: the status still tells the story
        });
        return response;
      }
      try {
        if (wantsBytes(request)) {
          response.data = body.bytes ? await body.bytes() : new TextEncoder().encode(await body.text());
          return response;
        }
        response.text = await body.text();
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

/** A download: the request asks for a media type that is neither JSON nor text (`application/zip`). */
function wantsBytes(request: PipelineRequest): boolean {
  const accept = request.headers.get("accept");
  return accept !== null && !/json|text\//i.test(accept);
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
