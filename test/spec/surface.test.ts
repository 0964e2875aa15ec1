/**
 * The surface table: what `x-ppadmin` in the specs says the facade is, and that the clients are
 * exactly that — every entry a function at its group path, nothing else; the generator refuses an
 * operation without a place, or two methods at one place; an operation id is written once in src/.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { operationTable } from "../../generated/operations.js";
import { powerAppsAdminSurfaceDetails } from "../../generated/powerapps-admin.surfaceDetails.js";
import { surfaceTable } from "../../generated/surfaces.js";
import { tableLoaders } from "../../generated/tableLoaders.js";
import { buildOperationTable } from "../../scripts/lib/operationTable.js";
import { specs } from "../../scripts/lib/specs.js";
import { buildSurfaceTable } from "../../scripts/lib/surfaceTable.js";
import { facadeMethodNames } from "../../src/client/facadeNames.js";
import type { ClientOptions } from "../../src/client/options.js";
import * as sdk from "../../src/index.js";
import { services } from "../../src/services/registry.js";
import { loadSpec, type Json, type SpecName } from "../support/specDocuments.js";

const credential = { getToken: async () => ({ token: "t", expiresOnTimestamp: Date.now() + 3_600_000 }) };
/** Every registered service: its surface table, its details, and an instance of its client class (as runTour finds it). */
const surfaces = await Promise.all(
  services.map(async (s) => {
    const ClientClass = (sdk as unknown as Record<string, new (options: ClientOptions) => object>)[s.client];
    if (!ClientClass) throw new Error(`src/index.ts exports no ${s.client} for service ${s.name}`);
    return { name: s.module as SpecName, surface: surfaceTable[s.name], details: await tableLoaders[s.module]!.surfaceDetails(), client: new ClientClass({ credential }) };
  }),
);

/** Every function reachable from a client's groups, as dotted paths. */
function methodsOf(node: object, prefix: string[] = []): string[] {
  return Object.entries(node).flatMap(([key, value]) => {
    if (key === "raw" || key === "endpoint") return [];
    if (typeof value === "function") return [[...prefix, key].join(".")];
    return value && typeof value === "object" ? methodsOf(value as object, [...prefix, key]) : [];
  });
}

const clone = (doc: Json) => structuredClone(doc);
const firstOperation = (doc: Json) => Object.values(doc.paths as Record<string, Json>)[0]!.get as Json;

describe.each(surfaces)("$name surface", ({ name, surface, details, client }) => {
  const spec = specs.find((s) => s.name === name)!;
  const doc = loadSpec(name);

  it("generated/<spec>.surface.ts and .surfaceDetails.ts agree with the spec", () => {
    const built = buildSurfaceTable(doc, buildOperationTable(doc, spec.service));
    expect(surface).toEqual(built.map(({ group, method, kind, operationId, waitUntil }) => ({ group, method, kind, operationId, ...(waitUntil ? { waitUntil } : {}) })));
    for (const entry of built) {
      expect(details[[...entry.group, entry.method].join(".")]).toMatchObject({ summary: entry.summary, arguments: entry.arguments, argumentsOptional: entry.argumentsOptional });
    }
    expect(Object.keys(details)).toHaveLength(built.length);
  });

  it("details carry what a CLI needs: each argument's name, location, type, required flag and enum", () => {
    const all = Object.values(details);
    expect(all.every((d) => d.arguments.every((a) => a.name && a.in && a.type && typeof a.required === "boolean"))).toBe(true);
  });

  it("every operation has a facade method, and every facade method is an entry", () => {
    const fromTable = surface.flatMap((e) => facadeMethodNames(e).map((m) => [...e.group, m].join(".")));
    expect(methodsOf(client).sort()).toEqual([...fromTable].sort());
    const operations = Object.keys(operationTable[spec.service as keyof typeof operationTable]);
    expect(new Set(surface.map((e) => e.operationId))).toEqual(new Set(operations));
  });

  it("refuses an operation without x-ppadmin, with an unknown key, or a second method at one place", () => {
    const missing = clone(doc);
    delete firstOperation(missing)["x-ppadmin"];
    expect(() => buildOperationTable(missing, spec.service)).toThrow(/x-ppadmin is missing/);

    const unknownKey = clone(doc);
    (firstOperation(unknownKey)["x-ppadmin"] as Json).grup = ["x"];
    expect(() => buildOperationTable(unknownKey, spec.service)).toThrow(/unknown key "grup"/);

    const clash = clone(doc);
    const [a, b] = Object.values(clash.paths as Record<string, Json>).flatMap((item) => Object.values(item).filter((op): op is Json => !!op && typeof op === "object" && "x-ppadmin" in op));
    // Only the place (group and method) is copied: a's other keys (flags naming a's own query parameters) would fail first.
    const place = a!["x-ppadmin"] as Json;
    b!["x-ppadmin"] = { ...(b!["x-ppadmin"] as Json), group: structuredClone(place.group), method: place.method };
    expect(() => buildSurfaceTable(clash, buildOperationTable(clash, spec.service))).toThrow(/claimed by both/);
  });
});

