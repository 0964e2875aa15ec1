/**
 * The runtime over a made-up table, for what the spec extensions add: a list paged by token
 * (`x-ppadmin-paging: {style: continuationToken}`: the answer's token sent back as a query parameter of the same request),
 * spec-named final poll values, a start that is already done (200/201/204 with nothing to poll), and
 * a 409 on a start turned into an OperationInProgressError from the `runningFrom` list. Nothing here
 * is specific to an operation of the specs.
 */
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildFacade } from "../../../src/client/facade.js";
import { OperationInProgressError } from "../../../src/client/operationInProgress.js";
import { ServiceRuntime } from "../../../src/client/serviceRuntime.js";
import type { OperationEntry, SurfaceEntry } from "../../../src/client/tables.js";
import { readListPage } from "../../../src/client/listPaging.js";
import { createManualClock, PowerPlatformError } from "../../../src/index.js";
import { powerPlatformService } from "../../../src/services/powerPlatform.js";
import { readSurfaceExtension } from "../../../scripts/lib/surfaceExtension.js";
import { settle } from "../../support/settle.js";
import { ENTRY_DEFAULTS } from "../../support/operationEntry.js";

const BASE = "https://tokens.test";
const base = { ...ENTRY_DEFAULTS, environmentParam: "environmentId" };
const lifecyclePoll = { operationId: "GetThingOperation", idFrom: "operationId", statusField: "status", succeededValues: ["Succeeded", "NoOperation"], failedValues: ["Failed", "ValidationFailed"], runningFrom: "ListThingOperations" };
const table: Record<string, OperationEntry> = {
  ListThingOperations: {
    ...base,
    operationId: "ListThingOperations",
    method: "get",
    path: "/envs/{environmentId}/operations",
    pathParams: ["environmentId"],
    queryParams: ["api-version", "limit", "continuationToken"],
    kind: "list",
    longRunning: null,
    poll: null,
    successStatuses: [200],
    safeToRetry: true,
    itemName: "collection",
    paging: { style: "continuationToken", tokenParam: "continuationToken", tokenField: "continuationToken", sizeParam: "limit", itemsWithin: null },
  },
  StartThing: { ...base, operationId: "StartThing", method: "post", path: "/envs/{environmentId}/start", pathParams: ["environmentId"], kind: "begin", longRunning: "location", poll: lifecyclePoll, successStatuses: [201, 202, 204] },
  GetThingOperation: { ...base, operationId: "GetThingOperation", method: "get", path: "/operations/{operationId}", pathParams: ["operationId"], kind: "call", longRunning: null, poll: null, successStatuses: [200], safeToRetry: true, environmentParam: null },
};
const surface: SurfaceEntry[] = [
  { group: ["things"], method: "listOperations", kind: "list", operationId: "ListThingOperations" },
  { group: ["things"], method: "start", kind: "begin", operationId: "StartThing" },
];

