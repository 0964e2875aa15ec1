/**
 * The ten hostile answers of issue 7, each met by a typed error that carries no secret and never a
 * silently lost item: every test drives a real client over a scripted `fetch` (or the token cache
 * directly) and checks what was sent and what the caller got.
 */
import { describe, expect, it } from "vitest";
import { createManualClock, PowerAppsAdminClient, PowerPlatformClient, PowerPlatformError, type ClientOptions } from "../../src/index.js";
import { createTokenCache } from "../../src/core/tokenCache.js";

const ENDPOINT = "https://ppa.hostile.test";
const PASSWORD = "hunter2-PASSWORD";
const TOKEN = "tok-SECRET-123";
const ENV = "Default-0000";
const APPS = `${ENDPOINT}/providers/Microsoft.PowerApps/scopes/admin/environments/${ENV}/apps`;

type Answer = Response | ((url: string, init: RequestInit) => Response);

/** A fetch that answers from a script (the last answer repeats) and records what was sent. */
function scriptedFetch(...answers: Answer[]) {
  const sent: { method: string; url: string; redirect: RequestRedirect | undefined }[] = [];
  const fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    sent.push({ method: init.method ?? "GET", url, redirect: init.redirect });
    const answer = answers.length > 1 ? answers.shift()! : answers[0]!;
    return typeof answer === "function" ? answer(url, init) : answer.clone();
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
const credential = (token: string = TOKEN) => ({ getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3_600_000 }) });
const options = (fetch: typeof globalThis.fetch, extra: ClientOptions = {}): ClientOptions => ({
  endpoint: ENDPOINT,
  credential: credential(),
  fetch,
  retry: { retryDelayInMs: 0, maxRetries: 2 },
  ...extra,
});

/** Every text an error shows: message, stack, toString, toJSON, and its causes' messages. */
function everyText(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 6; depth++) {
    parts.push(String(e), e instanceof Error ? `${e.message} ${e.stack ?? ""}` : "", JSON.stringify(e) ?? "");
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join("\n");
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
}

async function collect<T>(iterator: AsyncIterable<T>): Promise<{ items: T[]; error?: unknown }> {
  const items: T[] = [];
  try {
    for await (const item of iterator) items.push(item);
  } catch (error) {
    return { items, error };
  }
  return { items };
}

describe("1. service links with user info are refused, and no error shows the password", () => {
  it("a next link with user info: ForeignNextLink, not followed", async () => {
    const { fetch, sent } = scriptedFetch(json({ value: [{ name: "a" }], nextLink: `https://user:${PASSWORD}@ppa.hostile.test/next` }));
    const { items, error } = await collect(new PowerAppsAdminClient(options(fetch)).apps.list({ environment: ENV }));
    expect(items.map((a) => a.name)).toEqual(["a"]);
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(error).toMatchObject({ code: "ForeignNextLink" });
    expect(everyText(error)).not.toContain(PASSWORD);
    expect(sent).toHaveLength(1);
  });

  it("a continuation token with user info: refused before sending", async () => {
    const { fetch, sent } = scriptedFetch(json({ value: [] }));
    const pages = new PowerAppsAdminClient(options(fetch)).apps.list({ environment: ENV }).byPage({ continuationToken: `https://u:${PASSWORD}@ppa.hostile.test/x` });
    const { error } = await collect(pages);
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(everyText(error)).not.toContain(PASSWORD);
    expect(sent).toHaveLength(0);
  });

  it("an Operation-Location with user info: the install is not followed", async () => {
    const { fetch, sent } = scriptedFetch(new Response(null, { status: 202, headers: { "operation-location": `https://u:${PASSWORD}@ppa.hostile.test/op/1` } }));
    const error = await failure(new PowerPlatformClient(options(fetch)).appManagement.beginInstallPackage({ environmentId: "e1", uniqueName: "Pkg" }));
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(error).toMatchObject({ code: "ForeignNextLink" });
    expect(everyText(error)).not.toContain(PASSWORD);
    expect(sent).toHaveLength(1);
  });

  it("a redirect Location with user info: not followed", async () => {
    const { fetch, sent } = scriptedFetch(new Response(null, { status: 302, headers: { location: `https://u:${PASSWORD}@ppa.hostile.test/elsewhere` } }));
    const error = await failure(new PowerAppsAdminClient(options(fetch)).apps.get({ environment: ENV, app: "a1" }));
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(everyText(error)).not.toContain(PASSWORD);
    expect(sent).toHaveLength(1);
  });
});

