/**
 * Writes (POST actions) are never re-sent after the service may have acted on them: a 5xx or a broken
 * connection fails the call after one request. Only a 429, which means "not processed", is re-sent.
 */
import { describe, expect, it } from "vitest";
import { createVirtualClock, PowerPlatformError } from "../../src/index.js";
import { faultResponses } from "../../src/testing/index.js";
import { adminClient, firstApp, mountEmulators, rejectionOf, requestsFor } from "./harness.js";

// A virtual clock shared with the emulator: Retry-After waits cost no real time, and no per-try timeout can fire while a request is being handled.
const clock = createVirtualClock();
const { emulator } = mountEmulators({ seed: 37, clock, throttle: false });

const SET = "Set-AppQuarantineState";
const quarantineOf = () => {
  const { environment, app } = firstApp(emulator);
  return emulator.state.app(environment, app)?.properties?.executionRestrictions?.appQuarantineState?.quarantineStatus;
};
const quarantine = () => adminClient(emulator, { clock }).apps.setQuarantineState({ ...firstApp(emulator), quarantineStatus: "Quarantined" });
const posts = () => emulator.log.filter((e) => e.method === "POST");

describe("POST actions under faults", () => {
  it("without faults: one POST, and the state changes", async () => {
    expect(quarantineOf()).not.toBe("Quarantined");
    await quarantine();
    expect(posts()).toHaveLength(1);
    expect(quarantineOf()).toBe("Quarantined");
  });

  it("a 503 rejects the call after exactly one POST, and the state is untouched", async () => {
    const before = quarantineOf();
    emulator.faults.add({ match: { operationId: SET }, respond: faultResponses.serverError(503) });
    const error = await rejectionOf(quarantine());
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(error).toMatchObject({ status: 503, method: "POST" });
    expect(posts()).toHaveLength(1);
    expect(quarantineOf()).toBe(before);
  });

  it("a 503 with Retry-After is still not re-sent", async () => {
    emulator.faults.add({ match: { operationId: SET }, respond: faultResponses.serverError(503, 1) });
    await expect(quarantine()).rejects.toMatchObject({ status: 503 });
    expect(posts()).toHaveLength(1);
  });

  it("a 429 with Retry-After is re-sent once, and the state changes once", async () => {
    emulator.faults.add({ match: { operationId: SET }, respond: faultResponses.tooManyRequests(1) });
    await quarantine();
    expect(requestsFor(emulator, SET).map((e) => e.status)).toEqual([429, 200]);
    expect(requestsFor(emulator, SET).filter((e) => !e.fault)).toHaveLength(1);
    expect(quarantineOf()).toBe("Quarantined");
  });

  it("a broken connection rejects the call after exactly one POST", async () => {
    emulator.faults.add({ match: { operationId: SET }, respond: "network-error" });
    const error = await rejectionOf(quarantine());
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(error).toMatchObject({ status: 0, code: "NetworkError", method: "POST" });
    expect(posts()).toHaveLength(1);
  });

  it("a truncated 200 to a POST is reported, not re-sent (the service may already have acted)", async () => {
    emulator.faults.add({ match: { operationId: SET }, respond: "truncated-json" });
    await expect(quarantine()).rejects.toMatchObject({ code: "InvalidResponse" });
    expect(posts()).toHaveLength(1);
  });
});
