/**
 * The specs of openapi/, parsed, with an ajv (JSON Schema 2020-12) instance that can validate any value
 * against any schema inside them. Used by the spec tests and by the contract harness.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { parse } from "yaml";

export type Json = Record<string, unknown>;
export type SpecName = "powerapps-admin" | "power-platform" | "bap" | "power-automate-admin";
export const specNames: readonly SpecName[] = ["powerapps-admin", "power-platform", "bap", "power-automate-admin"];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const documents = new Map<SpecName, Json>();

export function loadSpec(name: SpecName): Json {
  let doc = documents.get(name);
  if (!doc) {
    doc = parse(readFileSync(path.join(root, "openapi", `${name}.yaml`), "utf8")) as Json;
    documents.set(name, doc);
  }
  return doc;
}

/** Follows local `$ref`s until a concrete node is reached. */
export function resolveRef(doc: Json, node: unknown): Json {
  let current = node as Json;
  while (current && typeof current.$ref === "string") {
    const pointer = current.$ref.replace(/^#\//, "").split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
    current = pointer.reduce<unknown>((acc, key) => (acc as Json)?.[key], doc) as Json;
  }
  return current;
}

export interface SpecOperation {
  spec: SpecName;
  operationId: string;
  method: string;
  path: string;
  operation: Json;
  parameters: Json[];
}

export function operationsOf(name: SpecName): SpecOperation[] {
  const doc = loadSpec(name);
  const out: SpecOperation[] = [];
  for (const [p, itemRaw] of Object.entries((doc.paths ?? {}) as Json)) {
    const item = resolveRef(doc, itemRaw);
    for (const method of ["get", "put", "post", "delete", "patch"]) {
      const operation = item[method] as Json | undefined;
      if (!operation) continue;
      const parameters = [...((item.parameters ?? []) as unknown[]), ...((operation.parameters ?? []) as unknown[])].map((x) =>
        resolveRef(doc, x),
      );
      out.push({ spec: name, operationId: String(operation.operationId), method, path: p, operation, parameters });
    }
  }
  return out;
}

let ajv: Ajv2020 | undefined;
const compiled = new Map<string, ValidateFunction>();

function getAjv(): Ajv2020 {
  if (ajv) return ajv;
  ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  const addFormats = addFormatsModule as unknown as (a: Ajv2020) => void;
  addFormats(ajv);
  for (const numeric of ["int32", "int64", "float", "double"]) ajv.addFormat(numeric, true);
  for (const name of specNames) ajv.addSchema({ ...loadSpec(name), $id: `spec:${name}` });
  return ajv;
}

/**
 * A validator for the schema at `pointer` (e.g. `#/components/schemas/PowerApp`, or the escaped
 * pointer of a media type's schema) inside spec `name`.
 */
export function validatorFor(name: SpecName, pointer: string): ValidateFunction {
  const key = `${name}${pointer}`;
  let validate = compiled.get(key);
  if (!validate) {
    validate = getAjv().compile({ $ref: `spec:${name}${pointer}` });
    compiled.set(key, validate);
  }
  return validate;
}

/** Escapes one JSON-pointer segment (paths contain `/` and `{}`). */
export function pointerSegment(segment: string): string {
  return encodeURIComponent(segment.replace(/~/g, "~0").replace(/\//g, "~1"));
}

export function formatErrors(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`).join("; ");
}
