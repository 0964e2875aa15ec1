/**
 * What both clients share: one openapi-fetch client over the SDK's transport (limiter, token,
 * retries), the api-version defaults, and the two ways a facade method calls the service —
 * `call` for one request and `list` for a paged iterator. It knows operations only through the
 * generated operation table.
 */
import createClient, { type Client, type Middleware } from "openapi-fetch";
import type { OperationEntry } from "./tables.js";
import { systemClock, type Clock } from "../core/clock.js";
import { defaultCredential } from "../core/credential.js";
import { createPagedIterator, readItems, readNextLink, type PagedAsyncIterableIterator } from "../core/paging.js";
import { resolveServiceLink } from "../core/serviceLinks.js";
import { isLimiter, type Limiter } from "../core/limiter.js";
import { RateLimiter } from "../core/rateLimiter.js";
import { createTokenCache } from "../core/tokenCache.js";
import { createPipelineRequest } from "../core/pipeline/pipeline.js";
import { createSdkPipeline, type SdkPipeline } from "../core/pipeline/sdkPipeline.js";
import { asResponse, decodedBodyOf, fetchPlainThroughPipeline, fetchThroughPipeline, PlainRequest } from "../core/transport.js";
import type { ServiceDefinition } from "../services/definition.js";
import { resolveService } from "../services/resolve.js";
import { withEnvironmentHint } from "./environmentHint.js";
import { toOperationArguments, type OperationArguments } from "./operationArguments.js";
import { validateClientOptions, type ClientOptions } from "./options.js";

/** Default pause between polls of a long-running operation when the service sends no Retry-After. */
const DEFAULT_POLL_INTERVAL_IN_MS = 5_000;

/** The decoded answer of one call. */
export interface CallResult<T> {
  data: T;
  response: Response;
}

/** Appends `api-version` to a URL given by the service unless it already carries one; nothing else changes. */
export function withApiVersion(link: string, apiVersion: string): string {
  const url = new URL(link);
  if (url.searchParams.has("api-version")) return link;
  return `${link}${url.search ? "&" : "?"}api-version=${encodeURIComponent(apiVersion)}`;
}

