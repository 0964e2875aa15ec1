/**
 * Checks a request body against the operation's schema from the generated model (the keywords the
 * generator keeps: type, required, properties, items, enum, anyOf/oneOf, lengths, counts of items and
 * properties, pattern, uuid), so
 * a body the service would refuse gets its 400 before anything changes. Open enums (an `anyOf` with a
 * plain string) accept any string; {@link knownValues} gives behaviours the listed ones.
 */
type Schema = Readonly<Record<string, any>>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** The first problem of `value` against `schema`, or undefined when it conforms. */
export function bodyProblem(schema: Schema | undefined, value: unknown, at = "body"): string | undefined {
  if (!schema) return undefined;
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches && !branches.some((b: Schema) => bodyProblem(b, value, at) === undefined)) return bodyProblem(branches[0], value, at);
  if (schema.type !== undefined) {
    const allowed: string[] = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = typeOf(value);
    if (!allowed.includes(actual) && !(actual === "integer" && allowed.includes("number"))) return `${at} must be ${allowed.join(" or ")}, not ${actual}`;
  }
  if (schema.enum && !schema.enum.includes(value)) return `${at} must be one of ${schema.enum.join(", ")}; got '${String(value)}'`;
  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength) return `${at} must have at least ${schema.minLength} characters`;
    if (schema.maxLength !== undefined && value.length > schema.maxLength) return `${at} must have at most ${schema.maxLength} characters`;
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) return `${at} must match ${schema.pattern}`;
    if (schema.format === "uuid" && !GUID.test(value)) return `${at} must be a GUID; got '${value}'`;
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return `${at} must have at least ${schema.minItems} item(s)`;
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return `${at} must have at most ${schema.maxItems} item(s)`;
    for (let i = 0; i < value.length; i++) {
      const problem = bodyProblem(schema.items, value[i], `${at}[${i}]`);
      if (problem) return problem;
    }
  } else if (value !== null && typeof value === "object") {
    const object = value as Record<string, unknown>;
    const count = Object.values(object).filter((v) => v !== undefined).length;
    if (schema.minProperties !== undefined && count < schema.minProperties) return `${at} must have at least ${schema.minProperties} field(s)`;
    if (schema.maxProperties !== undefined && count > schema.maxProperties) return `${at} must have at most ${schema.maxProperties} field(s)`;
    for (const name of schema.required ?? []) if (object[name] === undefined) return `${at}.${name} is required`;
    for (const [name, sub] of Object.entries(schema.properties ?? {})) {
      if (object[name] === undefined) continue;
      const problem = bodyProblem(sub as Schema, object[name], `${at}.${name}`);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** The values a schema lists (in its own or an `anyOf` branch's `enum`). */
export function knownValues(schema: Schema | undefined): readonly string[] {
  if (!schema) return [];
  if (schema.enum) return schema.enum;
  return (schema.anyOf ?? schema.oneOf ?? []).flatMap((b: Schema) => knownValues(b));
}

/** The schema of a property path (`put.properties.roleName`, with array items looked through). */
export function schemaAt(schema: Schema | undefined, path: string): Schema | undefined {
  let current = schema;
  for (const name of path.split(".")) {
    while (current?.type === "array" || (Array.isArray(current?.type) && current?.items)) current = current?.items;
    current = current?.properties?.[name];
  }
  return current;
}
