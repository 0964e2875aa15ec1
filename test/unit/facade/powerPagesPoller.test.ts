/**
 * The Power Pages long-running operations (website create, delete, WAF enable, conversion): 202 +
 * Operation-Location followed as given; `status` read until one of the values the spec names
 * (generic `Succeeded`/`Failed` or the website's `OperationComplete`/`OperationFailed`); Retry-After
 * between polls; a 429 or a lost connection during a poll is retried, not fatal; a delete's status
 * URL answering 404 means done; save/resume; abort stops polling. Time is a manual clock.
 */
import { HttpResponse } from "msw";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createManualClock, PowerPlatformClient, PowerPlatformError } from "../../../src/index.js";
import { BASE_URL, createRecordingServer, staticCredential } from "../../support/recordingServer.js";
import { settle } from "../../support/settle.js";

const recording = createRecordingServer();
beforeAll(() => recording.server.listen({ onUnhandledRequest: "error" }));
afterEach(() => recording.reset());
afterAll(() => recording.server.close());

const ENV = "0fc02431-15fb-4563-a5ab-8211beb2a86f";
const SITE = "8c1f2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
const OP = "b5a4c3d2-0000-4000-8000-00000000aaaa";
const operationUrl = `${BASE_URL}/powerpages/environments/${ENV}/operations/${OP}?api-version=1`;
const accepted = (headers: Record<string, string> = {}) => () => new HttpResponse(null, { status: 202, headers: { "Operation-Location": operationUrl, ...headers } });
const status = (s: string, headers: Record<string, string> = {}) => () => HttpResponse.json({ id: OP, status: s }, { headers });
const create = { environmentId: ENV, name: "Contoso", subdomain: "contoso", templateName: "StarterLayout1", selectedBaseLanguage: 1033, dataverseOrganizationId: "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b" };

function client() {
  const clock = createManualClock();
  return { clock, pp: new PowerPlatformClient({ endpoint: BASE_URL, credential: staticCredential(), clock, pollIntervalInMs: 1_000, retry: { retryDelayInMs: 100 } }) };
}

describe("pp.powerPages.websites.beginCreate", () => {
  it("follows Operation-Location as given and ends on the website's OperationComplete", async () => {
    const { clock, pp } = client();
    recording.answerNext(accepted(), status("OperationInProgress"), status("OperationComplete"));
    const poller = await pp.powerPages.websites.beginCreate(create);
    expect(poller.operationId).toBe(OP);
    expect(poller.environmentId).toBe(ENV);
    await expect(settle(clock, poller.pollUntilDone())).resolves.toMatchObject({ status: "OperationComplete" });
    expect(poller.isDone()).toBe(true);
    expect(recording.requests.map((r) => `${r.method} ${r.url.href}`)).toEqual([
      `POST ${BASE_URL}/powerpages/environments/${ENV}/websites?api-version=2024-10-01`,
      `GET ${operationUrl}`,
      `GET ${operationUrl}`,
    ]);
  });

  it("also ends on the generic Succeeded", async () => {
    const { clock, pp } = client();
    recording.answerNext(accepted(), status("Running"), status("Succeeded"));
    const poller = await pp.powerPages.websites.beginCreate(create);
    await expect(settle(clock, poller.pollUntilDone())).resolves.toMatchObject({ status: "Succeeded" });
  });

  it("waits the start's and each poll's Retry-After before polling", async () => {
    const { clock, pp } = client();
    recording.answerNext(accepted({ "Retry-After": "10" }), status("OperationInProgress", { "Retry-After": "30" }), status("OperationComplete"));
    const poller = await pp.powerPages.websites.beginCreate(create);
    const done = poller.pollUntilDone();
    await clock.advance(9_999);
    expect(recording.requests).toHaveLength(1);
    await clock.advance(1);
    expect(recording.requests).toHaveLength(2);
    await clock.advance(29_999);
    expect(recording.requests).toHaveLength(2);
    await clock.advance(1);
    await expect(done).resolves.toMatchObject({ status: "OperationComplete" });
    expect(recording.requests).toHaveLength(3);
  });

  it("a 429 with Retry-After on a poll waits that long, polls again and carries on", async () => {
    const { clock, pp } = client();
    recording.answerNext(
      accepted(),
      status("OperationInProgress"),
      () => HttpResponse.json({ error: { code: "TooManyRequests", message: "Rate limit is exceeded." } }, { status: 429, headers: { "Retry-After": "20" } }),
      status("OperationComplete"),
    );
    const poller = await pp.powerPages.websites.beginCreate(create);
    const done = poller.pollUntilDone();
    await clock.advance(0);
    expect(recording.requests).toHaveLength(2);
    await clock.advance(1_000); // the poll interval: the throttled poll goes out
    expect(recording.requests).toHaveLength(3);
    await clock.advance(19_000);
    expect(recording.requests).toHaveLength(3); // still inside the 20 s the service asked for
    await clock.advance(2_000);
    await expect(done).resolves.toMatchObject({ status: "OperationComplete" });
    expect(recording.requests.slice(1).every((r) => r.method === "GET" && r.url.href === operationUrl)).toBe(true);
  });

  it("a connection lost during a poll is retried (a poll only reads), and polling carries on", async () => {
    const { clock, pp } = client();
    recording.answerNext(accepted(), () => HttpResponse.error(), status("OperationInProgress"), status("OperationComplete"));
    const poller = await pp.powerPages.websites.beginCreate(create);
    await expect(settle(clock, poller.pollUntilDone())).resolves.toMatchObject({ status: "OperationComplete" });
    expect(recording.requests.map((r) => r.method)).toEqual(["POST", "GET", "GET", "GET"]);
  });

  it.each([
    ["OperationFailed", "OperationFailed"],
    ["Failed", "OperationFailed"],
    ["Canceled", "OperationCanceled"],
  ])("rejects with a PowerPlatformError when the operation ends %s", async (final, code) => {
    const { clock, pp } = client();
    recording.answerNext(accepted(), status(final));
    const poller = await pp.powerPages.websites.beginCreate(create);
    const failure = await settle(clock, poller.pollUntilDone()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PowerPlatformError);
    expect(failure).toMatchObject({ code, message: expect.stringContaining(`ended ${final}`) });
  });

  it("serializes with toString() and resumes on another client without sending anything until polled", async () => {
    const { pp } = client();
    recording.answerNext(accepted());
    const saved = (await pp.powerPages.websites.beginCreate(create)).toString();
    const other = client();
    const resumed = other.pp.powerPages.websites.resumeCreate(saved);
    expect(resumed.operationId).toBe(OP);
    expect(recording.requests).toHaveLength(1);
    recording.answerNext(status("OperationComplete"));
    await settle(other.clock, resumed.pollUntilDone());
    expect(recording.requests[1]!.url.href).toBe(operationUrl);
    expect(() => other.pp.powerPages.websites.resumeDelete(saved)).toThrow(TypeError); // a create's state is not a delete's
  });

  it("stops polling, not the operation, when aborted", async () => {
    const { clock, pp } = client();
    recording.answerNext(accepted(), status("OperationInProgress"));
    const poller = await pp.powerPages.websites.beginCreate(create);
    const controller = new AbortController();
    const done = poller.pollUntilDone({ abortSignal: controller.signal });
    await clock.advance(0);
    controller.abort();
    await expect(done).rejects.toMatchObject({ name: "AbortError" });
    await clock.advance(10_000);
    expect(recording.requests.map((r) => r.method)).toEqual(["POST", "GET"]);
  });
});

