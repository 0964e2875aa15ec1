/**
 * Paged iteration: every item exactly once, pages follow the service's next links as given
 * (all three key spellings), empty pages with a next link continue, and a repeated link or a link
 * to another origin stops with an error instead of spinning or leaking the token.
 */
import { HttpResponse } from "msw";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { operationTable } from "../../../generated/operations.js";
import { PowerAppsAdminClient, PowerPlatformClient, PowerPlatformError } from "../../../src/index.js";
import { BASE_URL, createRecordingServer, staticCredential } from "../../support/recordingServer.js";

const recording = createRecordingServer();
beforeAll(() => recording.server.listen({ onUnhandledRequest: "error" }));
afterEach(() => recording.reset());
afterAll(() => recording.server.close());

const ENV = "Default-1dbbeae5-8fa6-462e-a5a1-9932a520a1dc";
const appsPath = `/providers/Microsoft.PowerApps/scopes/admin/environments/${ENV}/apps`;
const admin = () => new PowerAppsAdminClient({ endpoint: BASE_URL, credential: staticCredential() });
const app = (n: number) => ({ name: `app-${n}`, id: `${appsPath}/app-${n}` });
const page = (items: unknown[], next?: string, key = "nextLink") => () => HttpResponse.json(next ? { value: items, [key]: next } : { value: items });

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of iterable) out.push(x);
  return out;
}

describe("paged iterators", () => {
  it("yields every item of every page exactly once, one request per page, following next links as given", async () => {
    const link2 = `${BASE_URL}${appsPath}?api-version=2016-11-01&%24skiptoken=eyJvZmZzZXQiOjJ9%3D%3D`;
    const link3 = `${BASE_URL}${appsPath}?api-version=2016-11-01&$skiptoken=page3`;
    recording.answerNext(page([app(1), app(2)], link2), page([app(3), app(4)], link3), page([app(5)]));

    const names = (await collect(admin().apps.list({ environment: ENV }))).map((a) => a.name);

    expect(names).toEqual(["app-1", "app-2", "app-3", "app-4", "app-5"]);
    expect(recording.requests.map((r) => r.url.href)).toEqual([
      `${BASE_URL}${appsPath}?api-version=${operationTable.powerAppsAdmin["Get-AdminApps"].defaultApiVersion}`,
      link2,
      link3,
    ]);
  });

  it("continues past empty pages that still carry a next link, and treats a missing value or a 204 as empty", async () => {
    recording.answerNext(
      page([], `${BASE_URL}${appsPath}?s=2`),
      () => HttpResponse.json({ nextLink: `${BASE_URL}${appsPath}?s=3` }),
      page([app(1)], `${BASE_URL}${appsPath}?s=4`),
      () => new HttpResponse(null, { status: 204 }),
    );
    expect((await collect(admin().apps.list({ environment: ENV }))).map((a) => a.name)).toEqual(["app-1"]);
    expect(recording.requests).toHaveLength(4);
  });

  it.each(["nextLink", "@odata.nextLink", "@odata.nextlink"])("reads the next link under %s", async (key) => {
    recording.answerNext(page([app(1)], `${BASE_URL}${appsPath}?s=2`, key), page([app(2)]));
    expect((await collect(admin().apps.list({ environment: ENV }))).map((a) => a.name)).toEqual(["app-1", "app-2"]);
  });

  it("adds the api-version to a next link only when the link lacks one", async () => {
    recording.answerNext(page([app(1)], `${BASE_URL}${appsPath}?$skiptoken=abc`), page([app(2)], `${BASE_URL}${appsPath}?api-version=1&$skiptoken=def`), page([]));
    await collect(admin().apps.list({ environment: ENV, apiVersion: "2023-06-01" }));
    const urls = recording.requests.map((r) => r.url.href);
    expect(urls[1]).toBe(`${BASE_URL}${appsPath}?$skiptoken=abc&api-version=2023-06-01`);
    expect(urls[2]).toBe(`${BASE_URL}${appsPath}?api-version=1&$skiptoken=def`);
  });

  it("stops with PagingLoop when the service repeats a next link", async () => {
    const loop = `${BASE_URL}${appsPath}?$skiptoken=same`;
    recording.answerNext(page([app(1)], loop), page([app(2)], loop));
    const error = await collect(admin().apps.list({ environment: ENV })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(error).toMatchObject({ code: "PagingLoop" });
    expect(recording.requests).toHaveLength(2);
  });

  it("refuses a next link on another origin (ForeignNextLink) and never sends the token there", async () => {
    recording.answerNext(page([app(1)], `https://evil.example${appsPath}?$skiptoken=x`));
    const seen: string[] = [];
    const iterator = admin().apps.list({ environment: ENV });
    const error = await (async () => {
      for await (const a of iterator) seen.push(a.name);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["app-1"]);
    expect(error).toMatchObject({ name: "PowerPlatformError", code: "ForeignNextLink", status: 0 });
    expect(recording.requests).toHaveLength(1);
  });

  it("byPage gives pages with continuationToken, resumes from a token, and maxPageSize becomes $top", async () => {
    const link2 = `${BASE_URL}${appsPath}?api-version=2016-11-01&$skiptoken=p2`;
    recording.answerNext(page([app(1), app(2)], link2));
    const first = await admin().apps.list({ environment: ENV }).byPage({ maxPageSize: 2 }).next();
    expect(first.value.map((a: { name: string }) => a.name)).toEqual(["app-1", "app-2"]);
    expect(first.value.continuationToken).toBe(link2);
    expect(recording.requests[0]!.url.searchParams.get("$top")).toBe("2");

    recording.answerNext(page([app(3)]));
    const resumed = await collect(admin().apps.list({ environment: ENV }).byPage({ continuationToken: first.value.continuationToken }));
    expect(resumed).toHaveLength(1);
    expect(resumed[0]!.continuationToken).toBeUndefined();
    expect(recording.requests[1]!.url.href).toBe(link2);
  });

  it("rejects bad byPage settings before any request", () => {
    const iterator = admin().apps.list({ environment: ENV });
    expect(() => iterator.byPage({ maxPageSize: 0 })).toThrow(RangeError);
    expect(() => iterator.byPage({ continuationToken: "" })).toThrow(TypeError);
    expect(recording.requests).toHaveLength(0);
  });

  it("reads the environments list's lower-case @odata.nextlink on the Power Platform API", async () => {
    const envPath = "/environmentmanagement/environments";
    recording.answerNext(page([{ id: "e1" }], `${BASE_URL}${envPath}?$skip=1&api-version=2024-10-01`, "@odata.nextlink"), page([{ id: "e2" }]));
    const pp = new PowerPlatformClient({ endpoint: BASE_URL, credential: staticCredential() });
    expect((await collect(pp.environments.list())).map((e) => e.id)).toEqual(["e1", "e2"]);
  });
});