describe("2. ill-formed UTF-16 is refused before sending", () => {
  it.each([
    ["a path value", { environment: ENV, app: "bad\uD800" }],
    ["a lone low surrogate", { environment: "\uDC00", app: "a1" }],
  ])("%s: TypeError, nothing sent", async (_name, args) => {
    const { fetch, sent } = scriptedFetch(json({}));
    const error = await failure(new PowerAppsAdminClient(options(fetch)).apps.get(args));
    expect(error).toBeInstanceOf(TypeError);
    expect(sent).toHaveLength(0);
  });

  it("a query value: TypeError when the list is created, nothing sent", async () => {
    const { fetch, sent } = scriptedFetch(json({ value: [] }));
    expect(() => new PowerPlatformClient(options(fetch)).environments.list({ filter: "name eq '\uD83D'" })).toThrow(TypeError);
    expect(sent).toHaveLength(0);
  });
});

describe("3. a token is checked before use and never echoed", () => {
  it.each([`${TOKEN}\r\nX-Injected: 1`, `${TOKEN} extra`, `${TOKEN}\u0007`])("%j: AuthenticationFailed, nothing sent", async (bad) => {
    const { fetch, sent } = scriptedFetch(json({}));
    const error = await failure(new PowerAppsAdminClient(options(fetch, { credential: credential(bad) })).apps.get({ environment: ENV, app: "a1" }));
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(error).toMatchObject({ code: "AuthenticationFailed" });
    expect(everyText(error)).not.toContain(TOKEN);
    expect(sent).toHaveLength(0);
  });
});

describe("4. error bodies are read only up to a cap, and cut before any processing", () => {
  it("a 50 MB HTML error body: a short message, and the stream is not read past the cap", async () => {
    let pulled = 0;
    const chunk = new TextEncoder().encode(`<div>${"<b>x</b>".repeat(8_000)}</div>`); // 64 KB
    const huge = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            pulled += chunk.byteLength;
            if (pulled > 50 * 1024 * 1024) controller.close();
            else controller.enqueue(chunk);
          },
        }),
        { status: 400, headers: { "content-type": "text/html" } },
      );
    const { fetch } = scriptedFetch(() => huge());
    const error = await failure(new PowerAppsAdminClient(options(fetch)).apps.get({ environment: ENV, app: "a1" }));
    expect(error).toMatchObject({ status: 400 });
    expect((error as Error).message.length).toBeLessThan(1_000);
    expect(pulled).toBeLessThanOrEqual(256 * 1024);
  });
});

describe("5. a next-link key that is neither a string nor null", () => {
  it.each([42, { href: "x" }, true, ["x"]])("%j: InvalidResponse after the page's items, never a silent end", async (link) => {
    const { fetch, sent } = scriptedFetch(json({ value: [{ name: "a" }], nextLink: link }));
    const { error } = await collect(new PowerAppsAdminClient(options(fetch)).apps.list({ environment: ENV }));
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(error).toMatchObject({ code: "InvalidResponse" });
    expect(sent).toHaveLength(1);
  });

  it("null (and a missing key) end the list normally", async () => {
    const { fetch } = scriptedFetch(json({ value: [{ name: "a" }], nextLink: null }));
    expect((await collect(new PowerAppsAdminClient(options(fetch)).apps.list({ environment: ENV }))).error).toBeUndefined();
  });
});

describe("6. a list body that is not a JSON object", () => {
  it.each([[[1, 2]], ["a string"], [5], [true]])("%j: InvalidResponse, not an empty page", async (body) => {
    const { fetch } = scriptedFetch(json(body));
    const { items, error } = await collect(new PowerAppsAdminClient(options(fetch)).apps.list({ environment: ENV }));
    expect(items).toEqual([]);
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(error).toMatchObject({ code: "InvalidResponse" });
  });
});

describe("7. a 2xx body that is not the JSON the operation documents", () => {
  const signIn = () => new Response("<html><body>Sign in to continue</body></html>", { status: 200, headers: { "content-type": "text/html" } });

  it("a GET: retried, then InvalidResponse (no SyntaxError)", async () => {
    const { fetch, sent } = scriptedFetch(() => signIn());
    const error = await failure(new PowerAppsAdminClient(options(fetch)).apps.get({ environment: ENV, app: "a1" }));
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(error).toMatchObject({ status: 200, code: "InvalidResponse" });
    expect(sent).toHaveLength(3);
  });

  it("a first page: InvalidResponse", async () => {
    const { fetch } = scriptedFetch(() => signIn());
    const { error } = await collect(new PowerAppsAdminClient(options(fetch)).apps.list({ environment: ENV }));
    expect(error).toMatchObject({ code: "InvalidResponse" });
  });

  it("a POST: InvalidResponse without a re-send", async () => {
    const { fetch, sent } = scriptedFetch(() => signIn());
    const error = await failure(new PowerPlatformClient(options(fetch)).licensing.billingPolicies.create({ name: "p", location: "unitedstates", billingInstrument: { subscriptionId: "s", resourceGroup: "rg" } }));
    expect(error).toMatchObject({ code: "InvalidResponse" });
    expect(sent.map((s) => s.method)).toEqual(["POST"]);
  });
});

