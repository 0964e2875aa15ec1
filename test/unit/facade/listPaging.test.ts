/**
 * The paging styles a spec declares with x-ppadmin-paging, all behind the one iterator shape: a
 * continuation token sent back as a query parameter, numbered pages, and a bare JSON array that is
 * the whole list. Every item exactly once, one request per page, resumable from a page's token,
 * and a loop or a malformed answer stops with an error instead of spinning or ending silently.
 */
import { HttpResponse } from "msw";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PowerPlatformClient } from "../../../src/index.js";
import { BASE_URL, createRecordingServer, staticCredential } from "../../support/recordingServer.js";

const recording = createRecordingServer();
beforeAll(() => recording.server.listen({ onUnhandledRequest: "error" }));
afterEach(() => recording.reset());
afterAll(() => recording.server.close());

const pp = () => new PowerPlatformClient({ endpoint: BASE_URL, credential: staticCredential() });
const json = (body: Parameters<typeof HttpResponse.json>[0]) => () => HttpResponse.json(body);
const user = (n: number) => ({ users: [{ userId: `user-${n}`, consumed: n }] });
const record = (n: number) => ({ userId: `user-${n}`, consumptionUnits: n });
const range = { entitlementId: "MCSMessages", fromDate: "2025-03-01", toDate: "2025-03-31" };
const perFlow = { startDate: "2025-03-01T00:00:00Z" };

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

async function failure(iterable: AsyncIterable<unknown>): Promise<unknown> {
  try {
    await collect(iterable);
  } catch (error) {
    return error;
  }
  throw new Error("expected the iteration to fail");
}

const query = (n: number) => Object.fromEntries(recording.requests[n]!.url.searchParams);

describe("continuation-token lists", () => {
  it("sends the answer's token back as continuationToken with the same query, until no token comes", async () => {
    recording.answerNext(json({ value: [user(1), user(2)], continuationtoken: "t1" }), json({ value: [user(3)], continuationtoken: "t2" }), json({ value: [] }));
    const items = await collect(pp().licensing.entitlements.listUsers({ ...range, searchRequest: "contoso" }));
    expect(items.map((u) => u.userId)).toEqual(["user-1", "user-2", "user-3"]);
    expect(recording.requests).toHaveLength(3);
    expect(recording.requests[0]!.url.pathname).toBe("/licensing/entitlements/MCSMessages/users");
    expect(query(0)).toEqual({ fromDate: "2025-03-01", toDate: "2025-03-31", searchRequest: "contoso", "api-version": "2024-10-01" });
    expect(query(1)).toEqual({ ...query(0), continuationToken: "t1" });
    expect(query(2)).toEqual({ ...query(0), continuationToken: "t2" });
  });

  it("yields the snapshots inside each item's users array (itemsWithin), each once", async () => {
    const two = { users: [{ userId: "a" }, { userId: "b" }] };
    recording.answerNext(json({ value: [two, { users: [] }, {}, { users: [{ userId: "c" }] }] }));
    expect((await collect(pp().licensing.entitlements.listUsers(range))).map((u) => u.userId)).toEqual(["a", "b", "c"]);
    recording.answerNext(json({ value: [{ users: "a" }] }));
    expect(await failure(pp().licensing.entitlements.listUsers(range))).toMatchObject({ code: "InvalidResponse" });
  });

  it("follows @odata.nextLink as given when the answer carries one", async () => {
    const link = `${BASE_URL}/licensing/entitlements/MCSMessages/users?fromDate=2025-03-01&toDate=2025-03-31&continuationToken=opaque&api-version=2024-10-01`;
    recording.answerNext(json({ value: [user(1)], continuationtoken: "ignored", "@odata.nextLink": link }), json({ value: [user(2)] }));
    expect(await collect(pp().licensing.entitlements.listUsers(range))).toHaveLength(2);
    expect(recording.requests[1]!.url.href).toBe(link);
  });

  it("asks for maxPageSize as pageSize, and a page's continuationToken resumes the list elsewhere", async () => {
    recording.answerNext(json({ value: [user(1), user(2)], continuationtoken: "t1" }));
    const pages = pp().licensing.entitlements.listUsers(range).byPage({ maxPageSize: 2 });
    const first = (await pages.next()).value!;
    expect(query(0).pageSize).toBe("2");
    expect(first.continuationToken).toContain("continuationToken=t1");
    await pages.return?.(undefined);

    recording.answerNext(json({ value: [user(3)] }));
    const rest = await collect(pp().licensing.entitlements.listUsers(range).byPage({ continuationToken: first.continuationToken! }));
    expect(rest.flat().map((u) => u.userId)).toEqual(["user-3"]);
    expect(query(1)).toMatchObject({ continuationToken: "t1", pageSize: "2", fromDate: "2025-03-01" });
  });

  it("stops with PagingLoop when the service hands out the same token twice", async () => {
    recording.answerNext(json({ value: [user(1)], continuationtoken: "same" }), json({ value: [user(2)], continuationtoken: "same" }));
    expect(await failure(pp().licensing.entitlements.listUsers(range))).toMatchObject({ code: "PagingLoop" });
    expect(recording.requests).toHaveLength(2);
  });

  it("refuses a token that is not a string instead of ending the list early", async () => {
    recording.answerNext(json({ value: [user(1)], continuationtoken: 42 }));
    expect(await failure(pp().licensing.entitlements.listUsers(range))).toMatchObject({ code: "InvalidResponse" });
  });

  it("owns the token: a caller cannot pass continuationToken", () => {
    expect(() => pp().licensing.entitlements.listUsers({ ...range, continuationToken: "x" } as never)).toThrow(/unknown argument "continuationToken"/);
  });
});

