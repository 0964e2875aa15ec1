/**
 * The path every request takes, whichever adapter (node:http or msw) received it: latency → route →
 * injected fault (before any state change; a faulted request never reaches the throttle) → bearer
 * token → throttle (so 400s and 404s count as calls) → 404/405 → api-version → body schema → the
 * operation's behaviour or its generic answer. Each request is logged and reported to listeners.
 */
import type { Clock } from "../../core/clock.js";
import { requireApiVersion } from "../operations/apiVersions.js";
import { bodyProblem } from "../operations/bodySchema.js";
import { serveGeneric } from "../operations/genericHandlers.js";
import { serveStatus, startLongRunning } from "../operations/longRunning.js";
import type { Behaviour, OperationCall } from "../operations/operationCall.js";
import type { OperationRouter, RouteInfo } from "../operations/operationRouter.js";
import type { Pager } from "../operations/pageStyles.js";
import type { EmulatorState } from "../tenant/emulatorState.js";
import { bearerTokenOf, unauthenticated } from "./emulatorCredential.js";
import type { EmulatorExchange, EmulatorLogEntry, ExchangeListener } from "./exchangeLog.js";
import type { FaultInjector, FiredFault } from "./faultInjector.js";
import type { SlidingWindowThrottle } from "./slidingThrottle.js";
import { EmulatorHttpError, gatewayError, headersOf, invalidBody, parseBodyText, type WireAnswer, type WireRequest } from "./wire.js";

/** The dispatcher's collaborators. */
export interface DispatcherDeps {
  clock: Clock;
  latencyInMs: number;
  faults: FaultInjector;
  throttle: SlidingWindowThrottle;
  log: EmulatorLogEntry[];
  listeners: Set<ExchangeListener>;
  router: OperationRouter;
  state: EmulatorState;
  pager: Pager;
  baseUrl: string;
  behaviours: ReadonlyMap<string, Behaviour>;
}

/** A cut-off JSON document (what a dropped connection mid-body looks like to a parser). */
const TRUNCATED_JSON = '{"value":[{"name":"3fec9f57-83bc-4fb8-981e-4b6b45aaa2da","id":"/providers/Microsoft.PowerApps/scopes/admin/environments/Default-';

function waitForAbort(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}

function faultAnswer(respond: Exclude<FiredFault["respond"], string>): WireAnswer {
  const headers = { ...respond.headers };
  if (respond.body === undefined || respond.body === null) return { status: respond.status, headers };
  if (typeof respond.body === "string") return { status: respond.status, headers: { "content-type": "text/plain; charset=utf-8", ...headers }, text: respond.body };
  return { status: respond.status, headers, json: respond.body };
}

/** Serializes an answer's body once; the adapters send this text. */
export function answerText(answer: WireAnswer): string | undefined {
  return answer.text ?? (answer.json === undefined ? undefined : JSON.stringify(answer.json));
}

/** Runs requests through the gates and the operations; one per emulator. */
export class Dispatcher {
  private readonly statusOperations = new Set<string>();

  constructor(private readonly deps: DispatcherDeps) {
    for (const route of deps.router.routes) if (route.operation.lro?.statusOperationId) this.statusOperations.add(route.operation.lro.statusOperationId);
  }

  /** Answers one request; `text` is the serialized body the adapter sends. */
  async handle(request: WireRequest): Promise<{ answer: WireAnswer; text: string | undefined }> {
    const { deps } = this;
    const at = deps.state.time.now();
    const match = deps.router.match(request.method, request.url.pathname);
    const route = "route" in match ? match.route : null;
    const token = bearerTokenOf(request.header("authorization"));
    let answer: WireAnswer;
    let fault = false;
    try {
      if (deps.latencyInMs > 0) await deps.clock.sleep(deps.latencyInMs, request.signal);
      const fired = deps.faults.take({ method: request.method, pathname: request.url.pathname, operationId: route?.operation.operationId ?? null });
      fault = fired !== undefined;
      answer = fired ? await this.injected(fired, request) : this.serve(request, match, token);
    } catch {
      // Aborted while waiting: the client is gone; answer as a failed connection.
      answer = { status: 0, drop: true };
    }
    const text = answer.drop ? undefined : answerText(answer);
    deps.log.push({ at, method: request.method, path: request.url.pathname, operationId: route?.operation.operationId ?? null, status: answer.drop ? 0 : answer.status, token, fault });
    if (deps.listeners.size > 0) this.report(request, route, answer, text, fault);
    return { answer, text };
  }

