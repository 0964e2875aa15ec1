/**
 * A request body that is not a JSON object (Power Pages' list of WAF rule names) is the argument
 * `body`, sent whole; it is checked like any body field before anything is sent.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { operationTable } from "../../../generated/operations.js";
import { PowerPlatformClient } from "../../../src/index.js";
import { BASE_URL, createRecordingServer, staticCredential } from "../../support/recordingServer.js";

const recording = createRecordingServer();
beforeAll(() => recording.server.listen({ onUnhandledRequest: "error" }));
afterEach(() => recording.reset());
afterAll(() => recording.server.close());

const pp = new PowerPlatformClient({ endpoint: BASE_URL, credential: staticCredential() });
const site = { environmentId: "env-1", id: "site-1" };

describe("a whole-body argument", () => {
  it("is a fact of the table", () => {
    expect(operationTable.powerPlatform.DeleteWafCustomRules).toMatchObject({ wholeBody: true, bodyParams: ["body"], requiredBodyParams: ["body"], bodyParamTypes: { body: "array<string>" } });
    expect(operationTable.powerPlatform.CreateWafRules).not.toHaveProperty("wholeBody");
  });

  it("is sent as the JSON body itself", async () => {
    await pp.powerPages.websites.waf.deleteCustomRules({ ...site, body: ["BlockLegacyPaths", "LimitSignIns"] });
    expect(recording.requests).toHaveLength(1);
    expect(recording.requests[0]!.body).toEqual(["BlockLegacyPaths", "LimitSignIns"]);
    expect(recording.requests[0]!.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it.each([
    [{}, /"body" is required/],
    [{ body: [] }, /"body" must not be empty/],
    [{ body: "BlockLegacyPaths" }, /"body" must be an array<string>/],
    [{ body: [""] }, /must not contain empty strings/],
    [{ ruleNames: ["x"] }, /unknown argument "ruleNames"/],
  ])("refuses %j before sending", async (args, message) => {
    // @ts-expect-error deliberately wrong arguments
    await expect(pp.powerPages.websites.waf.deleteCustomRules({ ...site, ...args })).rejects.toThrow(message);
    expect(recording.requests).toHaveLength(0);
  });
});
