/**
 * The generic emulator: operations served from their spec alone, with no hand-written behaviour.
 * A made-up spec (fixtures/widgets.yaml) goes through the same generator as openapi/, and the
 * emulator serves it: every paging style, get 404, create → get, update, delete, a singleton
 * document, and a long-running action whose status progresses on the emulator clock. The last
 * tests do the same with operations of the real specs that have no behaviour of their own.
 */
import { readFileSync } from "node:fs";
import { setupServer } from "msw/node";
import { parse } from "yaml";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { EmulatorSpecModel } from "../../generated/emulator-model.js";
import { buildEmulatorModel } from "../../scripts/lib/emulatorModel.js";
import { createManualClock } from "../../src/core/manualClock.js";
import { createEmulator } from "../../src/testing/index.js";
import { behaviours } from "../../src/testing/behaviours/behaviourTable.js";
import { allRoutes } from "../../src/testing/operations/operationRouter.js";
import { call, fetchUrl, type CallOptions } from "./emulatorClient.js";

const model = buildEmulatorModel(parse(readFileSync(new URL("./fixtures/widgets.yaml", import.meta.url), "utf8")), "widgets", "widgets") as EmulatorSpecModel;
const clock = createManualClock();
const emulator = createEmulator({ seed: 3, clock, pageSize: 2, operationDurationInMs: 4_000, baseUrl: "https://widgets.test", specModels: [model] });
const server = setupServer(...emulator.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());
beforeEach(() => emulator.reset());
// The second describe adds the real specs' emulator to this server (msw patches fetch once per process).

const base = emulator.baseUrl;
const v = "api-version=2030-01-01";
const get = (path: string) => fetchUrl(`${base}${path}${path.includes("?") ? "&" : "?"}${v}`);
const send = (method: string, path: string, body?: unknown) => fetchUrl(`${base}${path}?${v}`, { method, body });

describe("generic operations of a spec with no behaviours", () => {
  it("token paging: pages of $top with an @odata.nextLink on its own origin, every example item once", async () => {
    const first = await get("/widgets?$top=2");
    expect(first.status).toBe(200);
    expect(first.body.value).toHaveLength(2);
    const next = new URL(first.body["@odata.nextLink"]);
    expect(next.origin).toBe(base);
    expect(next.searchParams.get("$skiptoken")).toBeTruthy();
    const second = await fetchUrl(next.toString());
    expect(second.body.value).toHaveLength(1);
    expect(second.body["@odata.nextLink"]).toBeUndefined();
    const names = [...first.body.value, ...second.body.value].map((w: { name: string }) => w.name);
    expect(names).toEqual(["sprocket", "gear", "cog"]);
  });

  it("seeds from the examples with fresh, deterministic ids", async () => {
    const ids = (await get("/widgets?$top=10")).body.value.map((w: { id: string }) => w.id);
    expect(ids).not.toContain("7f0c2a9e-7d41-4c7b-9a55-1e2f3a4b5c6d");
    const again = createEmulator({ seed: 3, specModels: [model] });
    expect(again.state.resources("/widgets").map((w) => w.id)).toEqual(ids);
  });

  it("get of an unknown id is 404 in the service's envelope; create then get; update; delete", async () => {
    const missing = await get("/widgets/nope");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: { code: "WidgetNotFound", message: "The widget 'nope' could not be found." } });
    const created = await send("POST", "/widgets", { name: "flange", color: "black" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "flange", color: "black" });
    expect(created.body.createdOn).toMatch(/^\d{4}-/);
    const id = created.body.id;
    expect((await get(`/widgets/${id}`)).body).toEqual(created.body);
    expect((await send("PATCH", `/widgets/${id}`, { color: "white" })).body).toMatchObject({ id, name: "flange", color: "white" });
    expect((await get("/widgets?$top=10")).body.value.map((w: { id: string }) => w.id)).toContain(id);
    expect((await send("DELETE", `/widgets/${id}`)).status).toBe(204);
    expect((await get(`/widgets/${id}`)).status).toBe(404);
    expect((await send("DELETE", `/widgets/${id}`)).status).toBe(404);
  });

  it("checks request bodies against the schema before anything changes", async () => {
    const invalid = await send("POST", "/widgets", { name: "x" });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe("InvalidRequestContent");
    expect(emulator.state.resources("/widgets")).toHaveLength(3);
    const id = emulator.state.resources("/widgets")[0]!.id;
    const empty = await send("PATCH", `/widgets/${id}`, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/at least 1 field/);
  });

  it("accepts the api-versions the spec lists beside the default (x-ppadmin-api-versions), and no others", async () => {
    expect((await fetchUrl(`${base}/widgets?api-version=2029-06-01-preview`)).status).toBe(200);
    const other = await fetchUrl(`${base}/widgets?api-version=2029-01-01`);
    expect(other.status).toBe(400);
    expect(JSON.stringify(other.body)).toContain("2029-06-01-preview");
  });

  it("long-running action: 202 + Operation-Location to the status operation, Running, then Succeeded", async () => {
    const id = emulator.state.resources("/widgets")[0]!.id;
    const started = await send("POST", `/widgets/${id}/polish`);
    expect(started.status).toBe(202);
    const location = new URL(started.headers.get("operation-location")!);
    expect(location.pathname).toMatch(/^\/operations\/[0-9a-f-]{36}$/);
    expect(started.headers.get("retry-after")).toBe("2");
    const running = await fetchUrl(location.toString());
    expect(running.body).toMatchObject({ status: "Running" });
    await clock.advance(4_000);
    const done = await fetchUrl(location.toString());
    expect(done.body).toMatchObject({ id: location.pathname.split("/").pop(), status: "Succeeded" });
    expect((await send("POST", "/widgets/nope/polish")).status).toBe(404);
    expect((await get("/operations/nope")).status).toBe(404);
  });

  it("continuationToken paging: the token in the answer, sent back as a query parameter", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await get(`/gadgets?limit=2${token ? `&continuationToken=${encodeURIComponent(token)}` : ""}`);
      seen.push(...page.body.value.map((g: { id: string }) => g.id));
      token = page.body.continuationToken;
    } while (token);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it("$skip paging, a bare array, and a skip token in the request and answer bodies", async () => {
    const first = await get("/sprockets?$top=2");
    expect(new URL(first.body["@odata.nextlink"]).searchParams.get("$skip")).toBe("2");
    expect((await fetchUrl(first.body["@odata.nextlink"])).body.value).toHaveLength(1);
    const gizmos = await get("/gizmos");
    expect(Array.isArray(gizmos.body)).toBe(true);
    expect(gizmos.body).toHaveLength(2);
    const page1 = await send("POST", "/query", { Options: { Top: 2 } });
    expect(page1.body.data).toHaveLength(2);
    const page2 = await send("POST", "/query", { Options: { Top: 2, SkipToken: page1.body.$skipToken } });
    expect(page2.body.data).toHaveLength(1);
    expect(page2.body.$skipToken).toBeUndefined();
  });

  it("a document at a path: read from the example, then merged by PATCH", async () => {
    expect((await get("/settings")).body).toEqual({ theme: "dark", beta: false });
    await send("PATCH", "/settings", { beta: true });
    expect((await get("/settings")).body).toEqual({ theme: "dark", beta: true });
  });
});

