import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { supportedApiVersions } from "../../src/testing/index.js";
import { entryOf, mount, mountBeside, readAllPages } from "./emulatorClient.js";

const m = mount({ seed: 21, appsPerEnvironment: 30, environments: 3 });
afterAll(() => m.close());
beforeEach(() => m.emulator.reset());

const env = () => m.emulator.state.environments[1]!.name;

describe("server-side paging", () => {
  it("serves every app exactly once over several pages, with absolute next links on its own origin", async () => {
    const { items, links } = await readAllPages(m, "Get-AdminApps", { params: { environment: env() }, query: { $top: "7" } });
    const names = items.map((a) => a.name);
    expect(names).toHaveLength(30);
    expect(new Set(names).size).toBe(30);
    expect(new Set(names)).toEqual(new Set(m.emulator.state.apps(env()).map((a) => a.name)));
    expect(links).toHaveLength(4);
    for (const link of links) {
      const url = new URL(link);
      expect(url.origin).toBe(m.emulator.baseUrl);
      expect(url.searchParams.get("api-version")).toBe(entryOf("Get-AdminApps").defaultApiVersion);
      expect(url.searchParams.get("$top")).toBe("7");
      expect(url.searchParams.get("$skiptoken")).toMatch(/^[A-Za-z0-9_-]+$/);
    }
  });

  it("carries the api-version that was sent, not the default", async () => {
    const page = await m.call("Get-AdminApps", { params: { environment: env() }, query: { $top: "10" }, apiVersion: "2023-06-01" });
    const next = new URL(page.body[entryOf("Get-AdminApps").nextLinkName!]);
    expect(next.searchParams.get("api-version")).toBe("2023-06-01");
  });

  it("uses the page size option when $top is absent, and ends without a next link", async () => {
    const small = mountBeside(m, { seed: 21, pageSize: 12, baseUrl: "https://small.emulator.test" });
    try {
      const first = await small.call("Get-AdminApps", { params: { environment: small.emulator.state.environments[0]!.name } });
      expect(first.body.value).toHaveLength(12);
      const { items, links } = await readAllPages(small, "Get-AdminApps", { params: { environment: small.emulator.state.environments[0]!.name } });
      expect(items).toHaveLength(30);
      expect(links).toHaveLength(2);
    } finally {
      small.close();
    }
  });

  it("keeps the membership of the first page: a deleted app is skipped, nothing repeats, nothing is lost", async () => {
    const op = "Get-AdminApps";
    const first = await m.call(op, { params: { environment: env() }, query: { $top: "10" } });
    const seen: string[] = first.body.value.map((a: { name: string }) => a.name);
    const victim = m.emulator.state.apps(env())[15]!.name;
    m.emulator.state.removeApp(env(), victim);
    m.emulator.state.addApp(env(), { displayName: "Late arrival" });
    let next: string | undefined = first.body.nextLink;
    while (next) {
      const page = await m.fetch(next);
      seen.push(...page.body.value.map((a: { name: string }) => a.name));
      next = page.body.nextLink;
    }
    expect(seen).toHaveLength(29);
    expect(seen).not.toContain(victim);
    expect(new Set(seen).size).toBe(29);
  });

  it("rejects a skiptoken it did not issue, or one issued for another list, with 400", async () => {
    const garbage = await m.call("Get-AdminApps", { params: { environment: env() }, query: { $skiptoken: "not-a-token" } });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.code).toBe("InvalidSkipToken");
    const first = await m.call("Get-AdminApps", { params: { environment: env() }, query: { $top: "5" } });
    const token = new URL(first.body.nextLink).searchParams.get("$skiptoken")!;
    const other = await m.call("Get-AdminApps", { params: { environment: m.emulator.state.environments[0]!.name }, query: { $skiptoken: token } });
    expect(other.status).toBe(400);
    const badTop = await m.call("Get-AdminApps", { params: { environment: env() }, query: { $top: "ten" } });
    expect(badTop.status).toBe(400);
  });

  it("pages environments with $top/$skip under @odata.nextlink", async () => {
    const key = entryOf("ListEnvironments").nextLinkName!;
    const page = await m.call("ListEnvironments", { query: { $top: "2" } });
    expect(page.body.value).toHaveLength(2);
    const next = new URL(page.body[key]);
    expect(next.searchParams.get("$skip")).toBe("2");
    expect(next.searchParams.get("$skiptoken")).toBeNull();
    const rest = await m.fetch(next.toString());
    expect(rest.body.value).toHaveLength(1);
    expect(rest.body[key]).toBeUndefined();
  });

  it("filters, orders and projects environments", async () => {
    const production = await m.call("ListEnvironments", { query: { $filter: "type eq 'Default'", $select: "displayName" } });
    expect(production.body.value).toEqual([{ id: m.emulator.state.environments[0]!.name, displayName: "Contoso (default)" }]);
    const ordered = await m.call("ListEnvironments", { query: { $orderby: "displayName desc" } });
    const names = ordered.body.value.map((e: { displayName: string }) => e.displayName);
    expect(names).toEqual([...names].sort().reverse());
    const bad = await m.call("ListEnvironments", { query: { $filter: "startswith(displayName,'C')" } });
    expect(bad.status).toBe(400);
  });

  it("uses @odata.nextLink for licensing lists, whose $top is a string", async () => {
    const key = entryOf("ListBillingPolicies").nextLinkName!;
    const { items, links } = await readAllPages(m, "ListBillingPolicies", { query: { $top: "1" } });
    expect(items).toHaveLength(2);
    expect(links).toHaveLength(1);
    expect(key).toBe("@odata.nextLink");
  });
});

