import { describe, expect, it } from "vitest";
import { systemClock } from "../../../src/core/clock.js";
import { createVirtualClock } from "../../../src/core/virtualClock.js";
import { createManualClock } from "../../../src/core/manualClock.js";

describe("systemClock", () => {
  it("reads monotonic time", () => {
    const a = systemClock.now();
    const b = systemClock.now();
    expect(b).toBeGreaterThanOrEqual(a);
  });

  it("sleep rejects at once with the reason of an already-aborted signal", async () => {
    const reason = new Error("stop");
    await expect(systemClock.sleep(10_000, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it("sleep rejects with the signal's reason when aborted while waiting (and does not wait out the timer)", async () => {
    const controller = new AbortController();
    const sleeping = systemClock.sleep(60_000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toMatchObject({ name: "AbortError" });
  });

  it("sleep(0), a negative or a NaN sleep resolves at once", async () => {
    await expect(systemClock.sleep(0)).resolves.toBeUndefined();
    await expect(systemClock.sleep(-5)).resolves.toBeUndefined();
    await expect(systemClock.sleep(Number.NaN)).resolves.toBeUndefined();
  });
});

describe("createManualClock", () => {
  it("starts at the given time and moves only on advance", async () => {
    const clock = createManualClock(1000);
    expect(clock.now()).toBe(1000);
    await clock.advance(250);
    expect(clock.now()).toBe(1250);
  });

  it("wakes sleepers in time order, at their own time, and ties in start order", async () => {
    const clock = createManualClock();
    const woke: string[] = [];
    const sleepAndRecord = (name: string, ms: number): Promise<void> =>
      clock.sleep(ms).then(() => {
        woke.push(`${name}@${clock.now()}`);
      });
    void sleepAndRecord("c", 300);
    void sleepAndRecord("a", 100);
    void sleepAndRecord("b", 100);
    await clock.advance(250);
    expect(woke).toEqual(["a@100", "b@100"]);
    await clock.advance(50);
    expect(woke).toEqual(["a@100", "b@100", "c@300"]);
    expect(clock.pendingSleeps).toBe(0);
  });

  it("runs sleeps that a woken sleeper starts, when they fall inside the same advance", async () => {
    const clock = createManualClock();
    const times: number[] = [];
    void (async () => {
      for (let i = 0; i < 3; i++) {
        await clock.sleep(10);
        times.push(clock.now());
      }
    })();
    await clock.advance(30);
    expect(times).toEqual([10, 20, 30]);
  });

  it.each([
    ["manual", createManualClock],
    ["virtual", createVirtualClock],
  ])("an aborted sleep on a %s clock rejects with the reason and stops counting as pending", async (_name, createClock) => {
    const clock = createClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(100, controller.signal);
    expect(clock.pendingSleeps).toBe(1);
    controller.abort(new Error("cancelled"));
    await expect(sleeping).rejects.toThrow("cancelled");
    expect(clock.pendingSleeps).toBe(0);
  });

  it("refuses to go backwards", async () => {
    await expect(createManualClock().advance(-1)).rejects.toBeInstanceOf(RangeError);
  });
});