describe("numbered-page lists", () => {
  it("asks for page after page (from the page the answer names) until an empty page", async () => {
    recording.answerNext(
      json({ currentPage: 1, records: [record(1), record(2)] }),
      json({ currentPage: 2, records: [record(3)] }),
      json({ currentPage: 3, records: [] }),
    );
    const items = await collect(pp().licensing.perFlowCapacity.list({ ...perFlow, userId: "user-1" }));
    expect(items.map((r) => r.userId)).toEqual(["user-1", "user-2", "user-3"]);
    expect(query(0)).toEqual({ startDate: perFlow.startDate, userId: "user-1", "api-version": "2024-10-01" });
    expect(query(1)).toEqual({ ...query(0), pageNumber: "2" });
    expect(query(2)).toEqual({ ...query(0), pageNumber: "3" });
  });

  it("stops without another request when a page is shorter than the page size asked for", async () => {
    recording.answerNext(json({ currentPage: 1, records: [record(1), record(2)] }), json({ currentPage: 2, records: [record(3)] }));
    const pages = await collect(pp().licensing.perFlowCapacity.listUserSummaries(perFlow).byPage({ maxPageSize: 2 }));
    expect(pages.map((p) => p.length)).toEqual([2, 1]);
    expect(pages.at(-1)!.continuationToken).toBeUndefined();
    expect(recording.requests).toHaveLength(2);
    expect(query(1)).toMatchObject({ pageNumber: "2", pageSize: "2" });
  });

  it("treats a 204 as an empty last page", async () => {
    recording.answerNext(() => new HttpResponse(null, { status: 204 }));
    expect(await collect(pp().licensing.perFlowCapacity.listFlowSummaries(perFlow))).toEqual([]);
  });

  it("stops with PagingLoop when the service keeps serving the same page number", async () => {
    recording.answerNext(json({ currentPage: 1, records: [record(1)] }), json({ currentPage: 1, records: [record(1)] }));
    expect(await failure(pp().licensing.perFlowCapacity.list(perFlow))).toMatchObject({ code: "PagingLoop" });
  });

  it("owns the page number: a caller cannot pass pageNumber", () => {
    expect(() => pp().licensing.perFlowCapacity.list({ ...perFlow, pageNumber: 3 } as never)).toThrow(/unknown argument "pageNumber"/);
  });
});

describe("bare-array lists", () => {
  it("are one page holding the whole array, with boolean query arguments sent as true/false", async () => {
    recording.answerNext(json([{ currencyType: "AppPass", purchased: 10 }, { currencyType: "AI", purchased: 5 }]));
    const pages = await collect(pp().licensing.currencyAllocations.listReports({ includeAllocations: true, includeConsumptions: false }).byPage());
    expect(pages).toHaveLength(1);
    expect(pages[0]!.map((r) => r.currencyType)).toEqual(["AppPass", "AI"]);
    expect(pages[0]!.continuationToken).toBeUndefined();
    expect(query(0)).toMatchObject({ includeAllocations: "true", includeConsumptions: "false" });
  });

  it("read a 204 as an empty list and refuse an answer that is not an array", async () => {
    recording.answerNext(() => new HttpResponse(null, { status: 204 }));
    expect(await collect(pp().licensing.entitlements.listForEnvironment({ environmentId: "0f3e2d1c-4b5a-4978-8a6b-5c4d3e2f1a0b" }))).toEqual([]);
    recording.answerNext(json({ value: [] }));
    expect(await failure(pp().licensing.storageWarnings.list())).toMatchObject({ code: "InvalidResponse" });
  });
});
