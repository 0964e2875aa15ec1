import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { createManualClock } from "../../src/core/manualClock.js";
import { faultResponses } from "../../src/testing/index.js";
import { mount, urlOf } from "./emulatorClient.js";
import { billingPolicyBody } from "./requestBodies.js";

const clock = createManualClock();
const m = mount({ seed: 61, clock });
afterAll(() => m.close());
beforeEach(() => m.emulator.reset());

const env = () => m.emulator.state.environments[0]!.name;
const listApps = () => m.call("Get-AdminApps", { params: { environment: env() }, query: { $top: "2" } });

describe("fault injection", () => {
  it("answers the next N matching requests with the scripted response, then the real one", async () => {
    const fault = m.emulator.faults.add({ match: { operationId: "Get-AdminApps" }, times: 2, respond: { status: 418, headers: { "x-why": "teapot" }, body: { error: { code: "Teapot", message: "no" } } } });
    const first = await listApps();
    expect(first.status).toBe(418);
    expect(first.headers.get("x-why")).toBe("teapot");
    expect(first.body.error.code).toBe("Teapot");
    expect((await m.call("GetTenantCapacityDetails")).status).toBe(200);
    expect((await listApps()).status).toBe(418);
    expect((await listApps()).status).toBe(200);
    expect(fault.fired).toBe(2);
    expect(m.emulator.faults.report()).toEqual([{ id: fault.id, match: { operationId: "Get-AdminApps" }, respond: "status 418", times: 2, fired: 2, remaining: 0 }]);
    expect(m.emulator.log.filter((e) => e.fault).map((e) => e.status)).toEqual([418, 418]);
  });

  it("matches on method, path prefix and RegExp", async () => {
    m.emulator.faults.add({ match: { method: "post", path: "/licensing/" }, respond: faultResponses.serverError(503, 7) });
    m.emulator.faults.add({ match: { path: /\/apps$/ }, respond: faultResponses.serverError(502) });
    expect((await m.call("GetTenantCapacityDetails")).status).toBe(200);
    const unavailable = await m.call("CreateBillingPolicy", { body: billingPolicyBody("x") });
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("retry-after")).toBe("7");
    expect((await listApps()).status).toBe(502);
  });

  it("is checked before any state change: an injected failure leaves the tenant untouched", async () => {
    const app = m.emulator.state.apps(env())[0]!.name;
    m.emulator.faults.add({ match: { operationId: "Remove-AdminApp" }, respond: faultResponses.serverError(500) });
    expect((await m.call("Remove-AdminApp", { params: { environment: env(), app } })).status).toBe(500);
    expect(m.emulator.state.app(env(), app)).toBeDefined();
    const policies = m.emulator.state.billingPolicies.length;
    m.emulator.faults.add({ match: { operationId: "CreateBillingPolicy" }, respond: "network-error" });
    await expect(m.call("CreateBillingPolicy", { body: billingPolicyBody("y") })).rejects.toThrow(TypeError);
    expect(m.emulator.state.billingPolicies).toHaveLength(policies);
  });

  it("builds 429 with Retry-After in seconds or as an HTTP date", async () => {
    const until = new Date("2030-01-01T00:00:30Z");
    m.emulator.faults.add({ respond: faultResponses.tooManyRequests(12) });
    m.emulator.faults.add({ respond: faultResponses.tooManyRequests(until) });
    const seconds = await listApps();
    expect(seconds.status).toBe(429);
    expect(seconds.headers.get("retry-after")).toBe("12");
    expect(seconds.body.error.code).toBe("TooManyRequests");
    const date = await listApps();
    expect(date.headers.get("retry-after")).toBe("Tue, 01 Jan 2030 00:00:30 GMT");
  });

  it("builds 500/502/503/504, an HTML page and an empty body", async () => {
    for (const status of [500, 502, 503, 504] as const) {
      m.emulator.faults.add({ respond: faultResponses.serverError(status) });
      const answer = await listApps();
      expect(answer.status).toBe(status);
      expect(answer.body.error.code).toMatch(/^[A-Z]/);
    }
    m.emulator.faults.add({ respond: faultResponses.html(502) });
    const html = await listApps();
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    expect(html.body).toMatch(/^<!DOCTYPE html>/);
    m.emulator.faults.add({ respond: faultResponses.empty(503) });
    const empty = await listApps();
    expect(empty.status).toBe(503);
    expect(empty.body).toBeUndefined();
  });

  it("fails the connection with network-error", async () => {
    m.emulator.faults.add({ match: { operationId: "Get-AdminApps" }, respond: "network-error" });
    await expect(listApps()).rejects.toThrow(TypeError);
    expect(m.emulator.log.at(-1)).toMatchObject({ operationId: "Get-AdminApps", status: 0, fault: true });
  });

  it("hangs until the request is aborted", async () => {
    m.emulator.faults.add({ respond: "hang" });
    const controller = new AbortController();
    const pending = m.call("GetTenantCapacityDetails", { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(m.emulator.log).toHaveLength(0);
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    await new Promise((resolve) => setImmediate(resolve));
    expect(m.emulator.log.at(-1)).toMatchObject({ status: 0, fault: true });
  });

  it("sends 200 with truncated JSON", async () => {
    m.emulator.faults.add({ respond: "truncated-json" });
    const response = await fetch(urlOf(m.emulator.baseUrl, "GetTenantCapacityDetails"), { headers: { authorization: "Bearer t" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/json/);
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it("delays a fault's answer by its latency on the emulator clock", async () => {
    m.emulator.faults.add({ latencyInMs: 2_000, respond: faultResponses.serverError(504) });
    let settled = false;
    const pending = listApps().then((answer) => ((settled = true), answer));
    await clock.advance(1_999);
    expect(settled).toBe(false);
    await clock.advance(1);
    expect((await pending).status).toBe(504);
  });

  it("is cleared by clear() and by reset()", async () => {
    m.emulator.faults.add({ times: Infinity, respond: faultResponses.serverError(500) });
    m.emulator.faults.clear();
    expect((await listApps()).status).toBe(200);
    const handle = m.emulator.faults.add({ times: 3, respond: faultResponses.empty(500) });
    handle.remove();
    expect(m.emulator.faults.report()).toEqual([]);
  });
});
