/**
 * The long-running package install: 202 + Operation-Location or 200 + InstancePackage, polling
 * that honours Retry-After and treats 409 as "still running", failure and cancellation as errors,
 * serialization and resume, and aborting that stops polling only. Time is a manual clock.
 */
import { HttpResponse } from "msw";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { operationTable } from "../../../generated/operations.js";
import { createManualClock, PowerPlatformClient, PowerPlatformError } from "../../../src/index.js";
import { BASE_URL, createRecordingServer, staticCredential } from "../../support/recordingServer.js";
import { settle } from "../../support/settle.js";

const recording = createRecordingServer();
beforeAll(() => recording.server.listen({ onUnhandledRequest: "error" }));
afterEach(() => recording.reset());
afterAll(() => recording.server.close());

const ENV = "0fc02431-15fb-4563-a5ab-8211beb2a86f";
const OP = "475af49d-0000-4000-8000-000000000000";
const operationUrl = `${BASE_URL}/appmanagement/environments/${ENV}/operations/${OP}?api-version=1`;
const accepted = () => new HttpResponse(null, { status: 202, headers: { "Operation-Location": operationUrl } });
const status = (s: string, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}) => () =>
  HttpResponse.json({ operationId: OP, status: s, createdDateTime: "2025-01-01T07:45:25Z", ...extra }, { headers });

function client() {
  const clock = createManualClock();
  return { clock, pp: new PowerPlatformClient({ endpoint: BASE_URL, credential: staticCredential(), clock, pollIntervalInMs: 1_000 }) };
}


