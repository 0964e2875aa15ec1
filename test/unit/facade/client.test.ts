/**
 * Client-wide behaviour: api-version defaults and overrides, the raw openapi-fetch client,
 * sovereign clouds, errors that say what to do, one token for many concurrent calls, and secrets
 * that never leak into errors or logs.
 */
import { HttpResponse } from "msw";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { operationTable } from "../../../generated/operations.js";
import { PowerAppsAdminClient, PowerPlatformClient, PowerPlatformError, RateLimiter, type LogEvent } from "../../../src/index.js";
import { BASE_URL, createRecordingServer, staticCredential } from "../../support/recordingServer.js";

const recording = createRecordingServer();
beforeAll(() => recording.server.listen({ onUnhandledRequest: "error" }));
afterEach(() => recording.reset());
afterAll(() => recording.server.close());

const ENV = "Default-1dbbeae5-8fa6-462e-a5a1-9932a520a1dc";
const APP = "3fec9f57-83bc-4fb8-981e-4b6b45aaa2da";
const getApp = operationTable.powerAppsAdmin["Get-AdminApp"];

describe("api-version", () => {
  it("defaults per operation, is overridden per client, and per call over that", async () => {
    const defaults = new PowerAppsAdminClient({ endpoint: BASE_URL, credential: staticCredential() });
    const pinned = new PowerAppsAdminClient({ endpoint: BASE_URL, credential: staticCredential(), apiVersion: "2023-06-01" });
    await defaults.apps.get({ environment: ENV, app: APP });
    await pinned.apps.get({ environment: ENV, app: APP });
    await pinned.apps.get({ environment: ENV, app: APP, apiVersion: "2021-02-01" });
    expect(recording.requests.map((r) => r.url.searchParams.getAll("api-version"))).toEqual([[getApp.defaultApiVersion], ["2023-06-01"], ["2021-02-01"]]);
  });

  it("is added by the raw client too when the caller leaves it out", async () => {
    const client = new PowerAppsAdminClient({ endpoint: BASE_URL, credential: staticCredential() });
    const { data, response } = await client.raw.GET("/providers/Microsoft.PowerApps/scopes/admin/environments/{environment}/apps/{app}", {
      params: { path: { environment: ENV, app: APP } } as never,
    });
    expect(response.status).toBe(200);
    expect(data?.name).toBeDefined();
    expect(recording.requests[0]!.url.searchParams.getAll("api-version")).toEqual([getApp.defaultApiVersion]);
  });
});

describe("retry safety on the raw client", () => {
  it("a raw POST of an operation the spec marks safe is re-sent after a 503; an unmarked POST is not", async () => {
    const client = new PowerPlatformClient({ endpoint: BASE_URL, credential: staticCredential(), retry: { retryDelayInMs: 1, maxRetries: 1 } });
    const busy = () => HttpResponse.json({ error: { code: "ServiceUnavailable", message: "busy" } }, { status: 503 });
    recording.answerNext(busy);
    const { response } = await client.raw.POST("/resourcequery/resources/query", { body: { TableName: "PowerPlatformResources", Clauses: [] } } as never);
    expect(response.status).toBe(200);
    expect(recording.requests).toHaveLength(2);
    recording.reset();
    recording.answerNext(busy);
    await expect(client.raw.POST("/licensing/billingPolicies", { body: { name: "p", location: "unitedstates" } } as never)).rejects.toMatchObject({ status: 503 });
    expect(recording.requests).toHaveLength(1);
  });
});

describe("clouds", () => {
  it.each([
    ["public", "https://service.powerapps.com/.default", "https://api.powerplatform.com/.default"],
    ["gcchigh", "https://high.service.powerapps.us/.default", "https://api.high.powerplatform.microsoft.us/.default"],
    ["china", "https://service.powerapps.cn/.default", "https://api.powerplatform.partner.microsoftonline.cn/.default"],
  ] as const)("%s: asks for the cloud's scope for each service", async (cloud, adminScope, ppScope) => {
    const scopes: unknown[] = [];
    const credential = { getToken: async (s: string | string[]) => (scopes.push(s), { token: "t", expiresOnTimestamp: Date.now() + 3_600_000 }) };
    const fetch = async () => HttpResponse.json({ value: [] });
    const admin = new PowerAppsAdminClient({ cloud, credential, fetch });
    const pp = new PowerPlatformClient({ cloud, credential, fetch });
    await admin.apps.list({ environment: ENV }).next();
    await pp.environments.list().next();
    expect(scopes.map((s) => (Array.isArray(s) ? s[0] : s))).toEqual([adminScope, ppScope]);
  });
});

