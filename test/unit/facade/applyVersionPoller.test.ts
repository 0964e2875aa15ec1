/**
 * A long-running start the service may settle within the request: ApplyFinOpsVersion answers 202 with
 * a Location to poll, or 204 when the environment already runs that version. The 204 gives a poller
 * that is done at once (nothing polled, also after a resume); the 202 one follows the Location.
 */
import { HttpResponse } from "msw";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PowerPlatformClient } from "../../../src/index.js";
import { BASE_URL, createRecordingServer, staticCredential } from "../../support/recordingServer.js";

const recording = createRecordingServer();
beforeAll(() => recording.server.listen({ onUnhandledRequest: "error" }));
afterEach(() => recording.reset());
afterAll(() => recording.server.close());

const pp = () => new PowerPlatformClient({ endpoint: BASE_URL, credential: staticCredential(), pollIntervalInMs: 0 });
const args = { environmentId: "0f3e2d1c-4b5a-4978-8a6b-5c4d3e2f1a0b", version: "10.0.47.5" };

describe("financeAndOperations.beginApplyVersion", () => {
  it("is done at once when the service answers 204 (already at that version), and stays done after a resume", async () => {
    recording.answerNext(() => new HttpResponse(null, { status: 204 }));
    const poller = await pp().financeAndOperations.beginApplyVersion(args);
    expect(poller.isDone()).toBe(true);
    expect(await poller.pollUntilDone()).toEqual({ status: "Succeeded" });
    const resumed = pp().financeAndOperations.resumeApplyVersion(poller.toString());
    expect(await resumed.pollUntilDone()).toEqual({ status: "Succeeded" });
    expect(recording.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([`POST /dynamics/environments/${args.environmentId}/finopsversions/10.0.47.5/apply`]);
  });

  it("polls the Location of a 202 until the status is final", async () => {
    const location = `${BASE_URL}/dynamics/environments/${args.environmentId}/operations/8c9d0e1f?api-version=2024-10-01`;
    recording.answerNext(
      () => HttpResponse.json({ operationId: "8c9d0e1f", resourceId: args.environmentId }, { status: 202, headers: { Location: location } }),
      () => HttpResponse.json({ status: "Running" }),
      () => HttpResponse.json({ status: "Succeeded" }),
    );
    const poller = await pp().financeAndOperations.beginApplyVersion(args);
    expect(poller.isDone()).toBe(false);
    expect(await poller.pollUntilDone()).toEqual({ status: "Succeeded" });
    expect(recording.requests.slice(1).map((r) => r.url.href)).toEqual([location, location]);
  });
});