describe("retry safety is a fact of the table", () => {
  it("GET, PUT and DELETE are safe to re-send; a POST only when the spec says it only reads", () => {
    // A POST or PATCH is safe only where its spec says it only reads (x-ppadmin-safe-to-retry: true).
    const markedSafe = new Set(
      specs.flatMap((spec) =>
        Object.values((loadSpec(spec.name as SpecName).paths ?? {}) as Record<string, Json>).flatMap((item) =>
          Object.values(item)
            .filter((op): op is Json => typeof op === "object" && op !== null && (op as Json)["x-ppadmin-safe-to-retry"] === true)
            .map((op) => String(op.operationId)),
        ),
      ),
    );
    for (const entry of Object.values(operationTable).flatMap((t) => Object.values(t))) {
      expect(entry.safeToRetry, entry.operationId).toBe((entry.method !== "post" && entry.method !== "patch") || markedSafe.has(entry.operationId));
    }
    const marked = clone(loadSpec("power-platform"));
    const install = (marked.paths as Record<string, Json>)["/appmanagement/environments/{environmentId}/applicationPackages/{uniqueName}/install"]!.post as Json;
    install["x-ppadmin-safe-to-retry"] = true;
    const table = buildOperationTable(marked, "powerPlatform");
    expect(table.find((e) => e.operationId === "InstallApplicationPackage")!.safeToRetry).toBe(true);
  });
});

describe("x-ppadmin-paging (body token) and x-ppadmin-error-hints", () => {
  const withQuery = (edit: (op: Json) => void) => {
    const doc = clone(loadSpec("power-platform"));
    edit((doc.paths as Record<string, Json>)["/resourcequery/resources/query"]!.post as Json);
    return () => buildOperationTable(doc, "powerPlatform");
  };

  it("reach the table as the spec states them", () => {
    const entry = Object.values(operationTable.powerPlatform).find((e) => e.operationId === "QueryResources")!;
    expect(entry).toMatchObject({ kind: "list", itemName: "data", nextLinkName: null, safeToRetry: true, paging: { style: "bodyToken", tokenField: "skipToken", bodyField: "Options.SkipToken", sizeField: "Options.Top" } });
    const flows = Object.values(operationTable.powerPlatform).find((e) => e.operationId === "ListCloudFlows")!;
    expect(flows.errorHints?.["404"]).toMatch(/Dataverse/);
  });

  it("are refused when malformed", () => {
    expect(withQuery((op) => ((op["x-ppadmin-paging"] as Json).style = "header"))).toThrow(/style must be one of/);
    expect(withQuery((op) => delete op["x-ms-pageable"])).toThrow(/needs x-ms-pageable/);
    expect(withQuery((op) => delete op["x-ppadmin-safe-to-retry"])).toThrow(/needs x-ppadmin-safe-to-retry/);
    expect(withQuery((op) => (op["x-ppadmin-paging"] = { style: "continuationToken", tokenField: "skipToken", tokenParam: "$skiptoken" }))).toThrow(/not a query parameter/);
    expect(withQuery((op) => ((op["x-ppadmin-paging"] as Json).extra = 1))).toThrow(/unknown key "extra"/);
    expect(withQuery((op) => (op["x-ppadmin-error-hints"] = { "200": "fine" }))).toThrow(/4xx\/5xx/);
  });
});

describe("src/ names each operation once", () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const full = path.join(dir, f);
      return statSync(full).isDirectory() ? files(full) : full.endsWith(".ts") ? [full] : [];
    });
  // src/testing is the emulator, which addresses operations by id on purpose (and is being rewritten).
  const sources = files("src")
    .filter((f) => !f.startsWith(path.join("src", "testing")))
    .map((f) => readFileSync(f, "utf8"));

  it("no operation id string appears more than once in the SDK's sources", () => {
    for (const id of Object.values(operationTable).flatMap((t) => Object.keys(t))) {
      const pattern = new RegExp(`(?<![\\w-])${id.replace(/-/g, "\\-")}(?![\\w-])`, "g");
      const count = sources.reduce((n, text) => n + (text.match(pattern)?.length ?? 0), 0);
      expect(count, id).toBeLessThanOrEqual(1);
    }
  });
});

describe("surface details of one method", () => {
  it("setQuarantineState: path, body and a closed enum, all required", () => {
    expect(powerAppsAdminSurfaceDetails()["apps.setQuarantineState"]!.arguments).toEqual([
      expect.objectContaining({ name: "environment", in: "path", type: "string", required: true }),
      expect.objectContaining({ name: "app", in: "path", type: "string", required: true }),
      expect.objectContaining({ name: "quarantineStatus", in: "body", type: "string", required: true, enum: ["Quarantined", "Unquarantined"], openEnum: false }),
    ]);
  });
});