describe("beginInstallPackage", () => {
  it("follows a 202's Operation-Location exactly (its api-version=1 kept) until Succeeded", async () => {
    const { clock, pp } = client();
    recording.answerNext(accepted, status("Running"), status("Running"), status("Succeeded"));
    const poller = await pp.appManagement.beginInstallPackage({ environmentId: ENV, uniqueName: "MicrosoftFormsPro" });
    expect(poller.operationId).toBe(OP);
    const result = await settle(clock, poller.pollUntilDone());
    expect(result.status).toBe("Succeeded");
    expect(poller.isDone()).toBe(true);
    expect(recording.requests.map((r) => r.method)).toEqual(["POST", "GET", "GET", "GET"]);
    expect(recording.requests.slice(1).every((r) => r.url.href === operationUrl)).toBe(true);
  });

  it("derives the operation from a 200 InstancePackage body's lastOperation.operationId", async () => {
    const { clock, pp } = client();
    recording.answerNext(() => HttpResponse.json({ id: "ip-1", packageUniqueName: "MicrosoftFormsPro", lastOperation: { operationId: OP, state: "InstallRequested" } }), status("Succeeded"));
    const poller = await pp.appManagement.beginInstallPackage({ environmentId: ENV, uniqueName: "MicrosoftFormsPro" });
    await settle(clock, poller.pollUntilDone());
    expect(recording.requests[1]!.url.pathname).toBe(`/appmanagement/environments/${ENV}/operations/${OP}`);
    expect(recording.requests[1]!.url.searchParams.get("api-version")).toBe(operationTable.powerPlatform.GetApplicationPackageOperation.defaultApiVersion);
  });

  it("waits what Retry-After says between polls, and treats 409 as still running", async () => {
    const { clock, pp } = client();
    recording.answerNext(
      accepted,
      status("Running", { "Retry-After": "30" }),
      () => HttpResponse.json({ error: { code: "OperationInProgress", message: "busy" } }, { status: 409, headers: { "Retry-After": "5" } }),
      status("Succeeded"),
    );
    const poller = await pp.appManagement.beginInstallPackage({ environmentId: ENV, uniqueName: "X" });
    const done = poller.pollUntilDone();
    await clock.advance(0);
    expect(recording.requests).toHaveLength(2);
    await clock.advance(29_999);
    expect(recording.requests).toHaveLength(2);
    await clock.advance(1);
    expect(recording.requests).toHaveLength(3);
    await clock.advance(5_000);
    await expect(done).resolves.toMatchObject({ status: "Succeeded" });
    expect(recording.requests).toHaveLength(4);
  });

  it.each([
    ["Failed", "OperationFailed"],
    ["Canceled", "OperationCanceled"],
  ])("rejects with PowerPlatformError when the install ends %s", async (final, code) => {
    const { clock, pp } = client();
    const error = { errorCode: "0x80040216", errorName: "SolutionImportFailed", message: "Import failed", statusCode: 500 };
    recording.answerNext(accepted, status(final, {}, { error }));
    const poller = await pp.appManagement.beginInstallPackage({ environmentId: ENV, uniqueName: "X" });
    const failure = await settle(clock, poller.pollUntilDone()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PowerPlatformError);
    expect(failure).toMatchObject({ code, details: [error] });
  });

  it("serializes with toString() and resumes without sending anything until polled", async () => {
    const { clock, pp } = client();
    recording.answerNext(accepted);
    const poller = await pp.appManagement.beginInstallPackage({ environmentId: ENV, uniqueName: "X" });
    const saved = poller.toString();

    const resumed = pp.appManagement.resumeInstallPackage(saved);
    expect(resumed.operationId).toBe(OP);
    expect(recording.requests).toHaveLength(1);
    recording.answerNext(status("Succeeded"));
    await settle(clock, resumed.pollUntilDone());
    expect(recording.requests[1]!.url.href).toBe(operationUrl);
  });

  it("stops polling (not the install) when aborted", async () => {
    const { clock, pp } = client();
    recording.answerNext(accepted, status("Running"));
    const poller = await pp.appManagement.beginInstallPackage({ environmentId: ENV, uniqueName: "X" });
    const controller = new AbortController();
    const done = poller.pollUntilDone({ abortSignal: controller.signal });
    await clock.advance(0);
    controller.abort();
    await expect(done).rejects.toMatchObject({ name: "AbortError" });
    await clock.advance(10_000);
    expect(recording.requests.map((r) => r.method)).toEqual(["POST", "GET"]);
  });

  it("never sends the token to an Operation-Location on another origin", async () => {
    const { pp } = client();
    recording.answerNext(() => new HttpResponse(null, { status: 202, headers: { "Operation-Location": `https://elsewhere.example/ops/${OP}` } }));
    // Refused as soon as the answer arrives: no poller (and no serialized state) ever holds the foreign link.
    await expect(pp.appManagement.beginInstallPackage({ environmentId: ENV, uniqueName: "X" })).rejects.toMatchObject({ code: "ForeignNextLink" });
    expect(recording.requests).toHaveLength(1);
  });
});

describe("billingPolicies.waitForProvisioning", () => {
  it("polls GET until the policy leaves Provisioning", async () => {
    const { clock, pp } = client();
    const policy = (s: string) => () => HttpResponse.json({ id: "p1", name: "contosoPayg", location: "unitedstates", status: s });
    recording.answerNext(policy("Provisioning"), policy("Provisioning"), policy("Enabled"));
    const result = await settle(clock, pp.licensing.billingPolicies.waitForProvisioning({ billingPolicyId: "p1" }));
    expect(result.status).toBe("Enabled");
    expect(recording.requests).toHaveLength(3);
  });

  it("gives up with Timeout after timeoutInMs", async () => {
    const { clock, pp } = client();
    const provisioning = () => HttpResponse.json({ id: "p1", name: "n", location: "l", status: "Provisioning" });
    recording.answerNext(...Array.from({ length: 10 }, () => provisioning));
    const error = await settle(clock, pp.licensing.billingPolicies.waitForProvisioning({ billingPolicyId: "p1", timeoutInMs: 3_500 })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "PowerPlatformError", code: "Timeout" });
  });
});