const seen: string[] = [];
const answers: ((request: Request) => Response)[] = [];
const server = setupServer(
  http.all(`${BASE}/*`, ({ request }) => {
    const url = new URL(request.url);
    seen.push(`${request.method} ${url.pathname}${url.search}`);
    return answers.shift()?.(request) ?? HttpResponse.json({}, { status: 500 });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  seen.length = 0;
  answers.length = 0;
});
afterAll(() => server.close());

type Poller = { pollUntilDone(): Promise<unknown>; toString(): string; operationId: string; isDone(): boolean };
type Things = {
  things: {
    listOperations(a: unknown): AsyncIterableIterator<{ operationId: string }> & { byPage(s?: unknown): AsyncIterableIterator<{ operationId: string }[] & { continuationToken?: string }> };
    beginStart(a: unknown): Promise<Poller>;
    resumeStart(s: string): Poller;
  };
};

function facade() {
  const clock = createManualClock();
  const runtime = new ServiceRuntime(powerPlatformService, table, { endpoint: BASE, credential: { getToken: async () => ({ token: "t", expiresOnTimestamp: Date.now() + 3_600_000 }) }, clock, pollIntervalInMs: 1_000, retry: { maxRetries: 0 } });
  return { clock, f: buildFacade(runtime, surface) as unknown as Things };
}

const page = (ids: string[], token?: string | null) => () => HttpResponse.json({ collection: ids.map((operationId) => ({ operationId, status: "Succeeded" })), ...(token === undefined ? {} : { continuationToken: token }) });

describe("a list paged by continuation token", () => {
  it("sends the token back on the same request (size kept), yields every item once, and resumes from a page's token", async () => {
    const { f } = facade();
    answers.push(page(["a", "b"], "t1"), page(["c", "d"], "t2"), page(["e"], null));
    const items: string[] = [];
    let resume: string | undefined;
    for await (const p of f.things.listOperations({ environmentId: "e1" }).byPage({ maxPageSize: 2 })) {
      items.push(...p.map((x) => x.operationId));
      resume ??= p.continuationToken;
    }
    expect(items).toEqual(["a", "b", "c", "d", "e"]);
    expect(seen[0]).toMatch(/^GET \/envs\/e1\/operations\?.*limit=2/);
    expect(new URL(`${BASE}${seen[1]!.slice(4)}`).searchParams.get("continuationToken")).toBe("t1");
    expect(new URL(`${BASE}${seen[2]!.slice(4)}`).searchParams.get("continuationToken")).toBe("t2");
    expect(new URL(`${BASE}${seen[2]!.slice(4)}`).searchParams.get("limit")).toBe("2");
    seen.length = 0;
    answers.push(page(["c", "d"], "t2"), page(["e"]));
    const rest: string[] = [];
    for await (const p of f.things.listOperations({ environmentId: "e1" }).byPage({ continuationToken: resume })) rest.push(...p.map((x) => x.operationId));
    expect(rest).toEqual(["c", "d", "e"]);
  });

  it("stops with PagingLoop on a repeated token and InvalidResponse on a token that is not a string; the token is not an argument", async () => {
    const { f } = facade();
    answers.push(page(["a"], "same"), page(["b"], "same"));
    const loop = async () => {
      for await (const _ of f.things.listOperations({ environmentId: "e1" }));
    };
    await expect(loop()).rejects.toMatchObject({ code: "PagingLoop" });
    const list = table.ListThingOperations!;
    const context = { method: "GET", url: `${BASE}/x` };
    expect(() => readListPage(list, { collection: [], continuationToken: 7 }, `${BASE}/x`, context)).toThrow(PowerPlatformError);
    expect(readListPage(list, { collection: [], continuationToken: "" }, `${BASE}/x`, context).nextLink).toBeUndefined();
    expect(() => f.things.listOperations({ environmentId: "e1", continuationToken: "x" })).toThrow(TypeError);
  });
});

describe("long-running starts with spec-named final values", () => {
  it("a 201 body names the operation: polls the status route; NoOperation is a success", async () => {
    const { clock, f } = facade();
    answers.push(() => HttpResponse.json({ operationId: "op-1", status: "Queued" }, { status: 201 }), () => HttpResponse.json({ operationId: "op-1", status: "InProgress" }), () => HttpResponse.json({ operationId: "op-1", status: "NoOperation" }));
    const poller = await f.things.beginStart({ environmentId: "e1" });
    expect(poller.operationId).toBe("op-1");
    await expect(settle(clock, poller.pollUntilDone())).resolves.toMatchObject({ status: "NoOperation" });
    expect(seen.slice(1)).toEqual(["GET /operations/op-1?api-version=2024-10-01", "GET /operations/op-1?api-version=2024-10-01"]);
  });

  it("ValidationFailed is a typed failure with the error detail", async () => {
    const { clock, f } = facade();
    answers.push(() => new HttpResponse(null, { status: 202, headers: { Location: `${BASE}/operations/op-2` } }));
    const poller = await f.things.beginStart({ environmentId: "e1" });
    answers.push(() => HttpResponse.json({ operationId: "op-2", status: "ValidationFailed", errorDetail: { code: "BadInput", fieldErrors: {} } }));
    await expect(settle(clock, poller.pollUntilDone())).rejects.toMatchObject({ code: "OperationFailed", details: [{ code: "BadInput" }] });
  });

  it("a 204 start is a poller that is already done, saved and resumed without a request", async () => {
    const { f } = facade();
    answers.push(() => new HttpResponse(null, { status: 204 }));
    const poller = await f.things.beginStart({ environmentId: "e1" });
    expect(poller.isDone()).toBe(true);
    await expect(poller.pollUntilDone()).resolves.toEqual({ status: "Succeeded" });
    const resumed = f.things.resumeStart(poller.toString());
    await expect(resumed.pollUntilDone()).resolves.toEqual({ status: "Succeeded" });
    expect(seen).toHaveLength(1);
  });
});

describe("a 409 on a start", () => {
  const conflict = () => HttpResponse.json({ errorDetail: { code: "OperationNotStartable", message: "busy" } }, { status: 409 });

  it("names the running operation from the runningFrom list, with a resume state for the same method", async () => {
    const { clock, f } = facade();
    answers.push(conflict, () => HttpResponse.json({ collection: [{ operationId: "old", status: "Succeeded" }, { operationId: "busy-1", status: "InProgress" }] }));
    const error = await f.things.beginStart({ environmentId: "e1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationInProgressError);
    expect(error).toMatchObject({ status: 409, code: "LifecycleOperationInProgress", details: [{ code: "OperationNotStartable" }], runningOperation: { operationId: "busy-1", operationUrl: `${BASE}/operations/busy-1` } });
    expect(seen[1]).toMatch(/^GET \/envs\/e1\/operations\?/);
    answers.push(() => HttpResponse.json({ operationId: "busy-1", status: "Succeeded" }));
    const waited = f.things.resumeStart((error as OperationInProgressError).runningOperation.resumeState);
    await expect(settle(clock, waited.pollUntilDone())).resolves.toMatchObject({ operationId: "busy-1" });
  });

  it("stays the service's error when nothing is running or the list cannot be read", async () => {
    const { f } = facade();
    answers.push(conflict, page(["done"]));
    const quiet = await f.things.beginStart({ environmentId: "e1" }).catch((e: unknown) => e);
    expect(quiet).not.toBeInstanceOf(OperationInProgressError);
    expect(quiet).toMatchObject({ status: 409, code: "OperationNotStartable" });
    answers.push(conflict, () => HttpResponse.json({}, { status: 500 }));
    await expect(f.things.beginStart({ environmentId: "e1" })).rejects.toMatchObject({ status: 409, code: "OperationNotStartable" });
  });
});

describe("the poll extension in the spec", () => {
  it("reads final values and runningFrom, and refuses unknown keys", () => {
    const op = { "x-ppadmin": { group: ["things"], method: "start", poll: { operationId: "GetThingOperation", succeededValues: ["Succeeded"], runningFrom: "ListThingOperations" } } };
    expect(readSurfaceExtension("StartThing", op).poll).toMatchObject({ succeededValues: ["Succeeded"], failedValues: null, runningFrom: "ListThingOperations" });
    const bad = { "x-ppadmin": { group: ["things"], method: "start", poll: { operationId: "GetThingOperation", doneValues: ["x"] } } };
    expect(() => readSurfaceExtension("StartThing", bad)).toThrow(/unknown key "doneValues"/);
  });
});
