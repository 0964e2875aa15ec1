/**
 * Website creation against the emulator while polling goes wrong: a 429 with Retry-After on a poll
 * and a connection lost during a poll are retried (a poll only reads), and the creation is still
 * followed to its end, with each wait as long as the service asked. Virtual time: no real waiting.
 */
import { describe, expect, it } from "vitest";
import { createVirtualClock, type LogEvent } from "../../src/index.js";
import { faultResponses } from "../../src/testing/index.js";
import { mountEmulators, platformClient, requestsFor } from "./harness.js";

const clock = createVirtualClock();
const { emulator } = mountEmulators({ seed: 13, clock, throttle: false, environments: 1, appsPerEnvironment: 1, operationDurationInMs: 10_000 });
const GET_SITE = "GetWebsiteById";
const client = (events?: LogEvent[]) => platformClient(emulator, { clock, pollIntervalInMs: 2_000, retry: { retryDelayInMs: 1, maxRetryDelayInMs: 60_000 } }, events);
const site = () => ({
  environmentId: emulator.state.environments[0]!.name,
  name: "Fabrikam",
  subdomain: "fabrikam-reliable",
  templateName: "BlankPage",
  selectedBaseLanguage: 1033,
  dataverseOrganizationId: "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b",
});

describe("polling a website creation through faults", () => {
  it("a 429 with Retry-After on a poll: waits as told, polls again, and the creation completes", async () => {
    const events: LogEvent[] = [];
    const pp = client(events);
    const poller = await pp.powerPages.websites.beginCreate(site());
    emulator.faults.add({ match: { operationId: GET_SITE }, respond: faultResponses.tooManyRequests(7) });
    const started = clock.now();
    const done = await poller.pollUntilDone();
    expect(done).toMatchObject({ status: "OperationComplete", packageInstallStatus: "Installed" });
    const polls = requestsFor(emulator, GET_SITE).map((e) => e.status);
    expect(polls[0]).toBe(429);
    expect(polls.at(-1)).toBe(200);
    expect(events.find((e) => e.type === "retry")).toMatchObject({ status: 429, delayInMs: 7_000 });
    // The creation takes 10 s on the emulator clock; the poller waited the start's Retry-After (5 s),
    // the 429's 7 s, then its interval: it ends once the operation is over, not before.
    expect(clock.now() - started).toBeGreaterThanOrEqual(10_000);
  });

  it("a connection lost during a poll: the poll is sent again and the creation completes", async () => {
    const pp = client();
    const poller = await pp.powerPages.websites.beginCreate(site());
    emulator.faults.add({ match: { operationId: GET_SITE }, respond: "network-error" });
    await expect(poller.pollUntilDone()).resolves.toMatchObject({ status: "OperationComplete" });
    const polls = requestsFor(emulator, GET_SITE).map((e) => e.status);
    expect(polls[0]).toBe(0); // the dropped one
    expect(polls.slice(1).every((s) => s === 200)).toBe(true);
    expect(emulator.state.resources(`/powerpages/environments/${emulator.state.environments[0]!.name}/websites`).some((w) => w.subdomain === "fabrikam-reliable")).toBe(true);
  });
});