function buildLimiter(option: ClientOptions["rateLimit"], clock: Clock): Limiter | false {
  if (option === false) return false;
  if (isLimiter(option)) return option;
  if (option !== undefined && (typeof option !== "object" || option === null)) {
    throw new TypeError('Client option "rateLimit" must be a RateLimiter (or another Limiter), an options object or false.');
  }
  return new RateLimiter({ ...option, clock });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Refuses path and query values that are not well-formed UTF-16 (a lone surrogate): they cannot be
 * percent-encoded, so they fail here with a TypeError instead of a URIError inside URL building.
 */
function checkWellFormed<T extends OperationArguments>(operationId: string, parts: T): T {
  for (const [kind, values] of [["path", parts.path], ["query", parts.query]] as const) {
    for (const [name, value] of Object.entries(values)) {
      if (typeof value === "string" && LONE_SURROGATE.test(value)) {
        throw new TypeError(`${operationId}: the ${kind} value "${name}" is not well-formed Unicode (it holds a lone surrogate).`);
      }
    }
  }
  return parts;
}

export class ServiceRuntime<Paths extends {} = {}> {
  /** The openapi-fetch client; every path of the spec is reachable through it. */
  readonly raw: Client<Paths>;
  /** Origin of the endpoint (no trailing slash). */
  readonly endpoint: string;
  /** Whether links on regional hosts of the endpoint are followed (the service definition's `regionalLinks`). */
  readonly regionalLinks: boolean;
  readonly clock: Clock;
  readonly pollIntervalInMs: number;
  /** The request path every request of this client takes (typed calls, next pages, polls). */
  readonly pipeline: SdkPipeline;
  private readonly apiVersion: string | undefined;
  /** openapi-fetch for the facade: plain requests, no middleware (the public `raw` keeps both). */
  private readonly typed: Client<Record<string, never>>;
  private readonly operations: Readonly<Record<string, OperationEntry>>;
  /** The facade's fetch for POSTs that only read: their failures are re-sent like a GET's. */
  private readonly readingPostFetch: typeof fetch;

  constructor(service: ServiceDefinition, operations: Readonly<Record<string, OperationEntry>>, rawOptions: ClientOptions | undefined) {
    const options = validateClientOptions(rawOptions);
    const { endpoint, scope } = resolveService(service, options);
    this.endpoint = endpoint;
    this.regionalLinks = service.regionalLinks === true;
    this.clock = options.clock ?? systemClock;
    this.pollIntervalInMs = options.pollIntervalInMs ?? DEFAULT_POLL_INTERVAL_IN_MS;
    this.apiVersion = options.apiVersion;
    this.operations = operations;
    const tokens = createTokenCache(options.credential ?? defaultCredential());
    this.pipeline = createSdkPipeline({
      scope,
      tokens,
      limiter: buildLimiter(options.rateLimit, this.clock),
      retry: options.retry,
      tryTimeoutInMs: options.retry?.tryTimeoutInMs,
      clock: this.clock,
      fetch: options.fetch,
      userAgent: options.userAgent,
      logger: options.logger,
      additionalPolicies: options.additionalPolicies,
    });
    this.raw = createClient<Paths>({ baseUrl: endpoint, fetch: fetchThroughPipeline(this.pipeline) });
    this.raw.use(this.apiVersionDefaults());
    this.readingPostFetch = fetchPlainThroughPipeline(this.pipeline, { safeToRetry: true }) as unknown as typeof fetch;
    this.typed = createClient<Record<string, never>>({
      baseUrl: endpoint,
      Request: PlainRequest as unknown as typeof Request,
      fetch: fetchPlainThroughPipeline(this.pipeline) as unknown as typeof fetch,
    });
  }

  /** The generated table entry of an operation of this service. */
  entry(operationId: string): OperationEntry {
    const entry = this.operations[operationId];
    if (!entry) throw new Error(`Unknown operation ${operationId}`);
    return entry;
  }

  private versionFor(entry: OperationEntry, perCall: string | undefined): string {
    return perCall ?? this.apiVersion ?? entry.defaultApiVersion;
  }

  /** Raw-client requests without an api-version get the operation's default (or the client's). */
  private apiVersionDefaults(): Middleware {
    const byRoute = new Map(Object.values(this.operations).map((e) => [`${e.method.toUpperCase()} ${e.path}`, e]));
    return {
      onRequest: async ({ request, schemaPath }) => {
        const entry = byRoute.get(`${request.method} ${schemaPath}`);
        if (!entry || new URL(request.url).searchParams.has("api-version")) return undefined;
        const body = request.body ? await request.arrayBuffer() : undefined;
        return new Request(withApiVersion(request.url, this.versionFor(entry, undefined)), {
          method: request.method,
          headers: request.headers,
          body,
          signal: request.signal,
        });
      },
    };
  }

  /** One request for `operationId` with the facade's argument object. */
  async call<T>(operationId: string, args: unknown): Promise<CallResult<T>> {
    const entry = this.entry(operationId);
    const parts = checkWellFormed(entry.operationId, toOperationArguments(entry, args));
    try {
      return await this.send1<T>(entry, parts.path, { ...parts.query, "api-version": this.versionFor(entry, parts.apiVersion) }, parts.body, parts.abortSignal);
    } catch (error) {
      throw withEnvironmentHint(entry, parts.path, error);
    }
  }

  private async send1<T>(
    entry: OperationEntry,
    path: Record<string, string>,
    query: Record<string, string | number>,
    body: unknown,
    signal: AbortSignal | undefined,
  ): Promise<CallResult<T>> {
    // The table is the contract here; openapi-fetch's per-path typing is for the public `raw` client.
    // parseAs "stream": openapi-fetch leaves the body alone; the pipeline already decoded it once.
    const { response } = await (this.typed.request as (m: string, p: string, init: unknown) => Promise<{ response: Response }>)(
      entry.method,
      entry.path,
      // A POST that only reads (x-ppadmin-safe-to-retry) goes through a fetch that says so to the retry policy.
      { params: { path, query }, body, signal, parseAs: "stream", ...(entry.safeToRetry && entry.method === "post" ? { fetch: this.readingPostFetch } : {}) },
    );
    return { data: decodedBodyOf(response) as T, response };
  }

  /**
   * A paged iterator over a list operation. Arguments are checked now, so bad input throws before
   * iteration (and before any request); `$skiptoken` belongs to the iterator and is not accepted.
   */
  list<TItem>(operationId: string, args: unknown): PagedAsyncIterableIterator<TItem> {
    const entry = this.entry(operationId);
    const parts = checkWellFormed(entry.operationId, toOperationArguments(entry, args, ["$skiptoken"]));
    const apiVersion = this.versionFor(entry, parts.apiVersion);
    const context = { method: "GET", url: `${this.endpoint}${entry.path}` };
    return createPagedIterator<TItem>({
      origin: this.endpoint,
      abortSignal: parts.abortSignal,
      firstPage: async (maxPageSize, signal) => {
        const query: Record<string, string | number> = { ...parts.query, "api-version": apiVersion };
        if (maxPageSize !== undefined && entry.queryParams.includes("$top")) query.$top = maxPageSize;
        const { data } = await this.send1<unknown>(entry, parts.path, query, undefined, signal).catch((error: unknown) => {
          throw withEnvironmentHint(entry, parts.path, error);
        });
        return { items: readItems<TItem>(data, entry.itemName, context), nextLink: readNextLink(data, entry.nextLinkName, context) };
      },
      nextPage: async (link, signal) => {
        const { data } = await this.getUrl(link, apiVersion, signal);
        return { items: readItems<TItem>(data, entry.itemName, context), nextLink: readNextLink(data, entry.nextLinkName, context) };
      },
    });
  }

  /**
   * GETs a URL the service handed out (a next link, an Operation-Location) exactly as given, after
   * checking it is on the endpoint's origin; `apiVersion` is added only when the URL has none.
   */
  async getUrl(link: string, apiVersion: string, signal: AbortSignal | undefined): Promise<CallResult<unknown>> {
    const url = resolveServiceLink(link, this.endpoint, this.endpoint, this.regionalLinks);
    const result = await this.pipeline.send(createPipelineRequest({ url: withApiVersion(url.href, apiVersion), signal }));
    return { data: result.data, response: asResponse(result) };
  }
}