describe("the other Power Pages operations that answer 202", () => {
  it("beginDelete: a 404 from the status URL means the site is gone, so the delete is done", async () => {
    const { clock, pp } = client();
    recording.answerNext(accepted(), status("OperationInProgress"), () => HttpResponse.json({ error: { code: "NotFound", message: "gone" } }, { status: 404 }));
    const poller = await pp.powerPages.websites.beginDelete({ environmentId: ENV, id: SITE });
    await expect(settle(clock, poller.pollUntilDone())).resolves.toMatchObject({ status: "OperationInProgress" });
    expect(poller.isDone()).toBe(true);
    expect(recording.requests[0]).toMatchObject({ method: "DELETE" });
  });

  it("beginCreate: a 404 from the status URL is an error (only a delete's target may vanish)", async () => {
    const { clock, pp } = client();
    recording.answerNext(accepted(), () => HttpResponse.json({ error: { code: "NotFound", message: "no such operation" } }, { status: 404 }));
    const poller = await pp.powerPages.websites.beginCreate(create);
    await expect(settle(clock, poller.pollUntilDone())).rejects.toMatchObject({ status: 404, code: "NotFound" });
  });

  it("waf.beginEnable and beginConvertToProduction poll their Operation-Location", async () => {
    const { clock, pp } = client();
    recording.answerNext(accepted(), status("Succeeded"));
    const enable = await pp.powerPages.websites.waf.beginEnable({ environmentId: ENV, id: SITE });
    await settle(clock, enable.pollUntilDone());
    recording.answerNext(accepted(), status("OperationComplete"));
    const convert = await pp.powerPages.websites.beginConvertToProduction({ environmentId: ENV, id: SITE, EnableWAF: true });
    await settle(clock, convert.pollUntilDone());
    expect(recording.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      `POST /powerpages/environments/${ENV}/websites/${SITE}/enableWaf`,
      `GET /powerpages/environments/${ENV}/operations/${OP}`,
      `POST /powerpages/environments/${ENV}/websites/${SITE}/convertToProduction`,
      `GET /powerpages/environments/${ENV}/operations/${OP}`,
    ]);
    expect(recording.requests[2]!.body).toEqual({ EnableWAF: true });
  });
});
