/**
 * Bad input fails with TypeError or RangeError before anything is sent, and path values are always
 * encoded so an id can never change the route.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PowerAppsAdminClient, PowerAutomateAdminClient, PowerPlatformClient, RateLimiter } from "../../../src/index.js";
import { BASE_URL, createRecordingServer, staticCredential } from "../../support/recordingServer.js";

const recording = createRecordingServer();
beforeAll(() => recording.server.listen({ onUnhandledRequest: "error" }));
afterEach(() => recording.reset());
afterAll(() => recording.server.close());

const ENV = "Default-1dbbeae5-8fa6-462e-a5a1-9932a520a1dc";
const admin = () => new PowerAppsAdminClient({ endpoint: BASE_URL, credential: staticCredential() });
const pp = () => new PowerPlatformClient({ endpoint: BASE_URL, credential: staticCredential() });
const automate = () => new PowerAutomateAdminClient({ endpoint: BASE_URL, credential: staticCredential() });
// Calls made the way untyped JavaScript callers could make them.
const loose = <T>(x: T) => x as unknown as Record<string, (args?: unknown) => unknown>;

describe("invalid input is refused before any request", () => {
  const rejected: [string, () => unknown, typeof TypeError | typeof RangeError][] = [
    ["a missing path parameter", () => loose(admin().apps).get!({ environment: ENV }), TypeError],
    ["an empty path parameter", () => admin().apps.get({ environment: ENV, app: "" }), TypeError],
    ["a whitespace path parameter", () => admin().apps.get({ environment: " ", app: "x" }), TypeError],
    ["a non-string path parameter", () => loose(admin().apps).get!({ environment: ENV, app: 42 }), TypeError],
    ["a dot-segment id", () => admin().apps.remove({ environment: ENV, app: ".." }), TypeError],
    ["an unknown argument", () => loose(admin().apps).get!({ environment: ENV, app: "a", ap: "typo" }), TypeError],
    ["a missing required body field", () => loose(admin().apps).setOwner!({ environment: ENV, app: "a" }), TypeError],
    ["a body field of the wrong type", () => loose(admin().apps).setConditionalAccess!({ environment: ENV, app: "a", authContextIds: "c1" }), TypeError],
    ["an empty role-assignment edit", () => admin().apps.editRoleAssignments({ environment: ENV, app: "a" }), TypeError],
    ["an update with nothing to change", () => pp().licensing.billingPolicies.update({ billingPolicyId: "p" }), TypeError],
    ["an empty environmentIds list", () => pp().licensing.billingPolicies.addEnvironments({ billingPolicyId: "p", environmentIds: [] }), TypeError],
    ["a malformed serialized poller state", () => pp().appManagement.resumeInstallPackage("not json"), TypeError],
    ["an empty apiVersion", () => admin().apps.get({ environment: ENV, app: "a", apiVersion: "" }), TypeError],
    ["a flag that is not a boolean", () => automate().flows.list({ environment: ENV, includeSoftDeleted: "yes" as unknown as boolean }).next(), TypeError],
    ["a flag at odds with the parameter it sets", () => automate().flows.list({ environment: ENV, includeSoftDeleted: true, include: "other" }).next(), TypeError],
    ["an empty flow owner edit", () => automate().flows.owners.edit({ environment: ENV, flowName: "f" }), TypeError],
    ["a missing required query parameter", () => loose(pp().flows.runs).list!({ environmentId: ENV }), TypeError],
  ];
  for (const [what, call, type] of rejected) {
    it(`rejects ${what}`, async () => {
      await expect(Promise.resolve().then(call)).rejects.toThrow(type);
      expect(recording.requests).toHaveLength(0);
    });
  }

  it("throws synchronously from list methods (non-positive top, missing environment)", () => {
    expect(() => admin().apps.list({ environment: ENV, top: 0 })).toThrow(RangeError);
    expect(() => loose(admin().apps).list!({})).toThrow(TypeError);
    expect(() => loose(admin().apps).list!({ environment: ENV, skiptoken: "x" })).toThrow(/unknown argument/);
    expect(recording.requests).toHaveLength(0);
  });

  it("rejects bad client options at construction", () => {
    expect(() => new PowerAppsAdminClient({ cloud: "mars" as never, credential: staticCredential() })).toThrow(TypeError);
    expect(() => new PowerAppsAdminClient({ endpoint: "http://example.com", credential: staticCredential() })).toThrow(TypeError);
    expect(() => new PowerAppsAdminClient({ rateLimit: { limit: 0 }, credential: staticCredential() })).toThrow(RangeError);
    expect(() => new RateLimiter({ windowInMs: -1 })).toThrow(RangeError);
    expect(() => new PowerAppsAdminClient({ credential: {} as never })).toThrow(TypeError);
    expect(() => new PowerAppsAdminClient({ endpoint: BASE_URL, credential: staticCredential(), bogus: 1 } as never)).toThrow(/Unknown client option/);
  });
});

describe("path parameters are always encoded", () => {
  it.each([
    ["../../apps", "..%2F..%2Fapps"],
    ["a?api-version=1", "a%3Fapi-version%3D1"],
    ["a#b c", "a%23b%20c"],
  ])("app %j stays one path segment", async (app, encoded) => {
    await admin().apps.get({ environment: ENV, app });
    const [sent] = recording.requests;
    expect(sent!.url.pathname).toBe(`/providers/Microsoft.PowerApps/scopes/admin/environments/${ENV}/apps/${encoded}`);
    expect([...sent!.url.searchParams.keys()]).toEqual(["api-version"]);
  });
});

describe("boolean query parameters", () => {
  it("go on the wire as true/false; other kinds are still refused", async () => {
    const env = "0f3e2d1c-4b5a-4978-8a6b-5c4d3e2f1a0b";
    for await (const _ of pp().flows.actions.list({ environmentId: env, isTrigger: true, exact: false })) break;
    const url = new URL(recording.requests[0]!.url);
    expect(url.searchParams.get("isTrigger")).toBe("true");
    expect(url.searchParams.get("exact")).toBe("false");
    expect(() => loose(pp().flows.actions).list!({ environmentId: env, isTrigger: {} })).toThrow(TypeError);
  });
});
