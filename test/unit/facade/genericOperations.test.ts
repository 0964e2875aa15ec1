/**
 * The facade builder over a made-up table: a long-running operation that answers 202 + `Location`
 * and reports progress in a nested field (`state.id`, as environment-group operations do), a poller
 * that waits for the start's Retry-After before its first poll, and a wait-until method. Nothing
 * here is specific to an operation of the specs.
 */
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildFacade } from "../../../src/client/facade.js";
import { ServiceRuntime } from "../../../src/client/serviceRuntime.js";
import type { OperationEntry, SurfaceEntry } from "../../../src/client/tables.js";
import { createManualClock } from "../../../src/index.js";
import { powerPlatformService } from "../../../src/services/powerPlatform.js";
import { settle } from "../../support/settle.js";
import { ENTRY_DEFAULTS } from "../../support/operationEntry.js";

const BASE = "https://generic.test";
const base = { ...ENTRY_DEFAULTS, environmentParam: "environmentId" };
const table: Record<string, OperationEntry> = {
  AddThing: { ...base, operationId: "AddThing", method: "post", path: "/things/{groupId}/add/{environmentId}", pathParams: ["groupId", "environmentId"], kind: "begin", longRunning: "location", poll: { operationId: null, idFrom: null, statusField: "state.id" }, successStatuses: [202] },
  GetThing: { ...base, operationId: "GetThing", method: "get", path: "/things/{groupId}", pathParams: ["groupId"], kind: "call", longRunning: null, poll: null, successStatuses: [200], safeToRetry: true, environmentParam: null },
};
const surface: SurfaceEntry[] = [
  { group: ["things"], method: "add", kind: "begin", operationId: "AddThing" },
  { group: ["things"], method: "waitUntilReady", kind: "wait", operationId: "GetThing", waitUntil: { field: "state", values: ["Ready"], timeoutInMs: 60_000 } },
];

const seen: string[] = [];
const answers: (() => Response)[] = [];
const server = setupServer(
  http.all(`${BASE}/*`, ({ request }) => {
    seen.push(`${request.method} ${new URL(request.url).pathname}${new URL(request.url).search}`);
    return answers.shift()?.() ?? HttpResponse.json({}, { status: 500 });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  seen.length = 0;
  answers.length = 0;
});
afterAll(() => server.close());

function facade() {
  const clock = createManualClock();
  const runtime = new ServiceRuntime(powerPlatformService, table, { endpoint: BASE, credential: { getToken: async () => ({ token: "t", expiresOnTimestamp: Date.now() + 3_600_000 }) }, clock, pollIntervalInMs: 1_000 });
  type Things = {
    things: {
      beginAdd(a: unknown): Promise<{ pollUntilDone(): Promise<unknown>; toString(): string; operationId: string }>;
      resumeAdd(s: string): { pollUntilDone(): Promise<unknown> };
      waitUntilReady(a: unknown): Promise<unknown>;
    };
  };
  return { clock, f: buildFacade(runtime, surface) as unknown as Things };
}


describe("a long-running operation from the table", () => {
  it("follows a 202's Location, reads the nested status field, and waits the start's Retry-After first", async () => {
    const { clock, f } = facade();
    const location = `${BASE}/thingOperations/op-7?api-version=1`;
    answers.push(
      () => new HttpResponse(null, { status: 202, headers: { Location: location, "Retry-After": "3" } }),
      () => HttpResponse.json({ state: { id: "Running" } }),
      () => HttpResponse.json({ state: { id: "Succeeded" } }),
    );
    const poller = await f.things.beginAdd({ groupId: "g1", environmentId: "e1" });
    expect(poller.operationId).toBe("op-7");
    const started = clock.now();
    const pending = settle(clock, poller.pollUntilDone());
    await expect(pending).resolves.toEqual({ state: { id: "Succeeded" } });
    expect(seen).toEqual(["POST /things/g1/add/e1?api-version=2024-10-01", "GET /thingOperations/op-7?api-version=1", "GET /thingOperations/op-7?api-version=1"]);
    expect(clock.now() - started).toBeGreaterThanOrEqual(3_000);
  });

  it("a Failed status rejects with OperationFailed; the state resumes elsewhere", async () => {
    const { clock, f } = facade();
    answers.push(() => new HttpResponse(null, { status: 202, headers: { Location: `${BASE}/thingOperations/op-8` } }));
    const saved = (await f.things.beginAdd({ groupId: "g1", environmentId: "e1" })).toString();
    expect(JSON.parse(saved)).toMatchObject({ kind: "power-platform-admin/add", operationId: "op-8", groupId: "g1", environmentId: "e1" });
    answers.push(() => HttpResponse.json({ state: { id: "Failed" }, error: { code: "Boom", message: "no" } }));
    await expect(settle(clock, f.things.resumeAdd(saved).pollUntilDone())).rejects.toMatchObject({ code: "OperationFailed", details: [{ code: "Boom" }] });
    expect(() => f.things.resumeAdd(saved.replace("/add", "/other"))).toThrow(TypeError);
  });

  it("a 202 without the declared header is an InvalidResponse, not a poller that cannot poll", async () => {
    const { f } = facade();
    answers.push(() => new HttpResponse(null, { status: 202 }));
    await expect(f.things.beginAdd({ groupId: "g1", environmentId: "e1" })).rejects.toMatchObject({ code: "InvalidResponse" });
  });
});

describe("a wait-until method from the table", () => {
  it("polls the GET until the field reads a final value (any case), and times out with Timeout", async () => {
    const { clock, f } = facade();
    answers.push(() => HttpResponse.json({ state: "Provisioning" }), () => HttpResponse.json({ state: "ready" }));
    await expect(settle(clock, f.things.waitUntilReady({ groupId: "g1" }))).resolves.toEqual({ state: "ready" });
    for (let i = 0; i < 5; i++) answers.push(() => HttpResponse.json({ state: "Provisioning" }));
    await expect(settle(clock, f.things.waitUntilReady({ groupId: "g1", timeoutInMs: 2_500 }))).rejects.toMatchObject({ code: "Timeout" });
    await expect(f.things.waitUntilReady({ groupId: "g1", pollIntervalInMs: -1 })).rejects.toThrow(RangeError);
  });
});
