/**
 * Lists continued by a token in the answer (`x-ppadmin-paging` styles bodyToken and continuationToken), the operation table's retry
 * safety reaching the retry policy, and spec error hints — over a made-up table, so nothing here is
 * specific to an operation of the specs.
 */
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildFacade } from "../../../src/client/facade.js";
import { ServiceRuntime } from "../../../src/client/serviceRuntime.js";
import type { OperationEntry, SurfaceEntry } from "../../../src/client/tables.js";
import type { PagedAsyncIterableIterator } from "../../../src/core/paging.js";
import { createManualClock } from "../../../src/index.js";
import { powerPlatformService } from "../../../src/services/powerPlatform.js";
import { settle } from "../../support/settle.js";
import { ENTRY_DEFAULTS } from "../../support/operationEntry.js";

const BASE = "https://continuation.test";
const base = { ...ENTRY_DEFAULTS, itemName: "value", kind: "list", safeToRetry: true } as const satisfies Omit<OperationEntry, "operationId" | "method" | "path">;
const table: Record<string, OperationEntry> = {
  QueryRows: {
    ...base,
    operationId: "QueryRows",
    method: "post",
    path: "/rows/query",
    bodyParams: ["TableName", "Options"],
    requiredBodyParams: ["TableName"],
    bodyParamTypes: { TableName: "string", Options: "object" },
    hasBody: true,
    itemName: "data",
    paging: { style: "bodyToken", tokenField: "skipToken", bodyField: "Options.SkipToken", sizeField: "Options.Top" },
  },
  ListJobs: {
    ...base,
    operationId: "ListJobs",
    method: "get",
    path: "/jobs",
    queryParams: ["api-version", "limit", "continuationToken"],
    paging: { style: "continuationToken", tokenField: "continuationToken", tokenParam: "continuationToken", sizeParam: "limit", itemsWithin: null },
  },
  ListFlows: {
    ...base,
    operationId: "ListFlows",
    method: "get",
    path: "/envs/{environmentId}/flows",
    pathParams: ["environmentId"],
    nextLinkName: "nextLink",
    environmentParam: "environmentId",
    errorHints: { "404": "The environment may have no database." },
  },
  PostWrite: { ...base, operationId: "PostWrite", method: "post", path: "/rows/write", kind: "call", safeToRetry: false },
};
const surface: SurfaceEntry[] = [
  { group: ["rows"], method: "query", kind: "list", operationId: "QueryRows" },
  { group: ["jobs"], method: "list", kind: "list", operationId: "ListJobs" },
  { group: ["flows"], method: "list", kind: "list", operationId: "ListFlows" },
  { group: ["rows"], method: "write", kind: "call", operationId: "PostWrite" },
];

interface Seen {
  method: string;
  path: string;
  body: any;
}
const seen: Seen[] = [];
const answers: ((request: Request) => Response)[] = [];
const server = setupServer(
  http.all(`${BASE}/*`, async ({ request }) => {
    const url = new URL(request.url);
    const text = await request.text();
    seen.push({ method: request.method, path: `${url.pathname}${url.search}`, body: text ? JSON.parse(text) : undefined });
    return answers.shift()?.(request) ?? HttpResponse.json({ error: { code: "Unexpected" } }, { status: 500 });
  }),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  seen.length = 0;
  answers.length = 0;
});
afterAll(() => server.close());

type Lister = (args?: unknown) => PagedAsyncIterableIterator<any>;
function facade() {
  const clock = createManualClock();
  const runtime = new ServiceRuntime(powerPlatformService, table, {
    endpoint: BASE,
    credential: { getToken: async () => ({ token: "t", expiresOnTimestamp: Date.now() + 3_600_000 }) },
    clock,
    retry: { maxRetries: 2 },
  });
  const f = buildFacade(runtime, surface) as unknown as { rows: { query: Lister; write(a: unknown): Promise<unknown> }; jobs: { list: Lister }; flows: { list: Lister } };
  return { clock, f };
}

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterator) out.push(item);
  return out;
}

