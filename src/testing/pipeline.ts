/**
 * The path every request takes, whichever handler matched it: latency → injected fault (before any
 * state change; a faulted request never reaches the throttle) → bearer token → throttle (so 400s and
 * 404s count as calls) → route and api-version → the operation. Each request is logged and reported to
 * exchange listeners.
 */
import { HttpResponse } from "msw";
import { requireApiVersion } from "./apiVersions.js";
import { bearerTokenOf, unauthenticated } from "./auth.js";
import { EmulatorHttpError, errorResponse, gatewayError } from "./errors.js";
import { parseBodyText, type EmulatorExchange, type EmulatorLogEntry, type ExchangeListener } from "./exchange.js";
import type { FaultInjector, FiredFault } from "./faults.js";
import { routesForPath, type RouteInfo, type SpecName } from "./routes.js";
import type { SlidingWindowThrottle } from "./throttle.js";
import type { EmulatorTime } from "./time.js";
import type { Clock } from "../core/clock.js";

/** What an operation's code gets about its request, after every gate has passed. */
export interface RequestContext {
  request: Request;
  url: URL;
  route: RouteInfo;
  /** Parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
  apiVersion: string;
  token: string;
}

/** An operation's code: returns the answer, or throws an {@link EmulatorHttpError}. */
export type OperationImpl = (ctx: RequestContext) => Response | Promise<Response>;

/** The pipeline's collaborators. */
export interface PipelineDeps {
  clock: Clock;
  time: EmulatorTime;
  latencyInMs: number;
  faults: FaultInjector;
  throttle: SlidingWindowThrottle;
  log: EmulatorLogEntry[];
  listeners: Set<ExchangeListener>;
}

/** A cut-off JSON document (what a dropped connection mid-body looks like to a parser). */
const TRUNCATED_JSON = '{"value":[{"name":"3fec9f57-83bc-4fb8-981e-4b6b45aaa2da","id":"/providers/Microsoft.PowerApps/scopes/admin/environments/Default-';

type Outcome = { response: Response; fault: boolean };

function specOfPath(pathname: string): SpecName {
  return pathname.toLowerCase().startsWith("/providers/") ? "powerapps-admin" : "power-platform";
}

function waitForAbort(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}

function faultResponse(respond: Exclude<FiredFault["respond"], string>): Response {
  const headers = new Headers(respond.headers);
  if (respond.body === undefined || respond.body === null) return new Response(null, { status: respond.status, headers });
  if (typeof respond.body === "string") {
    if (!headers.has("content-type")) headers.set("content-type", "text/plain; charset=utf-8");
    return new Response(respond.body, { status: respond.status, headers });
  }
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  return new Response(JSON.stringify(respond.body), { status: respond.status, headers });
}

/** Runs requests through the gates and the operations; one per emulator. */
export class RequestPipeline {
  constructor(private readonly deps: PipelineDeps) {}

  /** Answers one request. `route`/`impl` are null for a path no operation serves. */
  async handle(request: Request, route: RouteInfo | null, impl: OperationImpl | null): Promise<Response> {
    const { deps } = this;
    const at = deps.time.now();
    const url = new URL(request.url);
    const requestText = await request.clone().text().catch(() => "");
    const body = parseBodyText(requestText);
    const token = bearerTokenOf(request);
    let outcome: Outcome;
    try {
      if (deps.latencyInMs > 0) await deps.clock.sleep(deps.latencyInMs, request.signal);
      const fault = deps.faults.take({ method: request.method, pathname: url.pathname, operationId: route?.entry.operationId ?? null });
      outcome = fault ? { response: await this.injected(fault, request), fault: true } : { response: await this.serve(request, url, route, impl, body, token), fault: false };
    } catch {
      // Aborted while waiting: the client is gone; answer as a failed connection.
      outcome = { response: HttpResponse.error(), fault: false };
    }
    await this.record(at, request, url, route, body, token, outcome);
    return outcome.response;
  }

  private async injected(fault: FiredFault, request: Request): Promise<Response> {
    if (fault.latencyInMs > 0) await this.deps.clock.sleep(fault.latencyInMs, request.signal);
    switch (fault.respond) {
      case "network-error":
        return HttpResponse.error();
      case "hang":
        await waitForAbort(request.signal);
        return HttpResponse.error();
      case "truncated-json":
        return new Response(TRUNCATED_JSON, { status: 200, headers: { "content-type": "application/json; charset=utf-8" } });
      default:
        return faultResponse(fault.respond);
    }
  }

  private async serve(request: Request, url: URL, route: RouteInfo | null, impl: OperationImpl | null, body: unknown, token: string | null): Promise<Response> {
    try {
      if (token === null) throw unauthenticated();
      const decision = this.deps.throttle.admit(token);
      if (!decision.admitted) {
        const seconds = Math.ceil(decision.retryAfterMs / 1000);
        throw new EmulatorHttpError(
          429,
          { error: { code: "TooManyRequests", message: `Rate limit is exceeded. Try again in ${seconds} seconds.` } },
          { "Retry-After": String(seconds) },
        );
      }
      if (!route || !impl) {
        const known = routesForPath(url.pathname);
        if (known.length > 0) {
          throw gatewayError(405, "MethodNotAllowed", `The method '${request.method}' is not allowed on '${url.pathname}'. Allowed: ${known.map((r) => r.entry.method.toUpperCase()).join(", ")}.`);
        }
        throw gatewayError(404, "RouteNotFound", `The route '${url.pathname}' could not be found.`);
      }
      const apiVersion = requireApiVersion(route, url.searchParams);
      return await impl({ request, url, route, body, apiVersion, token });
    } catch (error) {
      if (error instanceof EmulatorHttpError) return errorResponse(error);
      const message = error instanceof Error ? error.message : String(error);
      return Response.json({ error: { code: "InternalServerError", message: `Emulator failure: ${message}` } }, { status: 500 });
    }
  }

  private async record(at: number, request: Request, url: URL, route: RouteInfo | null, requestBody: unknown, token: string | null, outcome: Outcome): Promise<void> {
    const { response, fault } = outcome;
    const status = response.type === "error" ? 0 : response.status;
    const operationId = route?.entry.operationId ?? null;
    this.deps.log.push({ at, method: request.method, path: url.pathname, operationId, status, token, fault });
    if (this.deps.listeners.size === 0) return;
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => (responseHeaders[name.toLowerCase()] = value));
    const exchange: EmulatorExchange = {
      operationId,
      spec: route?.spec ?? specOfPath(url.pathname),
      method: request.method,
      url: request.url,
      pathTemplate: route?.entry.path ?? null,
      query: Object.fromEntries(url.searchParams),
      requestBody,
      status,
      responseHeaders,
      responseBody: status === 0 ? undefined : parseBodyText(await response.clone().text()),
      fault,
    };
    for (const listener of this.deps.listeners) {
      try {
        listener(exchange);
      } catch (error) {
        // A failing observer must not change the answer; surface it as an uncaught error instead.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
