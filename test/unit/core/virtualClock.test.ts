import { describe, expect, it } from "vitest";
import { createVirtualClock } from "../../../src/core/virtualClock.js";

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe("createVirtualClock", () => {
  it("jumps straight to each sleeper's time, in time order, ties in start order", async () => {
    const clock = createVirtualClock(1000);
    const woke: string[] = [];
    const sleepAndRecord = (name: string, ms: number) => clock.sleep(ms).then(() => woke.push(`${name}@${clock.now()}`));
    await Promise.all([sleepAndRecord("c", 60_000), sleepAndRecord("a", 100), sleepAndRecord("b", 100)]);
    expect(woke).toEqual(["a@1100", "b@1100", "c@61000"]);
    expect(clock.pendingSleeps).toBe(0);
  });

  it("does not move while promise work is still running, however long it takes", async () => {
    const clock = createVirtualClock();
    let steps = 0;
    const busy = (async () => {
      for (let i = 0; i < 10_000; i++) {
        await Promise.resolve();
        steps++;
      }
      return clock.now();
    })();
    await clock.sleep(5);
    expect(steps).toBe(10_000);
    expect(await busy).toBe(0);
  });

  it("serves a chain of sleeps at exact times", async () => {
    const clock = createVirtualClock();
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      await clock.sleep(10);
      times.push(clock.now());
    }
    expect(times).toEqual([10, 20, 30]);
  });

  it("holds time still while tracked work is pending, even across real macrotasks", async () => {
    const clock = createVirtualClock();
    const gate = deferred();
    const order: string[] = [];
    const tracked = clock.track(gate.promise.then(() => order.push(`tracked@${clock.now()}`)));
    const sleeping = clock.sleep(1).then(() => order.push(`sleeper@${clock.now()}`));
    // Several event-loop turns pass with only the sleeper waiting on the clock; the tracked work holds it.
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    gate.resolve();
    await Promise.all([tracked, sleeping]);
    expect(order).toEqual(["tracked@0", "sleeper@1"]);
  });

  it("track passes the work's rejection through and still releases time", async () => {
    const clock = createVirtualClock();
    await expect(clock.track(Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await clock.sleep(7);
    expect(clock.now()).toBe(7);
  });

  it("a sleep on an aborted signal rejects at once; 0, negative and NaN resolve at once", async () => {
    const clock = createVirtualClock();
    await expect(clock.sleep(1, AbortSignal.abort(new Error("early")))).rejects.toThrow("early");
    await Promise.all([clock.sleep(0), clock.sleep(-5), clock.sleep(Number.NaN)]);
    expect(clock.now()).toBe(0);
    expect(clock.pendingSleeps).toBe(0);
  });

  it("trackFetch holds time until the body is read, and returns an equivalent response", async () => {
    const clock = createVirtualClock();
    const gate = deferred();
    const impl = async (input: RequestInfo | URL) => {
      const body = new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(new TextEncoder().encode('{"value":'));
          await gate.promise; // the rest of the body arrives "later"
          controller.enqueue(new TextEncoder().encode("[1]}"));
          controller.close();
        },
      });
      const response = new Response(body, { status: 200, headers: { "content-type": "application/json", "x-id": "7" } });
      Object.defineProperty(response, "url", { value: String(input) });
      return response;
    };
    const tracked = clock.trackFetch(impl as typeof fetch);
    const woke: number[] = [];
    void clock.sleep(1).then(() => woke.push(clock.now()));
    const pending = tracked("https://service.test/items");
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(woke).toEqual([]);
    gate.resolve();
    const response = await pending;
    expect(response.status).toBe(200);
    expect(response.url).toBe("https://service.test/items");
    expect(response.headers.get("x-id")).toBe("7");
    expect(await response.json()).toEqual({ value: [1] });
    await clock.sleep(1);
    expect(woke).toEqual([1]);

    const empty = await clock.trackFetch(async () => new Response(null, { status: 204 }))("https://service.test/x");
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });
});
