/**
 * The Power Platform API spec against the catalogue of documented operations
 * (test/spec/ppapi-catalogue.tsv: namespace, method, path, name — one row per documented operation):
 * every operation of openapi/power-platform.yaml is a catalogue row with exactly its method and
 * path (parameter names and case included), and every catalogue row (all 214) is in the spec.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadSpec, type Json } from "../support/specDocuments.js";

interface Row {
  namespace: string;
  key: string;
  name: string;
}

const METHODS = ["get", "put", "post", "delete", "patch"] as const;

function catalogue(): Row[] {
  const [header, ...lines] = readFileSync(new URL("./ppapi-catalogue.tsv", import.meta.url), "utf8").split(/\r?\n/).filter((l) => l.trim());
  expect(header!.split("\t")).toEqual(["namespace", "method", "path", "operation"]);
  return lines.map((line) => {
    const [namespace, method, path, name] = line.split("\t");
    return { namespace: namespace!, key: `${method!.toUpperCase()} ${path}`, name: name! };
  });
}

function specOperations(): Map<string, string> {
  const found = new Map<string, string>();
  for (const [path, item] of Object.entries((loadSpec("power-platform").paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (op) found.set(`${method.toUpperCase()} ${path}`, String(op.operationId));
    }
  }
  return found;
}

describe("openapi/power-platform.yaml against the catalogue of documented operations", () => {
  const rows = catalogue();
  const keys = new Set(rows.map((r) => r.key));
  const spec = specOperations();

  it("has one row per documented operation (214), each method and path once", () => {
    expect(rows).toHaveLength(214);
    expect(keys.size).toBe(rows.length);
  });

  it("every operation of the spec is a catalogue row, method and path exactly", () => {
    const extra = [...spec].filter(([key]) => !keys.has(key)).map(([key, id]) => `${id}: ${key}`);
    expect(extra, "operations whose method or path is not in the catalogue").toEqual([]);
  });

  it("every catalogue row is in the spec", () => {
    const missing = rows.filter((r) => !spec.has(r.key)).map((r) => `${r.namespace}: ${r.key} (${r.name})`);
    expect(missing, "catalogue rows missing from the spec").toEqual([]);
  });

});
