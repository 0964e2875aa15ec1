import { describe, expect, it } from "vitest";
import { createManualClock } from "../../../../src/core/manualClock.js";
import type { PipelineResponse } from "../../../../src/core/pipeline/pipeline.js";
import { resendHintOf } from "../../../../src/core/pipeline/resendHints.js";
import { tryTimeoutPolicy } from "../../../../src/core/pipeline/tryTimeout.js";
import { answer, request, scriptedNext } from "./policyHarness.js";

const hang = () => new Promise<PipelineResponse>(() => undefined);

describe("tryTimeoutPolicy", () => {
  it("passes an answer through and leaves no attempt signal behind", async () => {
    const req = request();
    const { next } = scriptedNext(answer);
    expect(await tryTimeoutPolicy({ tryTimeoutInMs: 1_000, clock: createManualClock() }).sendRequest(req, next)).toMatchObject({ status: 200 });
    expect(req.attemptSignal).toBeUndefined();
  });

  it("aborts a hanging attempt after tryTimeoutInMs with a Timeout error labelled for idempotent re-sends", async () => {
    const clock = createManualClock();
    let attemptSignal: AbortSignal | undefined;
    const { next } = scriptedNext((req) => ((attemptSignal = req.attemptSignal), hang()));
    const outcome = tryTimeoutPolicy({ tryTimeoutInMs: 1_000, clock }).sendRequest(request(), next).catch((e: unknown) => e);
    await clock.advance(1_000);
    const error = await outcome;
    expect(error).toMatchObject({ code: "Timeout", status: 0 });
    expect(resendHintOf(error)).toEqual({ resend: "idempotent" });
    expect(attemptSignal?.aborted).toBe(true);
  });

  it("ends the attempt with the caller's own abort reason", async () => {
    const controller = new AbortController();
    const { next } = scriptedNext(hang);
    const outcome = tryTimeoutPolicy({ tryTimeoutInMs: 1_000, clock: createManualClock() })
      .sendRequest(request({ signal: controller.signal }), next)
      .catch((e: unknown) => e);
    controller.abort(new Error("stop"));
    expect(await outcome).toMatchObject({ message: "stop" });
  });
});