describe("operations of the real specs without hand-written behaviour", () => {
  const real = createEmulator({ seed: 8, pageSize: 1, isvContracts: 2 });
  const m = { call: (operationId: string, options?: CallOptions) => call(real.baseUrl, operationId, options) };
  beforeAll(() => server.use(...real.handlers));

  it("most operations have no behaviour of their own", () => {
    const generic = allRoutes().filter((r) => !behaviours.has(r.operation.operationId));
    expect(generic.length).toBeGreaterThan(allRoutes().length / 2);
  });

  it("ISV contracts: a paged list and a get 404 in the service's envelope", async () => {
    const first = await m.call("ListIsvContracts");
    expect(first.body.value).toHaveLength(1);
    expect(first.body["@odata.nextLink"]).toBeTruthy();
    const missing = await m.call("GetIsvContract", { params: { isvContractId: "0f3e2d1c-4b5a-4978-8a6b-5c4d3e2f1a0b" } });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("IsvContractNotFound");
  });
});

describe("specs the emulator has no code for at all (BAP, Power Automate admin)", () => {
  const specs = [
    ["bap", "bap"],
    ["power-automate-admin", "powerAutomateAdmin"],
  ] as const;
  const models = specs.map(([file, service]) => buildEmulatorModel(parse(readFileSync(new URL(`../../openapi/${file}.yaml`, import.meta.url), "utf8")), file, service) as EmulatorSpecModel);
  const other = createEmulator({ seed: 4, specModels: models, baseUrl: "https://admin-surfaces.test" });
  const environment = other.state.environments[1]!.name;
  const dispatch = (method: string, path: string, apiVersion: string, body?: unknown) => {
    const url = new URL(`${other.baseUrl}${path}`);
    url.searchParams.set("api-version", apiVersion);
    return other.dispatch({ method, url, bodyText: body === undefined ? "" : JSON.stringify(body), header: (n) => (n === "authorization" ? "Bearer t" : null), signal: new AbortController().signal });
  };
  const fill = (path: string, values: Record<string, string> = {}) => path.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? (/environment/i.test(name) ? environment : "unknown"));

  it("answers every operation without a server error, and every list with 200", async () => {
    for (const operation of models.flatMap((m) => m.operations)) {
      const { answer } = await dispatch(operation.method.toUpperCase(), fill(operation.path), operation.defaultApiVersion, operation.requestBody ? {} : undefined);
      expect(answer.status, operation.operationId).toBeLessThan(500);
      if (operation.kind === "list" && !operation.path.includes("/flows/")) expect(answer.status, operation.operationId).toBe(200);
    }
  });

  it("reads back what it lists: a flow listed under v2/ is found by name", async () => {
    const list = models[1]!.operations.find((o) => o.kind === "list" && o.path.endsWith("/v2/flows"))!;
    const get = models[1]!.operations.find((o) => o.kind === "get" && o.path.endsWith("/flows/{flowName}"))!;
    const { text } = await dispatch("GET", fill(list.path), list.defaultApiVersion);
    const flow = JSON.parse(text!).value[0];
    const { answer } = await dispatch("GET", fill(get.path, { flowName: flow.name }), get.defaultApiVersion);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(flow);
  });
});
