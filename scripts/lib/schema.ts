/** Small helpers over a parsed OpenAPI document: local `$ref` resolution and JSON type names. */

export type Json = Record<string, unknown>;

export function resolve(doc: Json, node: unknown): Json {
  let current = node as Json;
  const seen = new Set<string>();
  while (current && typeof current.$ref === "string") {
    const ref = current.$ref;
    if (seen.has(ref)) throw new Error(`circular $ref ${ref}`);
    seen.add(ref);
    if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported: ${ref}`);
    current = ref
      .slice(2)
      .split("/")
      .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((acc, key) => (acc as Json)?.[key], doc) as Json;
    if (current === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return current;
}

/** One JSON type name for a schema, looking through $ref and same-typed anyOf/oneOf branches. */
export function jsonTypeOf(doc: Json, node: unknown): string {
  const schema = resolve(doc, node);
  const branches = (schema.anyOf ?? schema.oneOf) as unknown[] | undefined;
  if (branches) {
    const types = new Set(branches.map((b) => jsonTypeOf(doc, b)));
    return types.size === 1 ? [...types][0]! : "any";
  }
  const declared = Array.isArray(schema.type) ? schema.type.filter((t) => t !== "null") : [schema.type];
  if (declared.length !== 1 || typeof declared[0] !== "string") return "any";
  const type = declared[0];
  return type === "array" && schema.items ? `array<${jsonTypeOf(doc, schema.items)}>` : type;
}
