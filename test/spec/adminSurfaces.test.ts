/**
 * Issue 12's checklist for the two older hosts: every route it names is in openapi/bap.yaml or
 * openapi/power-automate-admin.yaml, with the markers the runtime relies on (long-running delete,
 * a read sent as POST that is safe to re-send, the soft-delete switch of the flow list), and each spec
 * names a server for every cloud the SDK knows.
 */
import { describe, expect, it } from "vitest";
import { loadSpec, operationsOf, type Json, type SpecName, type SpecOperation } from "../support/specDocuments.js";

const BAP = "/providers/Microsoft.BusinessAppPlatform";
const GOV = "/providers/PowerPlatform.Governance";
const FLOW = "/providers/Microsoft.ProcessSimple/scopes/admin/environments/{environment}";

const required: Record<"bap" | "power-automate-admin", [method: string, path: string][]> = {
  bap: [
    ["get", `${BAP}/scopes/admin/environments`],
    ["get", `${BAP}/scopes/admin/environments/{environment}`],
    ["patch", `${BAP}/scopes/admin/environments/{environment}`],
    ["delete", `${BAP}/scopes/admin/environments/{environment}`],
    ["get", `${GOV}/v2/policies`],
    ["post", `${GOV}/v2/policies`],
    ["get", `${GOV}/v2/policies/{policyName}`],
    ["patch", `${GOV}/v2/policies/{policyName}`],
    ["delete", `${GOV}/v2/policies/{policyName}`],
    ["post", `${BAP}/listTenantSettings`],
    ["post", `${BAP}/scopes/admin/updateTenantSettings`],
    ["get", `${GOV}/v1/tenants/{tenantId}/tenantIsolationPolicy`],
    ["put", `${GOV}/v1/tenants/{tenantId}/tenantIsolationPolicy`],
    ["get", `${BAP}/adminApplications`],
    ["put", `${BAP}/adminApplications/{applicationId}`],
    ["delete", `${BAP}/adminApplications/{applicationId}`],
  ],
  "power-automate-admin": [
    ["get", `${FLOW}/v2/flows`],
    ["get", `${FLOW}/flows/{flowName}`],
    ["delete", `${FLOW}/flows/{flowName}`],
    ["post", `${FLOW}/flows/{flowName}/start`],
    ["post", `${FLOW}/flows/{flowName}/stop`],
    ["post", `${FLOW}/flows/{flowName}/restore`],
    // Owners: the admin-scope routes public clients use are permissions/modifyPermissions (see the spec).
    ["get", `${FLOW}/flows/{flowName}/permissions`],
    ["post", `${FLOW}/flows/{flowName}/modifyPermissions`],
    ["get", `${FLOW}/flows/{flowName}/runs`],
  ],
};

function find(spec: SpecName, method: string, path: string): SpecOperation | undefined {
  return operationsOf(spec).find((op) => op.method === method && op.path === path);
}

for (const [spec, routes] of Object.entries(required) as [SpecName, [string, string][]][]) {
  describe(`openapi/${spec}.yaml holds issue 12's routes`, () => {
    for (const [method, path] of routes) {
      it(`${method.toUpperCase()} ${path}`, () => {
        const op = find(spec, method, path);
        expect(op, "route missing").toBeDefined();
        expect(op!.parameters.find((p) => p.name === "api-version")?.required).toBe(true);
      });
    }

    it("has a server for each cloud (public, gcc, gcchigh, dod, china)", () => {
      const servers = (loadSpec(spec).servers ?? []) as Json[];
      expect(servers).toHaveLength(5);
      expect(new Set(servers.map((s) => new URL(String(s.url)).protocol))).toEqual(new Set(["https:"]));
    });
  });
}

describe("markers the runtime reads", () => {
  it("environment delete is long-running, polled through the Location header", () => {
    const op = find("bap", "delete", `${BAP}/scopes/admin/environments/{environment}`)!;
    expect(op.operation["x-ms-long-running-operation"]).toBe(true);
    expect(op.operation["x-ms-long-running-operation-options"]).toEqual({ "final-state-via": "location" });
  });

  it("listTenantSettings (a read sent as POST) says it is safe to re-send; no other POST does", () => {
    const safe = [...operationsOf("bap"), ...operationsOf("power-automate-admin")]
      .filter((op) => op.operation["x-ppadmin-safe-to-retry"] === true)
      .map((op) => `${op.method} ${op.path}`);
    expect(safe).toEqual([`post ${BAP}/listTenantSettings`]);
  });

  it("the flow list can include soft-deleted flows", () => {
    const op = find("power-automate-admin", "get", `${FLOW}/v2/flows`)!;
    expect(op.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(["include", "$top", "api-version"]));
  });

  it("tenant isolation GET declares 404 (no policy set) as its own answer", () => {
    const op = find("bap", "get", `${GOV}/v1/tenants/{tenantId}/tenantIsolationPolicy`)!;
    expect(Object.keys(op.operation.responses as Json)).toContain("404");
  });
});
