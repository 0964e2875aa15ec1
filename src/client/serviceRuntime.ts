/**
 * What both clients share: one openapi-fetch client over the SDK's transport (limiter, token,
 * retries), the api-version defaults, and the two ways a facade method calls the service —
 * `call` for one request and `list` for a paged iterator. It knows operations only through the
 * generated operation table.
 */
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { lazily, type LazyTable, type OperationTable, type TableSource } from "./lazyTables.js";
import type { OperationEntry } from "./tables.js";
import { systemClock, type Clock } from "../core/clock.js";
import { defaultCredential } from "../core/credential.js";
import { createPagedIterator, readItems, type PagedAsyncIterableIterator } from "../core/paging.js";
import { resolveServiceLink } from "../core/serviceLinks.js";
import { isLimiter, type Limiter } from "../core/limiter.js";
import { RateLimiter } from "../core/rateLimiter.js";
import { createTokenCache } from "../core/tokenCache.js";
import { createPipelineRequest } from "../core/pipeline/pipeline.js";
import { createSdkPipeline, type SdkPipeline } from "../core/pipeline/sdkPipeline.js";
import { asResponse, decodedBodyOf, fetchPlainThroughPipeline, fetchThroughPipeline, markSafeToRetry, PlainRequest } from "../core/transport.js";
import type { ServiceDefinition } from "../services/definition.js";
import { resolveService } from "../services/resolve.js";
import { toDownload } from "./download.js";
import { withEnvironmentHint } from "./environmentHint.js";
import { withErrorHint } from "./errorHints.js";
import { ownedQueryParams, pageSizeParam, readListPage } from "./listPaging.js";
import { continuedBody, readPageToken } from "./pageContinuation.js";
import { fillPath } from "./pathTemplate.js";
import { encodeForm } from "./formBody.js";
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
  /** The service's operation table, parsed on the first call that needs it. */
  private readonly operations: LazyTable<OperationTable>;

  constructor(service: ServiceDefinition, operations: TableSource<OperationTable>, rawOptions: ClientOptions | undefined) {
    const options = validateClientOptions(rawOptions);
    const { endpoint, scope } = resolveService(service, options);
    this.endpoint = endpoint;
    this.regionalLinks = service.regionalLinks === true;
    this.clock = options.clock ?? systemClock;
    this.pollIntervalInMs = options.pollIntervalInMs ?? DEFAULT_POLL_INTERVAL_IN_MS;
    this.apiVersion = options.apiVersion;
    this.operations = lazily(operations);
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
    this.typed = createClient<Record<string, never>>({
      baseUrl: endpoint,
      Request: PlainRequest as unknown as typeof Request,
      fetch: fetchPlainThroughPipeline(this.pipeline) as unknown as typeof fetch,
    });
  }

  /** The generated table entry of an operation of this service. */
  entry(operationId: string): OperationEntry {
    const entry = this.operations()[operationId];
    if (!entry) throw new Error(`Unknown operation ${operationId}`);
    return entry;
  }

  private versionFor(entry: OperationEntry, perCall: string | undefined): string {
    return perCall ?? this.apiVersion ?? entry.defaultApiVersion;
  }

  /**
   * Raw-client requests without an api-version get the operation's default (or the client's), and
   * every raw request of a known operation carries its retry safety to the retry policy.
   */
  private apiVersionDefaults(): Middleware {
    let byRoute: Map<string, OperationEntry> | undefined;
    return {
      onRequest: async ({ request, schemaPath }) => {
        byRoute ??= new Map(Object.values(this.operations()).map((e) => [`${e.method.toUpperCase()} ${e.path}`, e]));
        const entry = byRoute.get(`${request.method} ${schemaPath}`);
        if (!entry) return undefined;
        if (new URL(request.url).searchParams.has("api-version")) {
          markSafeToRetry(request, entry.safeToRetry);
          return undefined;
        }
        const body = request.body ? await request.arrayBuffer() : undefined;
        const withVersion = new Request(withApiVersion(request.url, this.versionFor(entry, undefined)), {
          method: request.method,
          headers: request.headers,
          body,
          signal: request.signal,
        });
        markSafeToRetry(withVersion, entry.safeToRetry);
        return withVersion;
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
      throw explained(entry, parts.path, error);
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
    // A form (file upload) goes as bytes with its own content type; openapi-fetch passes it through.
    const form = entry.bodyMedia === "multipart/form-data" && body !== undefined ? await encodeForm(body as Record<string, unknown>, entry.bodyParamTypes) : undefined;
    const formInit = form ? { body: form.bytes, bodySerializer: (bytes: ArrayBuffer) => bytes, headers: { "Content-Type": form.contentType } } : { body };
    const { response } = await (this.typed.request as (m: string, p: string, init: unknown) => Promise<{ response: Response }>)(
      entry.method,
      entry.path,
      // safeToRetry rides on the request (openapi-fetch hands unknown init keys to PlainRequest) for the retry policy.
      // A download asks for its media type, so the pipeline keeps the body as bytes.
      { params: { path, query }, ...formInit, signal, parseAs: "stream", safeToRetry: entry.safeToRetry, ...(entry.download && { headers: { ...formInit.headers, accept: entry.download } }) },
    );
    const decoded = decodedBodyOf(response);
    if (!entry.download) return { data: decoded as T, response };
    // Bytes for a binary type; a text type (text/csv) stays text in the pipeline, so encode it back.
    const bytes = decoded instanceof Uint8Array ? decoded : new TextEncoder().encode(await response.text());
    return { data: (await toDownload(bytes, response.headers)) as T, response };
  }

  /**
   * A paged iterator over a list operation. Arguments are checked now, so bad input throws before
   * iteration (and before any request); the continuation parameters belong to the iterator and are
   * not accepted. A list continues by its next link, or — when the spec says so
   * (`x-ppadmin-paging: {style: bodyToken}`) — by sending the same request again with the answer's token.
   */
  list<TItem>(operationId: string, args: unknown): PagedAsyncIterableIterator<TItem> {
    const entry = this.entry(operationId);
    const parts = checkWellFormed(entry.operationId, toOperationArguments(entry, args, ownedQueryParams(entry)));
    const apiVersion = this.versionFor(entry, parts.apiVersion);
    const context = { method: entry.method.toUpperCase(), url: `${this.endpoint}${entry.path}` };
    const query: Record<string, string | number> = { ...parts.query, "api-version": apiVersion };
    const send = (q: Record<string, string | number>, body: unknown, signal: AbortSignal | undefined) =>
      this.send1<unknown>(entry, parts.path, q, body, signal).catch((error: unknown) => {
        throw explained(entry, parts.path, error);
      });
    const paging = entry.paging;
    if (paging?.style === "bodyToken") {
      // A read sent as POST: each page re-posts the request with the answer's token in the body.
      const page = async (settings: { token?: string; pageSize?: number | undefined }, signal: AbortSignal | undefined) => {
        const { data } = await send(query, continuedBody(paging, parts.body as Record<string, unknown> | undefined, settings), signal);
        return { items: readItems<TItem>(data, entry.itemName, context), nextLink: readPageToken(data, paging.tokenField, context) };
      };
      return createPagedIterator<TItem>({
        origin: this.endpoint,
        abortSignal: parts.abortSignal,
        continuation: "token",
        firstPage: (pageSize, signal) => page({ pageSize }, signal),
        nextPage: (token, signal, pageSize) => page({ token, pageSize }, signal),
      });
    }
    const sizeParam = pageSizeParam(entry);
    return createPagedIterator<TItem>({
      origin: this.endpoint,
      abortSignal: parts.abortSignal,
      firstPage: async (maxPageSize, signal) => {
        const first = { ...query };
        if (maxPageSize !== undefined && sizeParam) first[sizeParam] = maxPageSize;
        const { data } = await send(first, parts.body, signal);
        const search = new URLSearchParams(Object.entries(first).map(([k, v]) => [k, String(v)]));
        return readListPage<TItem>(entry, data, `${this.endpoint}${fillPath(entry.path, parts.path)}?${search}`, context);
      },
      nextPage: async (link, signal) => {
        const { data } = await this.getUrl(link, apiVersion, signal).catch((error: unknown) => {
          throw withErrorHint(entry, error);
        });
        return readListPage<TItem>(entry, data, link, context);
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

/** The error with what the spec and the arguments explain about it (display-name 404s, `x-ppadmin-error-hints`). */
function explained(entry: OperationEntry, path: Readonly<Record<string, string>>, error: unknown): unknown {
  return withErrorHint(entry, withEnvironmentHint(entry, path, error));
}
