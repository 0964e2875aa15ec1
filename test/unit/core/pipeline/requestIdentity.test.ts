import { describe, expect, it } from "vitest";
import { requestIdentityPolicy, SDK_VERSION } from "../../../../src/core/pipeline/requestIdentity.js";
import { answer, request, scriptedNext } from "./policyHarness.js";

describe("requestIdentityPolicy", () => {
  it("sets the User-Agent, Accept and a client request id", async () => {
    const { next, seen } = scriptedNext(answer);
    await requestIdentityPolicy({ userAgent: "my-tool/2" }).sendRequest(request(), next);
    expect(seen[0]!.headers["user-agent"]).toBe(`power-platform-admin/${SDK_VERSION} node/${process.versions.node} my-tool/2`);
    expect(seen[0]!.headers.accept).toBe("application/json");
    expect(seen[0]!.headers["x-ms-client-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("keeps an Accept and a client request id the caller chose", async () => {
    const { next, seen } = scriptedNext(answer);
    const req = request({ headers: { accept: "text/plain", "x-ms-client-request-id": "mine" } });
    await requestIdentityPolicy().sendRequest(req, next);
    expect(seen[0]!.headers).toMatchObject({ accept: "text/plain", "x-ms-client-request-id": "mine" });
  });
});