describe("errors", () => {
  it("a 404 AppNotFound rejects with a PowerPlatformError carrying status, code, method, url and request id", async () => {
    recording.answerNext(() =>
      HttpResponse.json({ error: { code: "AppNotFound", message: `Could not find App '${APP}'.` } }, { status: 404, headers: { "x-ms-request-id": "req-1" } }),
    );
    const client = new PowerAppsAdminClient({ endpoint: BASE_URL, credential: staticCredential() });
    const error = await client.apps.get({ environment: ENV, app: APP }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(error).toMatchObject({ name: "PowerPlatformError", status: 404, code: "AppNotFound", method: "GET", requestId: "req-1" });
    expect((error as PowerPlatformError).message).toContain("Could not find App");
    expect((error as PowerPlatformError).url).toContain(`/apps/${APP}`);
  });

  it("a 403 about path permissions explains the management-application registration", async () => {
    recording.answerNext(() =>
      HttpResponse.json({ error: { code: "Forbidden", message: "The service principal does not have permission to access the path '/licensing/billingPolicies'." } }, { status: 403 }),
    );
    const pp = new PowerPlatformClient({ endpoint: BASE_URL, credential: staticCredential() });
    const error = (await pp.licensing.billingPolicies.get({ billingPolicyId: "p" }).catch((e: unknown) => e)) as PowerPlatformError;
    expect(error.status).toBe(403);
    expect(error.message).toMatch(/management application/i);
  });

  it("no token or Authorization value appears in errors or log events", async () => {
    const secret = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secret-token";
    const events: LogEvent[] = [];
    recording.answerNext(() => HttpResponse.json({ error: { code: "InternalServerError", message: "boom" } }, { status: 500 }));
    const client = new PowerAppsAdminClient({
      endpoint: BASE_URL,
      credential: staticCredential(secret),
      retry: { maxRetries: 0 },
      logger: (e) => events.push(e),
    });
    const error = await client.apps.get({ environment: ENV, app: APP }).catch((e: unknown) => e);
    const everything = [String(error), JSON.stringify(error), (error as Error).stack ?? "", JSON.stringify(events)].join("\n");
    expect(events.length).toBeGreaterThan(0);
    expect(everything).not.toContain(secret);
    expect(everything.toLowerCase()).not.toContain("bearer");
  });
});

describe("tokens and limits", () => {
  it("serves 1000 concurrent calls with one getToken", async () => {
    const credential = staticCredential();
    const client = new PowerAppsAdminClient({ endpoint: BASE_URL, credential, rateLimit: { maxConcurrency: 50 } });
    await Promise.all(Array.from({ length: 1000 }, () => client.apps.get({ environment: ENV, app: APP })));
    expect(credential.calls).toBe(1);
    expect(recording.requests).toHaveLength(1000);
  });

  it("one RateLimiter instance can be shared by several clients", async () => {
    let inFlight = 0;
    let peak = 0;
    const fetch = async () => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      return HttpResponse.json({ value: [] });
    };
    const run = async (rateLimit: RateLimiter | undefined) => {
      peak = 0;
      const admin = new PowerAppsAdminClient({ endpoint: BASE_URL, credential: staticCredential(), fetch, rateLimit: rateLimit ?? { maxConcurrency: 1 } });
      const pp = new PowerPlatformClient({ endpoint: BASE_URL, credential: staticCredential(), fetch, rateLimit: rateLimit ?? { maxConcurrency: 1 } });
      await Promise.all([admin.apps.list({ environment: ENV }).next(), pp.environments.list().next(), admin.connections.list({ environment: ENV }).next()]);
      return peak;
    };
    expect(await run(new RateLimiter({ maxConcurrency: 1 }))).toBe(1); // shared: one request at a time across both clients
    expect(await run(undefined)).toBe(2); // separate limiters: each client runs its own request
  });

  it("appends the caller's user agent to the SDK's", async () => {
    const client = new PowerAppsAdminClient({ endpoint: BASE_URL, credential: staticCredential(), userAgent: "contoso-governance/2.1" });
    await client.apps.get({ environment: ENV, app: APP });
    expect(recording.requests[0]!.headers.get("user-agent")).toMatch(/^power-platform-admin\/\S+ .*contoso-governance\/2\.1$/);
  });
});