describe("api-version", () => {
  it("is required: Power Platform answers 400 in the gateway envelope", async () => {
    const missing = await m.call("ListBillingPolicies", { apiVersion: null });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: "MissingApiVersionParameter" });
    const unsupported = await m.call("ListBillingPolicies", { apiVersion: "2019-01-01" });
    expect(unsupported.status).toBe(400);
    expect(unsupported.body.code).toBe("ApiVersionUnsupportedForResource");
    expect(unsupported.body.innererror.supportedApiVersions).toContain(entryOf("ListBillingPolicies").defaultApiVersion);
  });

  it("is required: Power Apps admin answers 400 in its error envelope, with the same codes", async () => {
    const missing = await m.call("Get-AdminApps", { params: { environment: env() }, apiVersion: null });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("MissingApiVersionParameter");
    const unsupported = await m.call("Get-AdminApps", { params: { environment: env() }, apiVersion: "2015-01-01" });
    expect(unsupported.body.error.code).toBe("ApiVersionUnsupportedForResource");
  });

  it("accepts every operation default of the service plus the other known versions", async () => {
    expect(supportedApiVersions("powerPlatform")).toEqual(expect.arrayContaining(["1", "2022-03-01-preview", entryOf("GetTenantCapacityDetails").defaultApiVersion]));
    for (const version of supportedApiVersions("powerAppsAdmin")) {
      const answer = await m.call("Get-AdminApps", { params: { environment: env() }, apiVersion: version, query: { $top: "1" } });
      expect(answer.status, version).toBe(200);
    }
    expect((await m.call("GetTenantCapacityDetails", { apiVersion: "2022-03-01-preview" })).status).toBe(200);
  });
});

describe("authentication", () => {
  it("answers 401 with a Bearer challenge and an error body when there is no token", async () => {
    const answer = await m.call("Get-AdminApps", { params: { environment: env() }, token: null });
    expect(answer.status).toBe(401);
    expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
    expect(answer.body.error.code).toBe("AuthenticationFailed");
  });

  it("rejects a non-Bearer Authorization header", async () => {
    const response = await fetch(`${m.emulator.baseUrl}/licensing/tenantCapacity?api-version=2024-10-01`, { headers: { authorization: "Basic dXNlcjpwYXNz" } });
    expect(response.status).toBe(401);
  });
});

describe("routing", () => {
  it("answers 404 RouteNotFound in the gateway envelope for an unknown path", async () => {
    const answer = await m.fetch(`${m.emulator.baseUrl}/licensing/nothingHere?api-version=2024-10-01`);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: "RouteNotFound" });
    expect(m.emulator.log.at(-1)).toMatchObject({ path: "/licensing/nothingHere", operationId: null, status: 404 });
  });

  it("answers 404 RouteNotFound in the service's own envelope for an unknown path of a service without the gateway envelope", async () => {
    const answer = await m.fetch(`${m.emulator.baseUrl}/providers/Microsoft.PowerApps/scopes/admin/environments/${env()}/nothingHere?api-version=2016-11-01`);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ error: { code: "RouteNotFound" } });
  });

  it("answers 405 with Allow only for a path the spec serves under other methods", async () => {
    const answer = await m.fetch(`${m.emulator.baseUrl}/licensing/tenantCapacity?api-version=2024-10-01`, { method: "PATCH", body: {} });
    expect(answer.status).toBe(405);
    expect(answer.headers.get("allow")).toBe("GET");
    expect(answer.body.code).toBe("MethodNotAllowed");
  });

  it("reads a literal segment as a parameter when only that reading has the method (no misleading 405)", async () => {
    // POST …/environments/add is an action; GET …/environments/add is the get of environment 'add'.
    const policy = m.emulator.state.billingPolicies[0]!.id;
    const answer = await m.fetch(`${m.emulator.baseUrl}/licensing/billingPolicies/${policy}/environments/add?api-version=2024-10-01`);
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe("EnvironmentNotFound");
    expect(m.emulator.log.at(-1)).toMatchObject({ operationId: "GetBillingPolicyEnvironment" });
    const remove = await m.fetch(`${m.emulator.baseUrl}/licensing/billingPolicies/${policy}/environments/remove?api-version=2024-10-01`, { method: "DELETE" });
    expect(remove.status).toBe(405);
    expect(remove.headers.get("allow")).toBe("GET, POST");
  });

  it("answers 404 for an unknown environment and an unknown app", async () => {
    const noEnv = await m.call("Get-AdminApps", { params: { environment: "00000000-0000-0000-0000-000000000000" } });
    expect(noEnv.status).toBe(404);
    expect(noEnv.body.error.code).toBe("EnvironmentNotFound");
    const noApp = await m.call("Get-AdminApp", { params: { environment: env(), app: "1c6ee23a-a835-44bc-a4f5-462b658efc12" } });
    expect(noApp.status).toBe(404);
    expect(noApp.body).toEqual({ error: { code: "AppNotFound", message: "The app '1c6ee23a-a835-44bc-a4f5-462b658efc12' could not be found." } });
  });

  it("logs every request with its operation, status and token", async () => {
    const before = m.emulator.log.length;
    await m.call("GetTenantCapacityDetails", { token: "someone-else" });
    expect(m.emulator.log.slice(before)).toEqual([
      expect.objectContaining({ method: "GET", path: "/licensing/tenantCapacity", operationId: "GetTenantCapacityDetails", status: 200, token: "someone-else", fault: false }),
    ]);
  });
});
