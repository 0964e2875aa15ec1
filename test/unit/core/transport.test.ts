import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PowerPlatformError } from "../../../src/core/errors.js";
import { createManualClock } from "../../../src/core/manualClock.js";
import { RateLimiter } from "../../../src/core/rateLimiter.js";
import { createSdkFetch, decodedBodyOf, SDK_VERSION, type LogEvent, type SdkFetchOptions } from "../../../src/core/transport.js";

const SCOPE = "https://api.powerplatform.com/.default";
const TOKEN = "SECRET-TOKEN-abc123";
const URL_ = "https://api.powerplatform.com/licensing/billingPolicies?api-version=2024-10-01";
const WALL = Date.UTC(2026, 10, 23, 12, 0, 0);

type Step = Response | Error | ((request: Request, signal: AbortSignal | undefined) => Response | Promise<Response>);

/** A fetch that records every request it gets and answers from a script, one step per call. */
function recordingFetch(script: Step[]) {
  const requests: Request[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    // A snapshot of what was sent (the pipeline reuses its headers on a re-send).
    const request = new Request(input, init);
    requests.push(request);
    const step = script.shift();
    if (step === undefined) throw new Error(`unexpected fetch #${requests.length}`);
    if (step instanceof Error) throw step;
    if (step instanceof Response) return step;
    return step(request, init?.signal ?? undefined);
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

function setup(script: Step[], overrides: Partial<SdkFetchOptions> = {}) {
  const clock = createManualClock();
  const limiter = new RateLimiter({ clock });
  const events: LogEvent[] = [];
  const tokenCalls: { scope: string; claims: string | undefined }[] = [];
  const tokens = {
    getToken: async (scope: string, options?: { claims?: string }) => {
      tokenCalls.push({ scope, claims: options?.claims });
      return options?.claims ? `${TOKEN}-with-claims` : TOKEN;
    },
  };
  const recorder = recordingFetch(script);
  const sdkFetch = createSdkFetch({
    scope: SCOPE,
    tokens,
    limiter,
    clock,
    now: () => WALL,
    random: () => 1, // backoff without jitter: 800, 1600, 3200 ms
    fetch: recorder.fetch,
    logger: (event) => events.push(event),
    ...overrides,
  });
  return { clock, limiter, events, tokenCalls, sdkFetch, requests: recorder.requests };
}

const ok = (body: unknown = { value: [] }) =>
  new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
const status = (code: number, headers: Record<string, string> = {}, body = "") => new Response(body || null, { status: code, headers });
const always = (make: () => Response) => Array.from({ length: 20 }, () => () => make());
const networkError = (code: string) =>
  new TypeError("fetch failed", { cause: Object.assign(new Error(`connect ${code} 10.1.2.3:443`), { code }) });

/** Starts a call and keeps its outcome observable without an unhandled rejection. */
function start(promise: Promise<Response>) {
  const outcome: { settled: boolean; value?: Response; error?: unknown } = { settled: false };
  promise.then(
    (value) => Object.assign(outcome, { settled: true, value }),
    (error: unknown) => Object.assign(outcome, { settled: true, error }),
  );
  return outcome;
}

/**
 * Runs a call while moving the manual clock forward by `advanceMs` (0: no time may pass), then
 * returns its outcome. A regression that retries or waits shows up as a failed assertion, not a hang.
 */
async function outcomeOf(clock: ReturnType<typeof createManualClock>, promise: Promise<Response>, advanceMs = 0) {
  const outcome = start(promise);
  await clock.advance(advanceMs);
  expect(outcome.settled, "the call should have finished").toBe(true);
  return outcome;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("sdkFetch: a successful call", () => {
  it("sends the bearer token, Accept, a client request id and the User-Agent, and returns the buffered body", async () => {
    const { sdkFetch, requests } = setup([ok({ value: [1, 2] })], { userAgent: "my-tool/2.0" });
    const response = await sdkFetch(new Request(URL_));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ value: [1, 2] });
    expect(decodedBodyOf(response)).toEqual({ value: [1, 2] });

    const sent = requests[0]!;
    expect(sent.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(sent.headers.get("accept")).toBe("application/json");
    expect(sent.headers.get("x-ms-client-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent.headers.get("user-agent")).toBe(`power-platform-admin/${SDK_VERSION} node/${process.versions.node} my-tool/2.0`);
  });

  it("reads an empty 200 as no data and passes a 204 through", async () => {
    const { sdkFetch } = setup([new Response("", { status: 200 }), new Response(null, { status: 204 })]);
    const empty = await sdkFetch(new Request(URL_, { method: "POST", body: "{}" }));
    expect(await empty.text()).toBe("");
    expect(decodedBodyOf(empty)).toBeUndefined();
    const noContent = await sdkFetch(new Request(URL_, { method: "DELETE" }));
    expect(noContent.status).toBe(204);
    expect(noContent.body).toBeNull();
  });

  it("looks up globalThis.fetch at call time, so an interceptor installed later still applies", async () => {
    const { sdkFetch } = setup([], { fetch: undefined });
    const late = vi.fn(async () => ok({ late: true }));
    vi.stubGlobal("fetch", late);
    expect(await (await sdkFetch(new Request(URL_))).json()).toEqual({ late: true });
    expect(late).toHaveBeenCalledTimes(1);
  });

  it("sends the original body on every attempt", async () => {
    const { sdkFetch, requests, clock } = setup([status(429, { "retry-after": "1" }), ok()]);
    const call = start(sdkFetch(new Request(URL_, { method: "POST", body: '{"name":"p"}' })));
    await clock.advance(1000);
    expect(call.value?.status).toBe(200);
    expect(await Promise.all(requests.map((r) => r.text()))).toEqual(['{"name":"p"}', '{"name":"p"}']);
  });
});

describe("sdkFetch: which failures are retried", () => {
  it("retries a GET on 503 after the backoff delay, then succeeds (3 fetch calls)", async () => {
    const { sdkFetch, requests, clock } = setup([status(503), status(503), ok()]);
    const call = start(sdkFetch(new Request(URL_)));
    await clock.advance(799);
    expect(requests).toHaveLength(1);
    await clock.advance(1); // first backoff: 800 ms
    expect(requests).toHaveLength(2);
    await clock.advance(1600); // second backoff: 1600 ms
    expect(requests).toHaveLength(3);
    expect(call.value?.status).toBe(200);
    // One client request id per logical call, the same on every retry.
    expect(new Set(requests.map((r) => r.headers.get("x-ms-client-request-id"))).size).toBe(1);
  });

  it("does not retry a POST on 503: the service may have acted", async () => {
    const { sdkFetch, requests, clock } = setup([status(503), ok()]);
    const { error } = await outcomeOf(clock, sdkFetch(new Request(URL_, { method: "POST", body: "{}" })), 60_000);
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(error).toMatchObject({ status: 503, code: "ServiceUnavailable", method: "POST" });
    expect(requests).toHaveLength(1);
  });

  it("does not retry a POST after a mid-flight network error (connection reset)", async () => {
    const failure = networkError("ECONNRESET");
    const { sdkFetch, requests, clock } = setup([failure, ok()]);
    const { error } = await outcomeOf(clock, sdkFetch(new Request(URL_, { method: "POST", body: "{}" })), 60_000);
    expect(error).toMatchObject({ status: 0, code: "NetworkError", cause: failure });
    expect((error as Error).message).toContain("ECONNRESET");
    expect(requests).toHaveLength(1);
  });

  it("retries a GET after a mid-flight network error", async () => {
    const { sdkFetch, requests, clock } = setup([networkError("ECONNRESET"), ok()]);
    const call = start(sdkFetch(new Request(URL_)));
    await clock.advance(800);
    expect(call.value?.status).toBe(200);
    expect(requests).toHaveLength(2);
  });

  it("retries a POST on 429, after exactly the Retry-After", async () => {
    const { sdkFetch, requests, clock } = setup([status(429, { "retry-after": "2" }), ok()]);
    const call = start(sdkFetch(new Request(URL_, { method: "POST", body: "{}" })));
    await clock.advance(1999);
    expect(requests).toHaveLength(1);
    await clock.advance(1);
    expect(requests).toHaveLength(2);
    expect(call.value?.status).toBe(200);
  });

  it("retries a POST when the connection was refused (nothing was sent)", async () => {
    const { sdkFetch, requests, clock } = setup([networkError("ECONNREFUSED"), ok()]);
    const call = start(sdkFetch(new Request(URL_, { method: "POST", body: "{}" })));
    await clock.advance(800);
    expect(call.value?.status).toBe(200);
    expect(requests).toHaveLength(2);
  });

  it("honours Retry-After on a 503 instead of the backoff", async () => {
    const { sdkFetch, requests, clock } = setup([status(503, { "retry-after": "5" }), ok()]);
    const call = start(sdkFetch(new Request(URL_)));
    await clock.advance(4999);
    expect(requests).toHaveLength(1);
    await clock.advance(1);
    expect(call.value?.status).toBe(200);
  });

  it("honours an HTTP-date Retry-After against the wall clock", async () => {
    const at = new Date(WALL + 3000).toUTCString();
    const { sdkFetch, requests, clock } = setup([status(429, { "retry-after": at }), ok()]);
    start(sdkFetch(new Request(URL_)));
    await clock.advance(2999);
    expect(requests).toHaveLength(1);
    await clock.advance(1);
    expect(requests).toHaveLength(2);
  });

  it("does not retry 400, 401, 403, 404 or 409", async () => {
    for (const code of [400, 401, 403, 404, 409]) {
      const { sdkFetch, requests, clock } = setup([status(code), ok()]);
      const { error } = await outcomeOf(clock, sdkFetch(new Request(URL_)), 60_000);
      expect(error).toMatchObject({ status: code });
      expect(requests).toHaveLength(1);
    }
  });
});

describe("sdkFetch: bounds", () => {
  it("makes maxRetries + 1 attempts, then throws the last error with its status and code", async () => {
    const { sdkFetch, requests, clock } = setup(always(() => status(503, {}, '{"error":{"code":"Busy","message":"try later"}}')));
    const call = start(sdkFetch(new Request(URL_)));
    await clock.advance(800 + 1600 + 3200);
    expect(requests).toHaveLength(4);
    expect(call.error).toBeInstanceOf(PowerPlatformError);
    expect(call.error).toMatchObject({ status: 503, code: "Busy" });
  });

  it("respects a smaller maxRetries", async () => {
    const { sdkFetch, requests, clock } = setup(always(() => status(500)), { retry: { maxRetries: 1 } });
    const call = start(sdkFetch(new Request(URL_)));
    await clock.advance(10_000);
    expect(requests).toHaveLength(2);
    expect(call.error).toMatchObject({ status: 500, code: "InternalServerError" });
  });

  it("gives up at once with Throttled when Retry-After exceeds maxRetryDelayInMs", async () => {
    const { sdkFetch, requests, clock } = setup([status(429, { "retry-after": "3600" }), ok()]);
    const { error } = await outcomeOf(clock, sdkFetch(new Request(URL_)));
    expect(error).toMatchObject({ status: 429, code: "Throttled", retryAfterInMs: 3_600_000 });
    expect(requests).toHaveLength(1);
  });

  it("ends with Throttled when 429s outlast the retries", async () => {
    const { sdkFetch, clock } = setup(always(() => status(429, { "retry-after": "1" })));
    const call = start(sdkFetch(new Request(URL_)));
    await clock.advance(3000);
    expect(call.error).toMatchObject({ status: 429, code: "Throttled", retryAfterInMs: 1000 });
  });

  it("times out an attempt after tryTimeoutInMs, retries a GET, and finally reports Timeout", async () => {
    const hang: Step = (_request, signal) =>
      new Promise<Response>((_, reject) => signal?.addEventListener("abort", () => reject(signal.reason)));
    const { sdkFetch, requests, clock } = setup([hang, hang], { tryTimeoutInMs: 10_000, retry: { maxRetries: 1 } });
    const call = start(sdkFetch(new Request(URL_)));
    await clock.advance(10_000);
    expect(requests).toHaveLength(1);
    await clock.advance(800);
    expect(requests).toHaveLength(2);
    await clock.advance(10_000);
    expect(call.error).toMatchObject({ status: 0, code: "Timeout" });
  });

  it("times out even a fetch that ignores its signal", async () => {
    const { sdkFetch, clock } = setup([() => new Promise<Response>(() => undefined)], { tryTimeoutInMs: 5000, retry: { maxRetries: 0 } });
    const call = start(sdkFetch(new Request(URL_)));
    await clock.advance(5000);
    expect(call.error).toMatchObject({ code: "Timeout" });
  });
});

describe("sdkFetch: unusable 2xx bodies", () => {
  const truncated = () => new Response('{"value":[{"id":', { status: 200, headers: { "content-type": "application/json" } });
  const brokenStream = () =>
    new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"value":'));
          controller.error(Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }));
        },
      }),
      { status: 200, headers: { "content-type": "application/json" } },
    );

  it("retries a GET whose JSON body is truncated", async () => {
    const { sdkFetch, requests, clock } = setup([truncated(), ok({ value: [] })]);
    const call = start(sdkFetch(new Request(URL_)));
    await clock.advance(800);
    expect(requests).toHaveLength(2);
    expect(await call.value?.json()).toEqual({ value: [] });
  });

  it("retries a GET whose body stream fails midway", async () => {
    const { sdkFetch, requests, clock } = setup([brokenStream(), ok()]);
    const call = start(sdkFetch(new Request(URL_)));
    await clock.advance(800);
    expect(requests).toHaveLength(2);
    expect(call.value?.status).toBe(200);
  });

  it("does not retry a POST with a truncated body: InvalidResponse", async () => {
    const { sdkFetch, requests, clock } = setup([truncated(), ok()]);
    const { error } = await outcomeOf(clock, sdkFetch(new Request(URL_, { method: "POST", body: "{}" })), 60_000);
    expect(error).toMatchObject({ status: 200, code: "InvalidResponse" });
    expect(requests).toHaveLength(1);
  });

  it("accepts a non-JSON 2xx body as it is when the request did not ask for JSON", async () => {
    const { sdkFetch } = setup([new Response("plain", { status: 200, headers: { "content-type": "text/plain" } })]);
    expect(await (await sdkFetch(new Request(URL_, { headers: { accept: "text/plain" } }))).text()).toBe("plain");
  });

  it("refuses a 2xx that is not the JSON asked for (a proxy's sign-in page): InvalidResponse, retried for a GET", async () => {
    const page = () => new Response("<html>sign in</html>", { status: 200, headers: { "content-type": "text/html" } });
    const { sdkFetch, requests, clock } = setup(always(page), { retry: { maxRetries: 1 } });
    const { error } = await outcomeOf(clock, sdkFetch(new Request(URL_)), 60_000);
    expect(error).toMatchObject({ status: 200, code: "InvalidResponse" });
    expect((error as Error).message).toContain("text/html");
    expect(requests).toHaveLength(2);
  });
});