  private async injected(fault: FiredFault, request: WireRequest): Promise<WireAnswer> {
    if (fault.latencyInMs > 0) await this.deps.clock.sleep(fault.latencyInMs, request.signal);
    switch (fault.respond) {
      case "network-error":
        return { status: 0, drop: true };
      case "hang":
        await waitForAbort(request.signal);
        return { status: 0, drop: true };
      case "truncated-json":
        return { status: 200, headers: { "content-type": "application/json; charset=utf-8" }, text: TRUNCATED_JSON };
      default:
        return faultAnswer(fault.respond);
    }
  }

  private serve(request: WireRequest, match: ReturnType<OperationRouter["match"]>, token: string | null): WireAnswer {
    const { deps } = this;
    try {
      if (token === null) throw unauthenticated();
      const decision = deps.throttle.admit(token);
      if (!decision.admitted) {
        const seconds = Math.ceil(decision.retryAfterMs / 1000);
        throw new EmulatorHttpError(429, { error: { code: "TooManyRequests", message: `Rate limit is exceeded. Try again in ${seconds} seconds.` } }, { "Retry-After": String(seconds) });
      }
      const { url } = request;
      if (!("route" in match)) {
        const flat = this.guessRoute(url.pathname)?.gatewayErrors ?? true;
        // 405 only where the path names an operation of the spec under another method (with Allow, RFC 9110 §15.5.6).
        if (match.allowed.length > 0) {
          const error = gatewayError(flat, 405, "MethodNotAllowed", `The method '${request.method}' is not allowed on '${url.pathname}'. Allowed: ${match.allowed.join(", ")}.`);
          throw new EmulatorHttpError(405, error.body, { Allow: match.allowed.join(", ") });
        }
        throw gatewayError(flat, 404, "RouteNotFound", `The route '${url.pathname}' could not be found.`);
      }
      const { route, params } = match;
      const { operation } = route;
      const apiVersion = requireApiVersion(route, url.searchParams);
      let body: unknown;
      if (request.bodyText !== "") {
        try {
          body = JSON.parse(request.bodyText);
        } catch {
          throw invalidBody("The request body is not valid JSON.");
        }
      }
      if (operation.requestBody) {
        if (body === undefined && operation.requestBody.required) throw invalidBody("The request body is required.");
        const problem = body === undefined ? undefined : bodyProblem(operation.requestBody.schema, body);
        if (problem) throw invalidBody(`The request body is not valid: ${problem}.`);
      }
      const call: OperationCall = { route, operation, params, url, body, apiVersion, state: deps.state, pager: deps.pager, baseUrl: deps.baseUrl };
      const generic = (): WireAnswer => {
        if (this.statusOperations.has(operation.operationId)) return serveStatus(call);
        const answer = serveGeneric(call);
        const statusId = operation.lro?.statusOperationId;
        return statusId ? startLongRunning(call, answer, deps.router.route(statusId).operation) : answer;
      };
      const behaviour = deps.behaviours.get(operation.operationId);
      return behaviour ? behaviour(call, generic) : generic();
    } catch (error) {
      if (error instanceof EmulatorHttpError) return error.answer();
      const message = error instanceof Error ? error.message : String(error);
      return { status: 500, json: { error: { code: "InternalServerError", message: `Emulator failure: ${message}` } } };
    }
  }

  /** The route sharing the longest path prefix with an unknown path (which spec it was meant for). */
  private guessRoute(pathname: string): RouteInfo | undefined {
    const segments = pathname.toLowerCase().split("/");
    let best: RouteInfo | undefined;
    let bestLength = 0;
    for (const route of this.deps.router.routes) {
      const parts = route.operation.path.toLowerCase().split("/");
      let i = 1;
      while (i < parts.length && i < segments.length && (parts[i] === segments[i] || parts[i]!.startsWith("{"))) i++;
      if (i > bestLength) [best, bestLength] = [route, i];
    }
    return best;
  }

  private report(request: WireRequest, route: RouteInfo | null, answer: WireAnswer, text: string | undefined, fault: boolean): void {
    const responseHeaders = headersOf(answer);
    const exchange: EmulatorExchange = {
      operationId: route?.operation.operationId ?? null,
      spec: (route ?? this.guessRoute(request.url.pathname))?.spec ?? "",
      method: request.method,
      url: request.url.toString(),
      pathTemplate: route?.operation.path ?? null,
      query: Object.fromEntries(request.url.searchParams),
      requestBody: parseBodyText(request.bodyText),
      status: answer.drop ? 0 : answer.status,
      responseHeaders,
      responseBody: answer.drop || text === undefined ? undefined : parseBodyText(text),
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
