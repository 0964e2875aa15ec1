import { describe, expect, it } from "vitest";
import { PowerPlatformError } from "../../../../src/core/errors.js";
import { createManualClock } from "../../../../src/core/manualClock.js";
import { createLogSink, type LogEvent } from "../../../../src/core/pipeline/logging.js";
import { withResendHint, type ResendHint } from "../../../../src/core/pipeline/resendHints.js";
import { retryPolicy } from "../../../../src/core/pipeline/retries.js";
import { resolveRetryOptions } from "../../../../src/core/retryPolicy.js";
import { answer, request, scriptedNext } from "./policyHarness.js";

const failure = (hint?: ResendHint, extra: { status?: number; retryAfterInMs?: number } = {}) => () => {
  const error = new PowerPlatformError({ status: extra.status ?? 503, code: "Busy", message: "busy", method: "GET", url: "", ...extra });
  throw hint ? withResendHint(error, hint) : error;
};

function setup(maxRetries = 3) {
  const clock = createManualClock();
  const events: LogEvent[] = [];
  const policy = retryPolicy({ retry: resolveRetryOptions({ maxRetries }), clock, random: () => 1, log: createLogSink((e) => events.push(e)) });
  return { clock, events, policy };
}

async function run(clock: ReturnType<typeof createManualClock>, promise: Promise<unknown>, advanceMs = 60_000) {
  const outcome: { value?: unknown; error?: unknown } = {};
  const done = promise.then((value) => (outcome.value = value), (error: unknown) => (outcome.error = error));
  await clock.advance(advanceMs);
  await done;
  return outcome;
}

describe("retryPolicy", () => {
  it("never re-sends an error no policy labelled", async () => {
    const { clock, policy } = setup();
    const { next, seen } = scriptedNext(failure(), answer);
    expect((await run(clock, policy.sendRequest(request(), next))).error).toMatchObject({ code: "Busy" });
    expect(seen).toHaveLength(1);
  });

  it("re-sends an `idempotent` failure for a GET, not for a POST", async () => {
    const a = setup();
    const get = scriptedNext(failure({ resend: "idempotent" }), answer);
    expect((await run(a.clock, a.policy.sendRequest(request(), get.next))).value).toMatchObject({ status: 200 });
    expect(get.seen.map((s) => s.attempt)).toEqual([1, 2]);
    const b = setup();
    const post = scriptedNext(failure({ resend: "idempotent" }), answer);
    await run(b.clock, b.policy.sendRequest(request({ method: "POST", body: "{}" }), post.next));
    expect(post.seen).toHaveLength(1);
  });

  it("lets the request's safeToRetry (from the operation table) decide over its method", async () => {
    // A POST the spec marks as a read (x-ppadmin-safe-to-retry) is re-sent like a GET ...
    const a = setup();
    const read = scriptedNext(failure({ resend: "idempotent" }), answer);
    expect((await run(a.clock, a.policy.sendRequest(request({ method: "POST", body: "{}" }), read.next), 60_000)).error).toBeDefined();
    const b = setup();
    const marked = scriptedNext(failure({ resend: "idempotent" }), answer);
    const post = { ...request({ method: "POST", body: "{}" }), safeToRetry: true };
    expect((await run(b.clock, b.policy.sendRequest(post, marked.next))).value).toMatchObject({ status: 200 });
    expect(marked.seen.map((s) => s.attempt)).toEqual([1, 2]);
    // ... and a GET an operation says is not safe stays a single send.
    const c = setup();
    const unsafe = scriptedNext(failure({ resend: "idempotent" }), answer);
    await run(c.clock, c.policy.sendRequest({ ...request(), safeToRetry: false }, unsafe.next));
    expect(unsafe.seen).toHaveLength(1);
    expect(read.seen).toHaveLength(1);
  });

  it("re-sends an `any` failure even for a POST, after exactly its Retry-After", async () => {
    const { clock, policy } = setup();
    const { next, seen } = scriptedNext(failure({ resend: "any" }, { status: 429, retryAfterInMs: 2_500 }), answer);
    const call = policy.sendRequest(request({ method: "POST" }), next);
    await clock.advance(2_499);
    expect(seen).toHaveLength(1);
    await clock.advance(1);
    expect(seen).toHaveLength(2);
    expect(await call).toMatchObject({ status: 200 });
  });

  it("answers one claims challenge with an immediate re-send carrying the claims, and only one", async () => {
    const { clock, policy } = setup();
    const { next, seen } = scriptedNext(failure({ claims: "{}" }, { status: 401 }), failure({ claims: "{}" }, { status: 401 }), answer);
    const req = request();
    const outcome = await run(clock, policy.sendRequest(req, next), 0);
    expect(outcome.error).toMatchObject({ status: 401 });
    expect(seen).toHaveLength(2);
    expect(req.claims).toBe("{}"); // set for the second attempt's token
  });

  it("makes maxRetries + 1 attempts and logs each retry and the final error", async () => {
    const { clock, events, policy } = setup(2);
    const { next, seen } = scriptedNext(...Array.from({ length: 5 }, () => failure({ resend: "idempotent" })));
    expect((await run(clock, policy.sendRequest(request(), next))).error).toMatchObject({ code: "Busy" });
    expect(seen).toHaveLength(3);
    expect(events.map((e) => `${e.type}:${e.delayInMs ?? ""}`)).toEqual(["retry:800", "retry:1600", "error:"]);
  });

  it("gives up at once when Retry-After exceeds maxRetryDelayInMs", async () => {
    const { clock, policy } = setup();
    const { next, seen } = scriptedNext(failure({ resend: "any" }, { status: 429, retryAfterInMs: 3_600_000 }), answer);
    expect((await run(clock, policy.sendRequest(request(), next), 0)).error).toMatchObject({ retryAfterInMs: 3_600_000 });
    expect(seen).toHaveLength(1);
  });
});
