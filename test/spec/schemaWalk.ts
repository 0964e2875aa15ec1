/** Finds a dotted field path (`value.properties.owner.id`) inside a JSON schema, stepping through
 * `$ref`, array `items` and `allOf`/`anyOf`/`oneOf` branches. Used to check seed fields against the spec. */
import { resolveRef, type Json } from "../support/specDocuments.js";

function branches(doc: Json, schema: Json): Json[] {
  const s = resolveRef(doc, schema);
  if (!s) return [];
  const nested = ["allOf", "anyOf", "oneOf"].flatMap((k) => ((s[k] ?? []) as unknown[]).flatMap((b) => branches(doc, b as Json)));
  const self = s.type === "array" || (Array.isArray(s.type) && s.type.includes("array")) ? branches(doc, s.items as Json) : [s];
  return [...self, ...nested];
}

/** The schemas reached by following `path` from `schema`; empty when the path does not exist. */
export function schemasAtPath(doc: Json, schema: Json, path: string): Json[] {
  let current = branches(doc, schema);
  for (const segment of path.split(".")) {
    current = current.flatMap((s) => {
      const prop = (s.properties as Json | undefined)?.[segment];
      return prop ? branches(doc, prop as Json) : [];
    });
    if (current.length === 0) return [];
  }
  return current;
}

/** Every property name and parameter-like key found anywhere in a schema (recursively). */
export function allPropertyNames(doc: Json, schema: Json, seen = new Set<Json>()): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown) => {
    const s = resolveRef(doc, node);
    if (!s || typeof s !== "object" || seen.has(s)) return;
    seen.add(s);
    for (const [k, v] of Object.entries((s.properties ?? {}) as Json)) {
      names.add(k);
      visit(v);
    }
    if (s.items) visit(s.items);
    if (s.additionalProperties && typeof s.additionalProperties === "object") visit(s.additionalProperties);
    for (const k of ["allOf", "anyOf", "oneOf"]) for (const b of (s[k] ?? []) as unknown[]) visit(b);
  };
  visit(schema);
  return names;
}
