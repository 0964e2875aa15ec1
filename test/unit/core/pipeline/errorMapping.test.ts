import { describe, expect, it } from "vitest";
import { PowerPlatformError } from "../../../../src/core/errors.js";
import { errorMappingPolicy } from "../../../../src/core/pipeline/errorMapping.js";
import { resendHintOf } from "../../../../src/core/pipeline/resendHints.js";
import { answer, request, scriptedNext } from "./policyHarness.js";

const WALL = Date.UTC(2026, 0, 1);
const policy = errorMappingPolicy({ now: () => WALL });
const mapped = async (step: Parameters<typeof scriptedNext>[0], method = "GET") =>
  policy.sendRequest(request({ method }), scriptedNext(step).next).catch((e: unknown) => e);
const networkError = (code: string) => new TypeError("fetch failed", { cause: Object.assign(new Error(`connect ${code}`), { code }) });

describe("errorMappingPolicy", () => {
  it("passes 2xx and 3xx answers through", async () => {
    expect(await mapped((req) => answer(req, 200))).toMatchObject({ status: 200 });
    expect(await mapped((req) => answer(req, 302))).toMatchObject({ status: 302 });
  });

  it("maps an error status with the service's body, Retry-After and a label by status", async () => {
    const throttled = await mapped((req) => answer(req, 429, { "retry-after": "7" }));
    expect(throttled).toMatchObject({ status: 429, code: "Throttled", retryAfterInMs: 7_000 });
    expect(resendHintOf(throttled)).toEqual({ resend: "any" });
    const busy = await mapped((req) => answer(req, 503, {}, '{"error":{"code":"Busy","message":"later"}}'));
    expect(busy).toMatchObject({ code: "Busy", message: expect.stringContaining("later") });
    expect(resendHintOf(busy)).toEqual({ resend: "idempotent" });
    expect(resendHintOf(await mapped((req) => answer(req, 404)))).toBeUndefined();
  });

  it("labels a 401 claims challenge with the decoded claims", async () => {
    const error = await mapped((req) => answer(req, 401, { "www-authenticate": `Bearer error="insufficient_claims", claims="${btoa('{"a":1}')}"` }));
    expect(resendHintOf(error)).toEqual({ claims: '{"a":1}' });
  });

  it("maps send failures to NetworkError: refused → any method, reset → idempotent only", async () => {
    const refused = await mapped(() => Promise.reject(networkError("ECONNREFUSED")), "POST");
    expect(refused).toBeInstanceOf(PowerPlatformError);
    expect(refused).toMatchObject({ status: 0, code: "NetworkError" });
    expect(resendHintOf(refused)).toEqual({ resend: "any" });
    expect(resendHintOf(await mapped(() => Promise.reject(networkError("ECONNRESET"))))).toEqual({ resend: "idempotent" });
    expect(resendHintOf(await mapped(() => Promise.reject(new Error("odd"))))).toBeUndefined();
  });
});