describe("sdkFetch: the limiter", () => {
  it("pauses the shared limiter for everyone on a 429", async () => {
    const { sdkFetch, limiter, clock } = setup([status(429, { "retry-after": "10" }), ok()]);
    start(sdkFetch(new Request(URL_)));
    await clock.advance(0);
    // Another client sharing the limiter now waits too.
    let otherAt: number | undefined;
    void limiter.acquire().then((release) => {
      otherAt = clock.now();
      release();
    });
    await clock.advance(9999);
    expect(otherAt).toBeUndefined();
    await clock.advance(1);
    expect(otherAt).toBe(10_000);
  });

  it("takes a new limiter slot for every retry", async () => {
    const clock = createManualClock();
    const limiter = new RateLimiter({ limit: 1, windowInMs: 60_000, safetyMarginInMs: 0, clock });
    const { sdkFetch, requests } = setup([status(503), ok()], { clock, limiter });
    const call = start(sdkFetch(new Request(URL_)));
    await clock.advance(59_999); // the backoff (800 ms) is long over, but the window is full
    expect(requests).toHaveLength(1);
    await clock.advance(1);
    expect(requests).toHaveLength(2);
    expect(call.value?.status).toBe(200);
  });

  it("releases the concurrency slot when the call ends", async () => {
    const { sdkFetch, limiter } = setup([ok(), status(404)]);
    await sdkFetch(new Request(URL_));
    await sdkFetch(new Request(URL_)).catch(() => undefined);
    expect(limiter.active).toBe(0);
  });

  it("works without a limiter", async () => {
    const { sdkFetch } = setup([ok()], { limiter: false });
    expect((await sdkFetch(new Request(URL_))).status).toBe(200);
  });
});

