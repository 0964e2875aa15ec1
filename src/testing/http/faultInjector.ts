/**
 * Fault injection: the next N requests that match get a scripted answer instead of the real one. The
 * check runs before any state change, so an injected failure leaves the tenant untouched.
 */

/** Which requests a fault applies to; every given field must match. */
export interface FaultMatch {
  /** Operation id from the spec (its `operationId`). */
  operationId?: string;
  /** HTTP method, any case. */
  method?: string;
  /** A pathname prefix, or a RegExp tested against the pathname. */
  path?: string | RegExp;
}

/** A scripted HTTP answer. An object body is sent as JSON; a string body as is. */
export interface FaultResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * What a fault does: answer with a {@link FaultResponse}; fail the connection (`network-error`);
 * never answer until the request is aborted (`hang`); or send 200 with JSON cut off mid-way
 * (`truncated-json`).
 */
export type FaultAction = FaultResponse | "network-error" | "hang" | "truncated-json";

/** Arguments of {@link FaultInjector.add}. */
export interface FaultSpec {
  /** Which requests; omitted = every request. */
  match?: FaultMatch;
  /** How many matching requests get the fault. Default 1; `Infinity` for all. */
  times?: number;
  respond: FaultAction;
  /** Delay (emulator-clock ms) before the fault's answer. */
  latencyInMs?: number;
}

/** A registered fault, returned by {@link FaultInjector.add}. */
export interface FaultHandle {
  readonly id: number;
  /** Times the fault has fired so far. */
  readonly fired: number;
  /** Unregisters the fault. */
  remove(): void;
}

/** One line of {@link FaultInjector.report}. */
export interface FaultReportEntry {
  id: number;
  match: FaultMatch;
  /** `status 503`, `network-error`, `hang` or `truncated-json`. */
  respond: string;
  times: number;
  fired: number;
  remaining: number;
}

/** The request facts a fault is matched against. */
export interface FaultTarget {
  method: string;
  pathname: string;
  operationId: string | null;
}

/** A fault that fired for one request. */
export interface FiredFault {
  id: number;
  respond: FaultAction;
  latencyInMs: number;
}

interface Registered {
  id: number;
  spec: FaultSpec;
  times: number;
  fired: number;
}

function describeAction(action: FaultAction): string {
  return typeof action === "string" ? action : `status ${action.status}`;
}

function matches(match: FaultMatch | undefined, target: FaultTarget): boolean {
  if (!match) return true;
  if (match.operationId !== undefined && match.operationId !== target.operationId) return false;
  if (match.method !== undefined && match.method.toUpperCase() !== target.method.toUpperCase()) return false;
  if (typeof match.path === "string" && !target.pathname.startsWith(match.path)) return false;
  if (match.path instanceof RegExp) {
    match.path.lastIndex = 0;
    if (!match.path.test(target.pathname)) return false;
  }
  return true;
}

/** The emulator's fault registry (`emulator.faults`). Faults are tried in the order they were added. */
export class FaultInjector {
  private faults: Registered[] = [];
  private nextId = 1;

  /** Registers a fault; the next `times` matching requests get `respond`. */
  add(spec: FaultSpec): FaultHandle {
    const times = spec.times ?? 1;
    if (!(times >= 1)) throw new RangeError(`fault times must be >= 1, got ${times}`);
    const registered: Registered = { id: this.nextId++, spec, times, fired: 0 };
    this.faults.push(registered);
    return {
      id: registered.id,
      get fired() {
        return registered.fired;
      },
      remove: () => {
        this.faults = this.faults.filter((f) => f !== registered);
      },
    };
  }

  /** Every registered fault with how often it fired, in registration order. */
  report(): FaultReportEntry[] {
    return this.faults.map((f) => ({
      id: f.id,
      match: { ...f.spec.match },
      respond: describeAction(f.spec.respond),
      times: f.times,
      fired: f.fired,
      remaining: f.times - f.fired,
    }));
  }

  /** Removes every fault. */
  clear(): void {
    this.faults = [];
  }

  /** The first fault with shots left that matches `target`, consuming one shot; used by the pipeline. */
  take(target: FaultTarget): FiredFault | undefined {
    const hit = this.faults.find((f) => f.fired < f.times && matches(f.spec.match, target));
    if (!hit) return undefined;
    hit.fired++;
    return { id: hit.id, respond: hit.spec.respond, latencyInMs: hit.spec.latencyInMs ?? 0 };
  }
}

function errorEnvelope(code: string, message: string): unknown {
  return { error: { code, message } };
}

/** Ready-made {@link FaultResponse}s for the failures clients must survive. */
export const faultResponses = {
  /** 429 with `Retry-After` in whole seconds, or as an HTTP date when given a `Date`. */
  tooManyRequests(retryAfter: number | Date = 1): FaultResponse {
    const header = retryAfter instanceof Date ? retryAfter.toUTCString() : String(Math.ceil(retryAfter));
    const wait = retryAfter instanceof Date ? `until ${header}` : `in ${header} seconds`;
    return {
      status: 429,
      headers: { "Retry-After": header },
      body: errorEnvelope("TooManyRequests", `Rate limit is exceeded. Try again ${wait}.`),
    };
  },
  /** 500, 502, 503 or 504 with the service error envelope; 503 may carry `Retry-After` seconds. */
  serverError(status: 500 | 502 | 503 | 504 = 500, retryAfterSeconds?: number): FaultResponse {
    const codes = { 500: "InternalServerError", 502: "BadGateway", 503: "ServiceUnavailable", 504: "GatewayTimeout" } as const;
    return {
      status,
      ...(retryAfterSeconds === undefined ? {} : { headers: { "Retry-After": String(Math.ceil(retryAfterSeconds)) } }),
      body: errorEnvelope(codes[status], `The service answered ${status} (${codes[status]}), injected by the emulator.`),
    };
  },
  /** An HTML error page, as proxies and load balancers send (default 502). */
  html(status = 502, html = `<!DOCTYPE html><html><head><title>${status}</title></head><body><h1>${status} - Web server received an invalid response while acting as a gateway or proxy server.</h1></body></html>`): FaultResponse {
    return { status, headers: { "Content-Type": "text/html; charset=utf-8" }, body: html };
  },
  /** A response with no body at all (default 500). */
  empty(status = 500): FaultResponse {
    return { status };
  },
};
