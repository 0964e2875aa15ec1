/**
 * `createSdkFetch`: the request pipeline behind the `fetch` seam openapi-fetch calls. It turns the
 * Request openapi-fetch built into a pipeline request (the body buffered once, so re-sends can
 * repeat it), sends it through every policy, and hands back the platform Response whose body the
 * pipeline already read — with `json()`/`text()` answering from that single read.
 */
import type { PipelineRequest, PipelineResponse } from "./pipeline/pipeline.js";
import { createSdkPipeline, type SdkPipeline, type SdkPipelineOptions } from "./pipeline/sdkPipeline.js";

export { SDK_VERSION } from "./pipeline/requestIdentity.js";
export type { LogEvent } from "./pipeline/logging.js";
export type { BearerTokenSource } from "./pipeline/bearerToken.js";

/** Options for {@link createSdkFetch}: those of the pipeline. */
export type SdkFetchOptions = SdkPipelineOptions;

/** The fetch function {@link createSdkFetch} returns. */
export type SdkFetch = (request: Request) => Promise<Response>;

const decodedBodies = new WeakMap<Response, unknown>();

/**
 * The JSON the pipeline decoded for a Response that {@link fetchThroughPipeline} returned
 * (undefined for an empty or non-JSON body).
 */
export function decodedBodyOf(response: Response): unknown {
  return decodedBodies.get(response);
}

/**
 * Creates the SDK's fetch: rate-limited, authenticated, bounded retries that honour Retry-After,
 * one body read, and {@link PowerPlatformError}s for every failure. Only 2xx responses are returned.
 * @throws RangeError at creation for invalid retry options or `tryTimeoutInMs`.
 */
export function createSdkFetch(options: SdkFetchOptions): SdkFetch {
  return fetchThroughPipeline(createSdkPipeline(options));
}

/** The `fetch` seam over an assembled pipeline. */
export function fetchThroughPipeline(sdk: SdkPipeline): SdkFetch {
  return async (request: Request) => {
    const signal = request.signal;
    signal.throwIfAborted();
    const pipelineRequest: PipelineRequest = {
      method: request.method.toUpperCase(),
      url: request.url,
      headers: request.headers,
      body: request.body === null ? undefined : await request.arrayBuffer(),
      signal,
      attempt: 1,
    };
    return asResponse(await sdk.send(pipelineRequest));
  };
}

/** The platform Response, its body already read by the pipeline, answering `json()`/`text()` from that read. */
export function asResponse(result: PipelineResponse): Response {
  const { raw, text, data } = result;
  decodedBodies.set(raw, data);
  Object.defineProperties(raw, {
    text: { value: () => Promise.resolve(text), configurable: true },
    json: { value: () => Promise.resolve(data !== undefined ? data : JSON.parse(text)), configurable: true },
  });
  return raw;
}