describe("sdkFetch: authentication", () => {
  it.each(["http://example.com/apps", "ftp://example.com/apps"])(
    "refuses to send a token to %s: TypeError before any token or fetch",
    async (url) => {
      const { sdkFetch, requests, tokenCalls } = setup([ok()]);
      await expect(sdkFetch(new Request(url))).rejects.toBeInstanceOf(TypeError);
      expect(requests).toHaveLength(0);
      expect(tokenCalls).toHaveLength(0);
    },
  );

  it("allows plain http to a loopback emulator", async () => {
    const { sdkFetch, requests } = setup([ok(), ok()]);
    await sdkFetch(new Request("http://127.0.0.1:4010/apps"));
    await sdkFetch(new Request("http://localhost:4010/apps"));
    expect(requests).toHaveLength(2);
  });

  it("asks for the client's scope", async () => {
    const { sdkFetch, tokenCalls } = setup([ok()]);
    await sdkFetch(new Request(URL_));
    expect(tokenCalls).toEqual([{ scope: SCOPE, claims: undefined }]);
  });

  it("gets the token before taking a limiter slot, so a slow credential never sits between the dispatch stamp and the send", async () => {
    const clock = createManualClock();
    const limiter = new RateLimiter({ clock });
    const tokens = { getToken: () => clock.sleep(5_000).then(() => TOKEN) };
    const { fetch, requests } = recordingFetch([ok()]);
    const call = start(createSdkFetch({ scope: SCOPE, tokens, limiter, clock, fetch })(new Request(URL_)));
    await clock.advance(4_999);
    expect(limiter.active).toBe(0); // no slot is held while the credential works
    await clock.advance(1);
    expect(call.settled).toBe(true);
    expect(requests).toHaveLength(1);
  });

  it("answers a 401 claims challenge with one fresh token carrying the claims and one re-send", async () => {
    const claims = '{"access_token":{"nbf":{"essential":true,"value":"1726161576"}}}';
    const challenge = `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="${btoa(claims)}"`;
    const { sdkFetch, requests, tokenCalls } = setup([status(401, { "www-authenticate": challenge }), ok()]);
    const response = await sdkFetch(new Request(URL_, { method: "POST", body: "{}" }));
    expect(response.status).toBe(200);
    expect(tokenCalls).toEqual([
      { scope: SCOPE, claims: undefined },
      { scope: SCOPE, claims },
    ]);
    expect(requests.map((r) => r.headers.get("authorization"))).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}-with-claims`]);
  });

  it("answers only one claims challenge per call", async () => {
    const challenge = `Bearer error="insufficient_claims", claims="${btoa("{}")}"`;
    const { sdkFetch, requests, clock } = setup([
      status(401, { "www-authenticate": challenge }),
      status(401, { "www-authenticate": challenge }),
      ok(),
    ]);
    const { error } = await outcomeOf(clock, sdkFetch(new Request(URL_)), 60_000);
    expect(error).toMatchObject({ status: 401, code: "Unauthorized" });
    expect(requests).toHaveLength(2);
  });

  it("treats a 401 without claims as final", async () => {
    const { sdkFetch, requests, clock } = setup([status(401, { "www-authenticate": 'Bearer error="invalid_token"' }), ok()]);
    const { error } = await outcomeOf(clock, sdkFetch(new Request(URL_)), 60_000);
    expect(error).toMatchObject({ status: 401, code: "Unauthorized" });
    expect(requests).toHaveLength(1);
  });

  it("reports a credential failure as AuthenticationFailed without sending anything", async () => {
    const cause = new Error("CredentialUnavailableError: no credential in the chain worked");
    const { sdkFetch, requests, clock } = setup([ok()], { tokens: { getToken: () => Promise.reject(cause) } });
    const { error } = await outcomeOf(clock, sdkFetch(new Request(URL_)), 60_000);
    expect(error).toMatchObject({ status: 0, code: "AuthenticationFailed", cause });
    expect(requests).toHaveLength(0);
  });

  it("retries a transient token failure, even for a POST (nothing was sent)", async () => {
    let calls = 0;
    const tokens = { getToken: async () => (++calls === 1 ? Promise.reject(networkError("ETIMEDOUT")) : TOKEN) };
    const { sdkFetch, requests, clock } = setup([ok()], { tokens });
    const call = start(sdkFetch(new Request(URL_, { method: "POST", body: "{}" })));
    await clock.advance(800);
    expect(call.value?.status).toBe(200);
    expect(requests).toHaveLength(1);
  });
});

describe("sdkFetch: cancellation", () => {
  it("rejects at once for an already-aborted signal, sending nothing", async () => {
    const { sdkFetch, requests } = setup([ok()]);
    await expect(sdkFetch(new Request(URL_, { signal: AbortSignal.abort() }))).rejects.toMatchObject({ name: "AbortError" });
    expect(requests).toHaveLength(0);
  });

  it("rejects promptly with the abort reason during a retry delay", async () => {
    const { sdkFetch, requests, clock } = setup([status(503, { "retry-after": "30" }), ok()]);
    const controller = new AbortController();
    const call = start(sdkFetch(new Request(URL_, { signal: controller.signal })));
    await clock.advance(1000);
    controller.abort();
    await clock.advance(0);
    expect(call.error).toMatchObject({ name: "AbortError" });
    expect(requests).toHaveLength(1);
    expect(clock.now()).toBe(1000);
  });

  it("rejects promptly while waiting for the limiter", async () => {
    const clock = createManualClock();
    const limiter = new RateLimiter({ limit: 1, windowInMs: 60_000, safetyMarginInMs: 0, clock });
    (await limiter.acquire())();
    const { sdkFetch, requests } = setup([ok()], { clock, limiter });
    const controller = new AbortController();
    const call = start(sdkFetch(new Request(URL_, { signal: controller.signal })));
    await clock.advance(100);
    expect(limiter.pending).toBe(1);
    controller.abort(new DOMException("user cancelled", "AbortError"));
    await clock.advance(0);
    expect(call.error).toMatchObject({ name: "AbortError", message: "user cancelled" });
    expect(limiter.pending).toBe(0);
    expect(requests).toHaveLength(0);
  });

  it("rejects promptly while the request is in flight, and does not retry", async () => {
    const hang: Step = () => new Promise<Response>(() => undefined);
    const { sdkFetch, requests, clock } = setup([hang]);
    const controller = new AbortController();
    const call = start(sdkFetch(new Request(URL_, { signal: controller.signal })));
    await clock.advance(0);
    controller.abort();
    await clock.advance(0);
    expect(call.error).toMatchObject({ name: "AbortError" });
    expect(requests).toHaveLength(1);
  });
});

describe("sdkFetch: logging and secrets", () => {
  it("logs request, response, retry and error events with redacted URLs", async () => {
    const url = "https://api.powerapps.com/apps?api-version=2016-11-01&$skiptoken=SKIP-SECRET";
    const { sdkFetch, events, clock } = setup([status(503), status(404)]);
    const call = start(sdkFetch(new Request(url)));
    await clock.advance(800);
    expect(call.error).toBeInstanceOf(PowerPlatformError);
    const safe = "https://api.powerapps.com/apps?api-version=2016-11-01&$skiptoken=REDACTED";
    expect(events).toEqual([
      { type: "request", method: "GET", url: safe, attempt: 1 },
      { type: "response", method: "GET", url: safe, attempt: 1, status: 503, durationInMs: 0 },
      { type: "retry", method: "GET", url: safe, attempt: 1, status: 503, code: "ServiceUnavailable", delayInMs: 800 },
      { type: "request", method: "GET", url: safe, attempt: 2 },
      { type: "response", method: "GET", url: safe, attempt: 2, status: 404, durationInMs: 0 },
      { type: "error", method: "GET", url: safe, attempt: 2, status: 404, code: "NotFound", durationInMs: 0 },
    ]);
  });

  it("never lets the token or Authorization header reach a log event or an error", async () => {
    const cases: Step[][] = [
      [status(400, {}, `{"error":{"code":"Bad","message":"bad"}}`)],
      [status(429, { "retry-after": "9999" })],
      [networkError("ECONNRESET")],
      [new Response('{"trunc', { status: 200, headers: { "content-type": "application/json" } })],
      [status(401, { "www-authenticate": `Bearer claims="${btoa("{}")}"` }), status(401)],
    ];
    for (const script of cases) {
      const { sdkFetch, events, clock } = setup(script, { retry: { maxRetries: 0 } });
      const { error } = await outcomeOf(clock, sdkFetch(new Request(URL_, { method: "POST", body: "{}" })));
      expect(error).toBeInstanceOf(PowerPlatformError);
      for (const text of [JSON.stringify(events), (error as Error).message, JSON.stringify(error), String(error)]) {
        expect(text).not.toContain(TOKEN);
        expect(text.toLowerCase()).not.toContain("bearer");
      }
    }
  });

  it("a throwing logger does not break the call", async () => {
    const { sdkFetch } = setup([ok()], {
      logger: () => {
        throw new Error("logger broke");
      },
    });
    expect((await sdkFetch(new Request(URL_))).status).toBe(200);
  });
});

describe("createSdkFetch: options", () => {
  it("validates retry options and tryTimeoutInMs when created", () => {
    const base = { scope: SCOPE, tokens: { getToken: async () => TOKEN } };
    expect(() => createSdkFetch({ ...base, retry: { maxRetries: -1 } })).toThrow(RangeError);
    expect(() => createSdkFetch({ ...base, tryTimeoutInMs: 0 })).toThrow(RangeError);
  });

  it("SDK_VERSION matches package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
    expect(SDK_VERSION).toBe(pkg.version);
  });
});
