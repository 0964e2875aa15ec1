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

/**
 * A Response for the answer, its body already read by the pipeline, answering `json()`/`text()` from
 * that single read: the platform Response itself when the transport was a fetch, otherwise a
 * body-less Response carrying status and headers.
 */
export function asResponse(result: PipelineResponse): Response {
  const { text, data } = result;
  const response = result.raw ?? new Response(null, { status: result.status, statusText: result.statusText, headers: result.headers });
  if (!result.raw) Object.defineProperty(response, "url", { value: result.request.url, configurable: true });
  decodedBodies.set(response, data);
  Object.defineProperties(response, {
    text: { value: () => Promise.resolve(text), configurable: true },
    json: { value: () => Promise.resolve(data !== undefined ? data : JSON.parse(text)), configurable: true },
  });
  return response;
}

/**
 * The Request class the facade's openapi-fetch client builds: plain fields only. A platform Request
 * costs more to construct than the rest of a call, and the pipeline needs none of its machinery.
 */
export class PlainRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | null | undefined;
  readonly signal: AbortSignal | undefined;
  constructor(url: string, init: RequestInit = {}) {
    this.url = url;
    this.method = (init.method ?? "GET").toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
    this.body = init.body;
    this.signal = init.signal ?? undefined;
  }
}

/**
 * The `fetch` seam of the facade's openapi-fetch client (built with {@link PlainRequest}): the
 * answer is a Response-like object (status, headers, url, `json()`/`text()` from the pipeline's one
 * read) unless the transport produced a platform Response.
 */
export function fetchPlainThroughPipeline(sdk: SdkPipeline, facts: Pick<PipelineRequest, "safeToRetry"> = {}): (request: PlainRequest) => Promise<Response> {
  return async (request) => {
    request.signal?.throwIfAborted();
    const { body } = request;
    if (body !== undefined && body !== null && typeof body !== "string") throw new TypeError("The SDK sends JSON bodies as strings.");
    const result = await sdk.send({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: body ?? undefined,
      signal: request.signal,
      attempt: 1,
      ...facts,
    });
    if (result.raw) return asResponse(result);
    const { status, statusText, headers, text, data } = result;
    const answer = {
      status,
      statusText,
      ok: status >= 200 && status < 300,
      headers,
      url: result.request.url,
      redirected: false,
      body: null,
      bodyUsed: true,
      text: () => Promise.resolve(text),
      json: () => Promise.resolve(data !== undefined ? data : JSON.parse(text)),
    } as unknown as Response;
    decodedBodies.set(answer, data);
    return answer;
  };
}
