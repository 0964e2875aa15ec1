/**
 * The request pipeline: an ordered list of named policies around one terminal sender. Every request
 * the SDK sends — a facade call, page 1, page N, a poll, a `raw` call — is a {@link PipelineRequest}
 * that runs through the same list, outermost policy first.
 */

/** One request as the policies see it. Policies may change it; a re-send reuses the same object. */
export interface PipelineRequest {
  method: string;
  /** Absolute URL. */
  url: string;
  headers: Headers;
  /** A buffered body (so it can be sent again), or undefined. */
  body: string | ArrayBuffer | undefined;
  /** The caller's signal: cancels the whole call, every attempt and wait included. */
  signal: AbortSignal | undefined;
  /** Cancels the current attempt only (set by the per-try timeout policy); falls back to `signal`. */
  attemptSignal?: AbortSignal;
  /** 1 for the first send; the retry policy counts re-sends. */
  attempt: number;
  /**
   * True for a request that only reads whatever its method (a POST the spec marks
   * `x-ppadmin-safe-to-retry`): the retry policy re-sends it like a GET.
   */
  safeToRetry?: boolean;
  /** Set by the retry policy after a claims challenge: the next token must carry these claims. */
  claims?: string;
  /** The bearer token of the current attempt and when it was obtained (set by the bearer-token policy). */
  token?: { value: string; obtainedAt: number };
}

/** The not yet read body of an answer, as the transport hands it over; read it once. */
export interface ResponseBody {
  /** The whole body as UTF-8 text. */
  text(): Promise<string>;
  /** At most the first `maxBytes` as text; the rest is never downloaded. */
  prefix(maxBytes: number): Promise<string>;
  /** Drops the body unread. */
  discard(): void;
}

/** The answer to a {@link PipelineRequest}; the body-decoding policy reads `body` once into `text`/`data`. */
export interface PipelineResponse {
  request: PipelineRequest;
  status: number;
  statusText: string;
  headers: Headers;
  /** The body as the transport delivered it (consumed by the body-decoding policy). */
  body: ResponseBody;
  /** The platform Response, when the transport was a `fetch`. */
  raw?: Response;
  /** The body as text: whole for a 2xx, a bounded prefix for an error, "" when there is none. */
  text: string;
  /** The decoded JSON of a 2xx body (undefined when the body was empty or not JSON was asked for). */
  data: unknown;
}

/** Sends a request further down the pipeline. */
export type SendRequest = (request: PipelineRequest) => Promise<PipelineResponse>;

/** One concern of the request path. */
export interface PipelinePolicy {
  /** Unique within a pipeline; used to place other policies before or after it. */
  readonly name: string;
  /** Does its work around `next`, which sends the request through the rest of the pipeline. */
  sendRequest(request: PipelineRequest, next: SendRequest): Promise<PipelineResponse>;
}

/** Where {@link Pipeline.addPolicy} puts a policy: before or after a named one (default: innermost). */
export interface PolicyPlacement {
  before?: string;
  after?: string;
}

/** An ordered, editable list of policies. */
export interface Pipeline {
  /** Inserts `policy`; throws when its name is taken or the anchor is unknown. */
  addPolicy(policy: PipelinePolicy, placement?: PolicyPlacement): void;
  /** Removes the policy of that name; returns whether there was one. */
  removePolicy(name: string): boolean;
  /** Policy names, outermost first. */
  names(): string[];
  /** Sends `request` through every policy, then `transport`. */
  sendRequest(request: PipelineRequest, transport: SendRequest): Promise<PipelineResponse>;
}

/** Creates a pipeline holding `policies` in the given order (outermost first). */
export function createPipeline(policies: readonly PipelinePolicy[] = []): Pipeline {
  const list: PipelinePolicy[] = [];
  // The composed chain is built once per (list, transport) and rebuilt only after an edit.
  let composed: { transport: SendRequest; send: SendRequest } | undefined;

  const indexOf = (name: string): number => list.findIndex((p) => p.name === name);
  const pipeline: Pipeline = {
    addPolicy(policy, placement = {}) {
      if (typeof policy?.sendRequest !== "function" || typeof policy.name !== "string" || policy.name === "") {
        throw new TypeError("A pipeline policy needs a non-empty `name` and a `sendRequest(request, next)` function.");
      }
      if (indexOf(policy.name) >= 0) throw new Error(`The pipeline already has a policy named "${policy.name}".`);
      if (placement.before !== undefined && placement.after !== undefined) {
        throw new TypeError("Place a policy either before or after another, not both.");
      }
      const anchor = placement.before ?? placement.after;
      let at = list.length;
      if (anchor !== undefined) {
        const i = indexOf(anchor);
        if (i < 0) throw new Error(`No policy named "${anchor}" to place "${policy.name}" ${placement.before ? "before" : "after"}.`);
        at = placement.before !== undefined ? i : i + 1;
      }
      list.splice(at, 0, policy);
      composed = undefined;
    },
    removePolicy(name) {
      const i = indexOf(name);
      if (i < 0) return false;
      list.splice(i, 1);
      composed = undefined;
      return true;
    },
    names: () => list.map((p) => p.name),
    sendRequest(request, transport) {
      if (composed?.transport !== transport) {
        let send = transport;
        for (let i = list.length - 1; i >= 0; i--) {
          const policy = list[i]!;
          const next = send;
          send = (r) => policy.sendRequest(r, next);
        }
        composed = { transport, send };
      }
      return composed.send(request);
    },
  };
  for (const policy of policies) pipeline.addPolicy(policy);
  return pipeline;
}

/** A request for the pipeline; `headers` may be a Headers object or a plain record. */
export function createPipelineRequest(init: {
  method?: string;
  url: string;
  headers?: HeadersInit;
  body?: PipelineRequest["body"];
  signal?: AbortSignal | undefined;
}): PipelineRequest {
  return {
    method: (init.method ?? "GET").toUpperCase(),
    url: init.url,
    headers: init.headers instanceof Headers ? init.headers : new Headers(init.headers),
    body: init.body,
    signal: init.signal,
    attempt: 1,
  };
}
