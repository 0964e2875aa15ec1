import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createManualClock } from "../../src/core/manualClock.js";
import { mount, mountBeside } from "./emulatorClient.js";

const clock = createManualClock();
const m = mount({ seed: 51, clock, throttle: { limit: 5, windowInMs: 10_000 } });
afterAll(() => m.close());
beforeEach(() => m.emulator.reset());

const capacity = (token?: string) => m.call("GetTenantCapacityDetails", token ? { token } : {});

describe("server-side throttle", () => {
  it("admits `limit` requests per window, then answers 429 with Retry-After in whole seconds of the emulator clock", async () => {
    for (let i = 0; i < 5; i++) {
      expect((await capacity()).status).toBe(200);
      await clock.advance(1_000);
    }
    // Requests at 0, 1, 2, 3, 4 s; now 5 s. The one at 0 s leaves the window at 10 s: 5 s to wait.
    const throttled = await capacity();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("5");
    expect(throttled.body.error.code).toBe("TooManyRequests");
    await clock.advance(4_500);
    const stillThrottled = await capacity();
    expect(stillThrottled.headers.get("retry-after")).toBe("1");
    await clock.advance(500);
    expect((await capacity()).status).toBe(200);
    expect(m.emulator.throttleReport()).toMatchObject({ admitted: 6, throttled: 2, maxAdmittedInAnyWindow: 5 });
  });

  it("counts each bearer token separately", async () => {
    for (let i = 0; i < 5; i++) expect((await capacity("a")).status).toBe(200);
    expect((await capacity("a")).status).toBe(429);
    expect((await capacity("b")).status).toBe(200);
    const report = m.emulator.throttleReport();
    expect(report.byToken.a).toEqual({ admitted: 5, throttled: 1, maxAdmittedInAnyWindow: 5 });
    expect(report.byToken.b).toEqual({ admitted: 1, throttled: 0, maxAdmittedInAnyWindow: 1 });
    expect(m.emulator.log.filter((e) => e.status === 429).map((e) => e.token)).toEqual(["a"]);
  });

  it("is an exact sliding window, not fixed buckets: no burst across a window boundary", async () => {
    await clock.advance(9_000);
    for (let i = 0; i < 5; i++) expect((await capacity()).status).toBe(200);
    await clock.advance(1_000); // a fixed 10 s bucket would reset here
    expect((await capacity()).status).toBe(429);
    expect(m.emulator.throttleReport().maxAdmittedInAnyWindow).toBe(5);
  });

  it("can be switched off, and still counts", async () => {
    const open = mountBeside(m, { seed: 51, throttle: false, baseUrl: "https://open.emulator.test" });
    try {
      for (let i = 0; i < 12; i++) expect((await open.call("GetTenantCapacityDetails")).status).toBe(200);
      expect(open.emulator.throttleReport()).toMatchObject({ admitted: 12, throttled: 0, maxAdmittedInAnyWindow: 12 });
    } finally {
      open.close();
    }
  });
});