describe("8. background token refresh never keeps the process alive", () => {
  it("the retry timer of a failing background refresh is unref'd", async () => {
    let calls = 0;
    const cache = createTokenCache({
      getToken: async () => {
        calls++;
        if (calls === 1) return { token: TOKEN, expiresOnTimestamp: Date.now() + 60_000 }; // inside the refresh window
        throw new Error("the identity endpoint is down");
      },
    });
    const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    expect(await cache.getToken("scope")).toBe(TOKEN);
    const before = timeouts();
    expect(await cache.getToken("scope")).toBe(TOKEN); // starts the background refresh, which fails
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toBe(2);
    expect(timeouts()).toBe(before);
  });
});

describe("9. options of the wrong type are TypeErrors", () => {
  it.each([{ retry: "fast" }, { retry: 5 }, { retry: true }, { retry: { maxRetries: "3" } }, { retry: { tries: 3 } }, { rateLimit: { limit: "5" } }, { rateLimit: 10 }, { pollIntervalInMs: "1s" }])(
    "%j",
    (bad) => {
      expect(() => new PowerAppsAdminClient({ endpoint: ENDPOINT, credential: credential(), ...(bad as ClientOptions) })).toThrow(TypeError);
    },
  );

  it("poller options of the wrong type", async () => {
    const { fetch } = scriptedFetch(json({ operationId: "op", status: "Running" }));
    const poller = new PowerPlatformClient(options(fetch)).appManagement.resumeInstallPackage(
      JSON.stringify({ kind: "power-platform-admin/installPackage", environmentId: "e", operationId: "op", operationUrl: `${ENDPOINT}/op?api-version=1` }),
    );
    await expect(poller.pollUntilDone({ pollIntervalInMs: "fast" } as never)).rejects.toBeInstanceOf(TypeError);
    await expect(poller.pollUntilDone({ timeoutInMs: -1 })).rejects.toBeInstanceOf(RangeError);
  });
});

describe("10. redirects stay on the endpoint's origin, and a loop is one error", () => {
  it("asks fetch not to follow redirects, and refuses one to another origin without reading its body", async () => {
    const { fetch, sent } = scriptedFetch(new Response(null, { status: 302, headers: { location: "https://attacker.example/app" } }), json({ name: "evil" }));
    const error = await failure(new PowerAppsAdminClient(options(fetch)).apps.get({ environment: ENV, app: "a1" }));
    expect(error).toMatchObject({ code: "ForeignNextLink" });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.redirect).toBe("manual");
  });

  it("a redirect loop costs a handful of requests and one RedirectLoop error, never retried", async () => {
    const { fetch, sent } = scriptedFetch((url) => new Response(null, { status: 302, headers: { location: url.includes("/a1") ? `${APPS}/b1?api-version=2016-11-01` : `${APPS}/a1?api-version=2016-11-01` } }));
    const error = await failure(new PowerAppsAdminClient(options(fetch)).apps.get({ environment: ENV, app: "a1" }));
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(error).toMatchObject({ code: "RedirectLoop" });
    expect(sent).toHaveLength(2);
  });

  it("a same-origin redirect is followed", async () => {
    const { fetch, sent } = scriptedFetch(new Response(null, { status: 307, headers: { location: `${APPS}/moved?api-version=2016-11-01` } }), json({ name: "moved" }));
    expect(await new PowerAppsAdminClient(options(fetch)).apps.get({ environment: ENV, app: "a1" })).toMatchObject({ name: "moved" });
    expect(sent).toHaveLength(2);
  });
});

describe("the first poll of a long-running operation", () => {
  it("waits for the Retry-After of the answer that started it", async () => {
    const clock = createManualClock();
    const { fetch, sent } = scriptedFetch(
      new Response(null, { status: 202, headers: { "operation-location": `${ENDPOINT}/appmanagement/environments/e1/operations/op1?api-version=1`, "retry-after": "3" } }),
      json({ operationId: "op1", status: "Succeeded" }),
    );
    const pp = new PowerPlatformClient(options(fetch, { clock, pollIntervalInMs: 500 }));
    const poller = await pp.appManagement.beginInstallPackage({ environmentId: "e1", uniqueName: "Pkg" });
    const done = poller.pollUntilDone();
    await clock.advance(2_999);
    expect(sent).toHaveLength(1);
    await clock.advance(1);
    expect((await done).status).toBe("Succeeded");
    expect(sent).toHaveLength(2);
  });
});
