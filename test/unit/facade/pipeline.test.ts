/**
 * One request path: a policy of the caller's (`additionalPolicies`) sees every request a client
 * sends — a single call, page 1, page 2, the start of a long-running operation, its polls, a `raw`
 * call — and per-attempt policies see re-sends too, but never the bearer token.
 */
import { HttpResponse } from "msw";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createManualClock, PowerAppsAdminClient, PowerPlatformClient } from "../../../src/index.js";
import type { PipelinePolicy } from "../../../src/core/pipeline/pipeline.js";
import { BASE_URL, createRecordingServer, staticCredential } from "../../support/recordingServer.js";

const recording = createRecordingServer();
beforeAll(() => recording.server.listen({ onUnhandledRequest: "error" }));
afterEach(() => recording.reset());
afterAll(() => recording.server.close());

function watcher(name: string) {
  const seen: { method: string; path: string; authorization: string | null; status?: number }[] = [];
  const policy: PipelinePolicy = {
    name,
    async sendRequest(request, next) {
      const entry: (typeof seen)[number] = { method: request.method, path: new URL(request.url).pathname, authorization: request.headers.get("authorization") };
      seen.push(entry);
      const response = await next(request);
      entry.status = response.status;
      return response;
    },
  };
  return { policy, seen };
}

const ENV = "Default-0000";
const appsPath = `/providers/Microsoft.PowerApps/scopes/admin/environments/${ENV}/apps`;

describe("a caller's pipeline policy", () => {
  it("sees page 1 and page 2 of a list, and a raw call", async () => {
    const { policy, seen } = watcher("audit");
    const admin = new PowerAppsAdminClient({ endpoint: BASE_URL, credential: staticCredential(), additionalPolicies: [{ policy }] });
    recording.answerNext(
      () => HttpResponse.json({ value: [{ name: "a" }], nextLink: `${BASE_URL}${appsPath}?page=2` }),
      () => HttpResponse.json({ value: [{ name: "b" }] }),
    );
    const names: unknown[] = [];
    for await (const app of admin.apps.list({ environment: ENV })) names.push(app.name);
    expect(names).toEqual(["a", "b"]);
    expect(seen.map((s) => `${s.method} ${s.path} ${s.status}`)).toEqual([`GET ${appsPath} 200`, `GET ${appsPath} 200`]);
    await admin.raw.GET("/providers/Microsoft.PowerApps/scopes/admin/environments/{environment}/apps", {
      params: { path: { environment: ENV }, query: { "api-version": "2016-11-01" } },
    });
    expect(seen).toHaveLength(3);
    expect(seen.every((s) => s.authorization === null)).toBe(true);
  });

  it("sees the start of a long-running install and every poll; a perRetry policy sees each attempt", async () => {
    const clock = createManualClock();
    const perCall = watcher("perCall");
    const perRetry = watcher("perRetry");
    const pp = new PowerPlatformClient({
      endpoint: BASE_URL,
      credential: staticCredential(),
      clock,
      pollIntervalInMs: 1_000,
      additionalPolicies: [{ policy: perCall.policy }, { policy: perRetry.policy, position: "perRetry" }],
    });
    const operationUrl = `${BASE_URL}/appmanagement/environments/e1/operations/op1?api-version=1`;
    recording.answerNext(
      () => new HttpResponse(null, { status: 202, headers: { "Operation-Location": operationUrl } }),
      () => new HttpResponse(null, { status: 503 }),
      () => HttpResponse.json({ operationId: "op1", status: "Running" }),
      () => HttpResponse.json({ operationId: "op1", status: "Succeeded" }),
    );
    const poller = await pp.appManagement.beginInstallPackage({ environmentId: "e1", uniqueName: "Pkg" });
    const done = poller.pollUntilDone();
    for (let i = 0; i < 10; i++) await clock.advance(1_000);
    expect((await done).status).toBe("Succeeded");
    const poll = "/appmanagement/environments/e1/operations/op1";
    expect(perCall.seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      "POST /appmanagement/environments/e1/applicationPackages/Pkg/install",
      `GET ${poll}`,
      `GET ${poll}`,
    ]);
    expect(perRetry.seen.map((s) => `${s.method} ${s.status ?? "failed"}`)).toEqual(["POST 202", "GET failed", "GET 200", "GET 200"]);
    expect([...perCall.seen, ...perRetry.seen].every((s) => s.authorization === null)).toBe(true);
  });

  it("is refused at construction when it is not a policy", () => {
    const bad = [{ policy: { name: "x" } }] as unknown as [];
    expect(() => new PowerAppsAdminClient({ endpoint: BASE_URL, credential: staticCredential(), additionalPolicies: bad })).toThrow(TypeError);
  });
});
