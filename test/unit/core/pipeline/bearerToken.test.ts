import { describe, expect, it } from "vitest";
import { createManualClock } from "../../../../src/core/manualClock.js";
import { authorizationPolicy } from "../../../../src/core/pipeline/authorization.js";
import { bearerTokenPolicy } from "../../../../src/core/pipeline/bearerToken.js";
import { resendHintOf } from "../../../../src/core/pipeline/resendHints.js";
import { answer, request, scriptedNext } from "./policyHarness.js";

const SCOPE = "https://api.powerplatform.com/.default";

function tokens(...values: string[]) {
  const calls: (string | undefined)[] = [];
  return { calls, getToken: async (_scope: string, options?: { claims?: string }) => (calls.push(options?.claims), values.shift() ?? "T") };
}

describe("bearerTokenPolicy", () => {
  it("obtains the token (with pending claims) and hands it inward without a header yet", async () => {
    const clock = createManualClock();
    const source = tokens("abc");
    const { next, seen } = scriptedNext(answer);
    const req = request();
    req.claims = "{}";
    await bearerTokenPolicy({ tokens: source, scope: SCOPE, clock }).sendRequest(req, next);
    expect(req.token?.value).toBe("abc");
    expect(req.claims).toBeUndefined();
    expect(source.calls).toEqual(["{}"]);
    expect(seen[0]!.headers.authorization).toBeUndefined();
  });

  it.each(["abc\r\nx-evil: 1", "abc def", "", "abc\u0000"])("refuses a token that is no header value (%j) without echoing it", async (bad) => {
    const { next, seen } = scriptedNext(answer);
    const error = await bearerTokenPolicy({ tokens: tokens(bad), scope: SCOPE, clock: createManualClock() }).sendRequest(request(), next).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "AuthenticationFailed" });
    if (bad) expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain(bad);
    expect(resendHintOf(error)).toBeUndefined();
    expect(seen).toHaveLength(0);
  });

  it.each(["http://example.com/x", "https://user:pw@api.powerplatform.com/x"])("refuses to send a token to %s (TypeError, no token asked)", async (url) => {
    const source = tokens();
    const { next } = scriptedNext(answer);
    const error = await bearerTokenPolicy({ tokens: source, scope: SCOPE, clock: createManualClock() }).sendRequest(request({ url }), next).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(String(error)).not.toContain("pw@");
    expect(source.calls).toHaveLength(0);
  });
});

describe("authorizationPolicy", () => {
  it("sets the header from the token obtained, asking again only when time passed (a wait for a slot)", async () => {
    const clock = createManualClock();
    const source = tokens("fresh");
    const policy = authorizationPolicy({ tokens: source, scope: SCOPE, clock });
    const { next, seen } = scriptedNext(answer, answer);
    const req = request();
    req.token = { value: "early", obtainedAt: clock.now() };
    await policy.sendRequest(req, next);
    expect(seen[0]!.headers.authorization).toBe("Bearer early");
    expect(source.calls).toHaveLength(0);
    await clock.advance(10);
    await policy.sendRequest(req, next);
    expect(seen[1]!.headers.authorization).toBe("Bearer fresh");
  });
});
