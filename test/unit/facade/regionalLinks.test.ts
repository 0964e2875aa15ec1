/**
 * BAP answers a long-running environment delete with a `Location` on a regional host of its endpoint
 * (`europe.api.bap.microsoft.com`). Its service definition allows that (`regionalLinks`): the SDK polls
 * there, with the token. Anything else off the endpoint's origin is still refused before any request,
 * and services that do not declare regional links refuse regional hosts too.
 */
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BapAdminClient, PowerPlatformClient } from "../../../src/index.js";
import { isRegionalHostOf } from "../../../src/core/serviceLinks.js";
import { staticCredential } from "../../support/recordingServer.js";

const ENV = "5a3e0f7c-9d41-4b8e-a2f6-3c1d7e9b0a24";
const OP = "b03e1e6d-73db-4367-90e1-2e378bf7e2fc";
const seen: { url: string; authorization: string | null }[] = [];
let location = "";

const record = (request: Request) => seen.push({ url: request.url, authorization: request.headers.get("authorization") });
const server = setupServer(
  http.delete(`https://api.bap.microsoft.com/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments/${ENV}`, ({ request }) => {
    record(request);
    return new HttpResponse(null, { status: 202, headers: { Location: location } });
  }),
  http.get(`https://europe.api.bap.microsoft.com/providers/Microsoft.BusinessAppPlatform/lifecycleOperations/${OP}`, ({ request }) => {
    record(request);
    return HttpResponse.json({ id: OP, state: { id: "Succeeded" } });
  }),
  http.post("https://api.powerplatform.com/appmanagement/environments/:environmentId/applicationPackages/:uniqueName/install", ({ request }) => {
    record(request);
    return new HttpResponse(null, { status: 202, headers: { "Operation-Location": location } });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  seen.length = 0;
  server.resetHandlers();
});
afterAll(() => server.close());

const bap = () => new BapAdminClient({ credential: staticCredential() });

describe("regional status links", () => {
  it("a Location on a regional host of BAP is polled there, with the token", async () => {
    location = `https://europe.api.bap.microsoft.com/providers/Microsoft.BusinessAppPlatform/lifecycleOperations/${OP}?api-version=2023-06-01`;
    const poller = await bap().environments.beginDelete({ environment: ENV });
    expect(poller.operationId).toBe(OP);
    expect((await poller.poll())?.state?.id).toBe("Succeeded");
    expect(seen.map((s) => new URL(s.url).host)).toEqual(["api.bap.microsoft.com", "europe.api.bap.microsoft.com"]);
    expect(seen[1]!.authorization).toBe("Bearer test-token");
  });

  it.each([
    ["another host", "https://elsewhere.example/lifecycleOperations/x"],
    ["two labels in front", "https://a.europe.api.bap.microsoft.com/lifecycleOperations/x"],
    ["plain http", "http://europe.api.bap.microsoft.com/lifecycleOperations/x"],
    ["another port", "https://europe.api.bap.microsoft.com:8443/lifecycleOperations/x"],
    ["a look-alike suffix", "https://europe-api.bap.microsoft.com.evil.example/lifecycleOperations/x"],
  ])("a Location on %s is refused before any poll", async (_what, link) => {
    location = link;
    await expect(bap().environments.beginDelete({ environment: ENV })).rejects.toMatchObject({ code: "ForeignNextLink" });
    expect(seen).toHaveLength(1);
  });

  it("a service without regional links refuses a regional host", async () => {
    location = "https://europe.api.powerplatform.com/appmanagement/environments/e/operations/o?api-version=1";
    const pp = new PowerPlatformClient({ credential: staticCredential() });
    await expect(pp.appManagement.beginInstallPackage({ environmentId: "e", uniqueName: "X" })).rejects.toMatchObject({ code: "ForeignNextLink" });
  });

  it("isRegionalHostOf: one DNS label in front of an https endpoint's host, same port", () => {
    const origin = "https://api.bap.microsoft.com";
    expect(isRegionalHostOf(new URL("https://unitedstates.api.bap.microsoft.com/x"), origin)).toBe(true);
    expect(isRegionalHostOf(new URL("https://api.bap.microsoft.com/x"), origin)).toBe(false);
    expect(isRegionalHostOf(new URL("https://-x.api.bap.microsoft.com/x"), origin)).toBe(false);
    expect(isRegionalHostOf(new URL("https://europe.api.bap.microsoft.com/x"), "http://127.0.0.1:8080")).toBe(false);
  });
});
