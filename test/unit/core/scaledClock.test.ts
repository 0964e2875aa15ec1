import { describe, expect, it } from "vitest";
import { createManualClock } from "../../../src/core/manualClock.js";
import { createScaledClock } from "../../../src/core/scaledClock.js";

describe("createScaledClock", () => {
  it("moves `factor` times faster than its base clock, for now() and sleep()", async () => {
    const base = createManualClock(1_000);
    const fast = createScaledClock(50, { base });
    expect(fast.now()).toBe(1_000);
    await base.advance(10);
    expect(fast.now()).toBe(1_500);
    let woke = false;
    void fast.sleep(60_000).then(() => (woke = true));
    await base.advance(1_199);
    expect(woke).toBe(false);
    await base.advance(1);
    expect(woke).toBe(true);
  });

  it("rejects a factor that is not positive", () => {
    expect(() => createScaledClock(0)).toThrow(RangeError);
    expect(() => createScaledClock(Number.NaN)).toThrow(RangeError);
  });
});
