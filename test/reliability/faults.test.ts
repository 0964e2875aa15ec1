/**
 * Every fault the emulator can inject, and what an SDK call makes of it: transient faults on a GET are
 * retried until the call succeeds; persistent ones end in a PowerPlatformError that says what happened.
 */
import { describe, expect, it } from "vitest";
import { createVirtualClock, PowerPlatformError, type LogEvent } from "../../src/index.js";
import { faultResponses } from "../../src/testing/index.js";
import { adminClient, firstApp, mountEmulators, rejectionOf, requestsFor } from "./harness.js";

// Both sides share a virtual clock: a "Retry-After: 2" or a per-try timeout costs no real time, and
// durations can be asserted exactly, since time moves only when every request waits on the clock.
const clock = createVirtualClock();
const LATENCY_URL = "https://latency.power-platform-admin.test";
const { emulators } = mountEmulators({ seed: 11, clock, throttle: false }, { seed: 11, clock, baseUrl: LATENCY_URL, latencyInMs: 150 });
const emulator = emulators[0]!;
const slowEmulator = emulators[1]!;

const GET_APP = "Get-AdminApp";
const client = (retry: { maxRetries?: number; tryTimeoutInMs?: number } = {}, events?: LogEvent[]) =>
  adminClient(emulator, { clock, retry: { retryDelayInMs: 1, maxRetryDelayInMs: 10_000, ...retry } }, events);
const getApp = (c = client()) => c.apps.get(firstApp(emulator));
const onGetApp = { operationId: GET_APP };

describe("transient faults on a GET are retried until the call succeeds", () => {
  it("429 with Retry-After in seconds: waits as told, then succeeds on the second request", async () => {
    const events: LogEvent[] = [];
    emulator.faults.add({ match: onGetApp, respond: faultResponses.tooManyRequests(2) });
    const app = await getApp(client({}, events));
    expect(app.name).toBe(firstApp(emulator).app);
    expect(requestsFor(emulator, GET_APP).map((e) => e.status)).toEqual([429, 200]);
    expect(events.find((e) => e.type === "retry")).toMatchObject({ status: 429, delayInMs: 2000 });
  });

  it("429 with Retry-After as an HTTP date: waits until then, then succeeds", async () => {
    emulator.faults.add({ match: onGetApp, respond: faultResponses.tooManyRequests(new Date(Date.now() + 3000)) });
    await expect(getApp()).resolves.toMatchObject({ name: firstApp(emulator).app });
    expect(requestsFor(emulator, GET_APP).map((e) => e.status)).toEqual([429, 200]);
  });

  it.each([500, 502, 503, 504] as const)("%i once: succeeds on the second request", async (status) => {
    emulator.faults.add({ match: onGetApp, respond: faultResponses.serverError(status) });
    await expect(getApp()).resolves.toMatchObject({ name: firstApp(emulator).app });
    expect(requestsFor(emulator, GET_APP).map((e) => e.status)).toEqual([status, 200]);
  });

  it("a broken connection once: succeeds on the second request", async () => {
    emulator.faults.add({ match: onGetApp, respond: "network-error" });
    await expect(getApp()).resolves.toMatchObject({ name: firstApp(emulator).app });
    expect(requestsFor(emulator, GET_APP).map((e) => e.status)).toEqual([0, 200]);
  });

  it("an attempt that hangs is cut off by tryTimeoutInMs and retried", async () => {
    emulator.faults.add({ match: onGetApp, respond: "hang" });
    // After 200 ms the hanging attempt is abandoned; the retry (after its 1 ms backoff at most) answers.
    const c = adminClient(emulator, { clock, retry: { retryDelayInMs: 1, tryTimeoutInMs: 200 } });
    const started = clock.now();
    await expect(c.apps.get(firstApp(emulator))).resolves.toMatchObject({ name: firstApp(emulator).app });
    expect(clock.now() - started).toBeGreaterThanOrEqual(200);
    expect(clock.now() - started).toBeLessThanOrEqual(201);
    expect(requestsFor(emulator, GET_APP).filter((e) => e.status === 200)).toHaveLength(1);
  });

  it("a 200 with truncated JSON once: the body is rejected and the GET re-sent", async () => {
    emulator.faults.add({ match: onGetApp, respond: "truncated-json" });
    await expect(getApp()).resolves.toMatchObject({ name: firstApp(emulator).app });
    expect(requestsFor(emulator, GET_APP).map((e) => e.fault)).toEqual([true, false]);
  });

  it("a slow service: the answer comes late but the call succeeds, with one request", async () => {
    const c = adminClient(slowEmulator, { clock });
    const started = clock.now();
    await expect(c.apps.get(firstApp(slowEmulator))).resolves.toMatchObject({ name: firstApp(slowEmulator).app });
    expect(clock.now() - started).toBe(150);
    expect(requestsFor(slowEmulator, GET_APP)).toHaveLength(1);
  });

  it("a fault with latency: the late 504 is retried and the call succeeds", async () => {
    emulator.faults.add({ match: onGetApp, latencyInMs: 5_000, respond: faultResponses.serverError(504) });
    await expect(getApp()).resolves.toMatchObject({ name: firstApp(emulator).app });
    expect(requestsFor(emulator, GET_APP).map((e) => e.status)).toEqual([504, 200]);
  });
});