describe("a list continued by a token in the answer body (a read re-posted)", () => {
  it("re-posts the same body with the answer's token until there is none, each item once", async () => {
    const { f } = facade();
    answers.push(
      () => HttpResponse.json({ data: [{ id: 1 }, { id: 2 }], skipToken: "t2", count: 2 }),
      () => HttpResponse.json({ data: [{ id: 3 }], skipToken: "t3" }),
      () => HttpResponse.json({ data: [{ id: 4 }], skipToken: null }),
    );
    const rows = await collect(f.rows.query({ TableName: "Things", Options: { Top: 2 } }));
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    expect(seen.map((s) => s.method)).toEqual(["POST", "POST", "POST"]);
    expect(seen.map((s) => s.body)).toEqual([
      { TableName: "Things", Options: { Top: 2 } },
      { TableName: "Things", Options: { Top: 2, SkipToken: "t2" } },
      { TableName: "Things", Options: { Top: 2, SkipToken: "t3" } },
    ]);
  });

  it("byPage: maxPageSize goes where the spec says on every request, and a page's continuationToken resumes", async () => {
    const { f } = facade();
    answers.push(() => HttpResponse.json({ data: [{ id: 1 }], skipToken: "t2" }));
    const first = await f.rows.query({ TableName: "Things" }).byPage({ maxPageSize: 1 }).next();
    expect(first.value.continuationToken).toBe("t2");
    expect(seen[0]!.body).toEqual({ TableName: "Things", Options: { Top: 1 } });
    answers.push(() => HttpResponse.json({ data: [{ id: 2 }] }));
    const pages = await collect(f.rows.query({ TableName: "Things" }).byPage({ continuationToken: first.value.continuationToken, maxPageSize: 1 }));
    expect(pages.map((p) => [...p])).toEqual([[{ id: 2 }]]);
    expect(pages[0]!.continuationToken).toBeUndefined();
    expect(seen[1]!.body).toEqual({ TableName: "Things", Options: { Top: 1, SkipToken: "t2" } });
  });

  it("a repeated token is a PagingLoop and a token that is not a string an InvalidResponse", async () => {
    const { f } = facade();
    answers.push(() => HttpResponse.json({ data: [{ id: 1 }], skipToken: "same" }), () => HttpResponse.json({ data: [{ id: 2 }], skipToken: "same" }));
    await expect(collect(f.rows.query({ TableName: "Things" }))).rejects.toMatchObject({ code: "PagingLoop" });
    answers.length = 0;
    answers.push(() => HttpResponse.json({ data: [], skipToken: 7 }));
    await expect(collect(f.rows.query({ TableName: "Things" }))).rejects.toMatchObject({ code: "InvalidResponse" });
  });

  it("is re-sent after a 503 because the table marks it safe; an unmarked POST is not", async () => {
    const { clock, f } = facade();
    answers.push(() => HttpResponse.json({ error: { code: "Busy" } }, { status: 503 }), () => HttpResponse.json({ data: [{ id: 1 }] }));
    await expect(settle(clock, collect(f.rows.query({ TableName: "Things" })))).resolves.toEqual([{ id: 1 }]);
    expect(seen).toHaveLength(2);
    seen.length = 0;
    answers.push(() => HttpResponse.json({ error: { code: "Busy" } }, { status: 503 }), () => HttpResponse.json({}));
    await expect(settle(clock, f.rows.write({}))).rejects.toMatchObject({ status: 503 });
    expect(seen).toHaveLength(1);
  });
});

describe("a list continued by a token in a query parameter", () => {
  it("sends the token and page size as query parameters and does not take the token as an argument", async () => {
    const { f } = facade();
    answers.push(() => HttpResponse.json({ value: [{ id: "a" }], continuationToken: "c2" }), () => HttpResponse.json({ value: [{ id: "b" }] }));
    const pages = await collect(f.jobs.list().byPage({ maxPageSize: 1 }));
    expect(pages.map((p) => p.map((j: { id: string }) => j.id))).toEqual([["a"], ["b"]]);
    expect(seen.map((s) => s.path)).toEqual(["/jobs?api-version=2024-10-01&limit=1", "/jobs?api-version=2024-10-01&limit=1&continuationToken=c2"]);
    expect(() => f.jobs.list({ continuationToken: "x" })).toThrow(TypeError);
  });
});

describe("empty lists and spec hints", () => {
  it("reads a 204 and a body without items as an empty list", async () => {
    const { f } = facade();
    answers.push(() => new HttpResponse(null, { status: 204 }));
    await expect(collect(f.flows.list({ environmentId: "0f3e2d1c-4b5a-4978-8a6b-5c4d3e2f1a0b" }))).resolves.toEqual([]);
    answers.push(() => HttpResponse.json({}));
    await expect(collect(f.flows.list({ environmentId: "0f3e2d1c-4b5a-4978-8a6b-5c4d3e2f1a0b" }))).resolves.toEqual([]);
  });

  it("adds the spec's hint for the status to the error's message", async () => {
    const { f } = facade();
    answers.push(() => HttpResponse.json({ error: { code: "NotFound", message: "Not found." } }, { status: 404 }));
    const error = await collect(f.flows.list({ environmentId: "0f3e2d1c-4b5a-4978-8a6b-5c4d3e2f1a0b" })).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 404, code: "NotFound" });
    expect((error as Error).message).toMatch(/^Not found\. .* Note: The environment may have no database\.$/);
    answers.push(() => HttpResponse.json({ error: { code: "BadRequest", message: "Bad." } }, { status: 400 }));
    const other = await collect(f.flows.list({ environmentId: "0f3e2d1c-4b5a-4978-8a6b-5c4d3e2f1a0b" })).catch((e: unknown) => e);
    expect((other as Error).message).not.toContain("Note:");
  });
});