describe("persistent faults end in a PowerPlatformError after bounded retries", () => {
  it("503 forever: status 503 after exactly maxRetries + 1 attempts", async () => {
    emulator.faults.add({ match: onGetApp, times: Infinity, respond: faultResponses.serverError(503) });
    const error = await rejectionOf(getApp(client({ maxRetries: 2 })));
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(error).toMatchObject({ status: 503, code: "ServiceUnavailable", method: "GET" });
    expect(requestsFor(emulator, GET_APP)).toHaveLength(3);
  });

  it("the default bound is 3 retries (4 attempts)", async () => {
    emulator.faults.add({ match: onGetApp, times: Infinity, respond: faultResponses.serverError(500) });
    await expect(getApp()).rejects.toMatchObject({ status: 500 });
    expect(requestsFor(emulator, GET_APP)).toHaveLength(4);
  });

  it("an HTML 502 page forever: the error carries a short, readable excerpt of the page", async () => {
    emulator.faults.add({ match: onGetApp, times: Infinity, respond: faultResponses.html(502) });
    const error = (await rejectionOf(getApp(client({ maxRetries: 1 })))) as PowerPlatformError;
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(error.status).toBe(502);
    expect(error.body).toMatch(/invalid response while acting as a gateway/);
    expect(error.body!.length).toBeLessThanOrEqual(500);
    expect(error.body).not.toMatch(/<html|<body/i);
    expect(error.message).toMatch(/502/);
  });

  it("an empty 503 forever: the message still names the status and the request", async () => {
    emulator.faults.add({ match: onGetApp, times: Infinity, respond: faultResponses.empty(503) });
    const error = (await rejectionOf(getApp(client({ maxRetries: 1 })))) as PowerPlatformError;
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/503/);
    expect(error.message).toMatch(/GET/);
    expect(error.message).toMatch(/empty body/);
  });

  it("a broken connection forever: status 0, code NetworkError, after maxRetries + 1 attempts", async () => {
    emulator.faults.add({ match: onGetApp, times: Infinity, respond: "network-error" });
    const error = await rejectionOf(getApp(client({ maxRetries: 2 })));
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(error).toMatchObject({ status: 0, code: "NetworkError" });
    expect(requestsFor(emulator, GET_APP)).toHaveLength(3);
  });

  it("a 429 asking for longer than maxRetryDelayInMs: fails at once with code Throttled", async () => {
    emulator.faults.add({ match: onGetApp, respond: faultResponses.tooManyRequests(60) });
    const error = await rejectionOf(getApp(adminClient(emulator, { clock, retry: { maxRetryDelayInMs: 5_000 } })));
    expect(error).toMatchObject({ status: 429, code: "Throttled", retryAfterInMs: 60_000 });
    expect(requestsFor(emulator, GET_APP)).toHaveLength(1);
  });
});
