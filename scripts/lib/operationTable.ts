/**
 * Builds the operation table from a parsed OpenAPI document: for every operationId, the facts the
 * runtime needs (method, path template, parameter names, default api-version, paging and
 * long-running behaviour). The SDK reads this table instead of restating the spec.
 */

export interface OperationEntry {
  service: string;
  operationId: string;
  method: "get" | "put" | "post" | "delete" | "patch";
  path: string;
  pathParams: string[];
  queryParams: string[];
  requiredQueryParams: string[];
  /** Top-level property names of the JSON request body, if the operation takes one. */
  bodyParams: string[];
  requiredBodyParams: string[];
  /** JSON type of each body field (`string`, `array<string>`, `object`, ... or `any`), for input checks. */
  bodyParamTypes: Record<string, string>;
  /** Array body fields whose schema demands at least one item (`minItems`). */
  nonEmptyBodyParams: string[];
  hasBody: boolean;
  defaultApiVersion: string;
  /** The response key holding the next-page link, for list operations. */
  nextLinkName: string | null;
  itemName: string | null;
  /** How a long-running operation reports its progress, if it is one. */
  longRunning: "operation-location" | null;
  successStatuses: number[];
}

type Json = Record<string, unknown>;
const METHODS = ["get", "put", "post", "delete", "patch"] as const;

function resolve(doc: Json, node: unknown): Json {
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
function jsonTypeOf(doc: Json, node: unknown): string {
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

export function buildOperationTable(doc: Json, service: string): OperationEntry[] {
  const entries: OperationEntry[] = [];
  const paths = (doc.paths ?? {}) as Record<string, Json>;
  for (const [pathTemplate, pathItemRaw] of Object.entries(paths)) {
    const pathItem = resolve(doc, pathItemRaw);
    const shared = ((pathItem.parameters ?? []) as unknown[]).map((p) => resolve(doc, p));
    for (const method of METHODS) {
      const op = pathItem[method] as Json | undefined;
      if (!op) continue;
      const operationId = op.operationId;
      if (typeof operationId !== "string") throw new Error(`${method.toUpperCase()} ${pathTemplate} has no operationId`);
      const own = ((op.parameters ?? []) as unknown[]).map((p) => resolve(doc, p));
      const params = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
      const pathParams = params.filter((p) => p.in === "path").map((p) => String(p.name));
      const query = params.filter((p) => p.in === "query");
      const apiVersion = query.find((p) => p.name === "api-version");
      if (!apiVersion) throw new Error(`${operationId} declares no api-version query parameter`);
      const defaultApiVersion = (resolve(doc, apiVersion.schema) ?? {}).default;
      if (typeof defaultApiVersion !== "string") throw new Error(`${operationId}: api-version has no string default`);

      let bodyParams: string[] = [];
      let requiredBodyParams: string[] = [];
      const bodyParamTypes: Record<string, string> = {};
      const nonEmptyBodyParams: string[] = [];
      let hasBody = false;
      if (op.requestBody) {
        hasBody = true;
        const body = resolve(doc, op.requestBody);
        const media = (body.content as Json | undefined)?.["application/json"] as Json | undefined;
        const schema = media?.schema ? resolve(doc, media.schema) : undefined;
        if (schema?.properties) {
          bodyParams = Object.keys(schema.properties as Json);
          for (const [name, prop] of Object.entries(schema.properties as Json)) {
            bodyParamTypes[name] = jsonTypeOf(doc, prop);
            if (Number(resolve(doc, prop).minItems ?? 0) >= 1) nonEmptyBodyParams.push(name);
          }
        }
        if (Array.isArray(schema?.required)) requiredBodyParams = schema.required.map(String);
      }

      const pageable = op["x-ms-pageable"] as Json | undefined;
      const lro = op["x-ms-long-running-operation"] === true;
      const lroVia = (op["x-ms-long-running-operation-options"] as Json | undefined)?.["final-state-via"];
      entries.push({
        service,
        operationId,
        method,
        path: pathTemplate,
        pathParams,
        queryParams: query.map((p) => String(p.name)),
        requiredQueryParams: query.filter((p) => p.required === true).map((p) => String(p.name)),
        bodyParams,
        requiredBodyParams,
        bodyParamTypes,
        nonEmptyBodyParams,
        hasBody,
        defaultApiVersion,
        nextLinkName: pageable ? String(pageable.nextLinkName ?? "nextLink") : null,
        itemName: pageable ? String(pageable.itemName ?? "value") : null,
        longRunning: lro ? (lroVia === "operation-location" ? "operation-location" : (() => { throw new Error(`${operationId}: unsupported final-state-via ${String(lroVia)}`); })()) : null,
        successStatuses: Object.keys((op.responses ?? {}) as Json)
          .filter((code) => /^2\d\d$/.test(code))
          .map(Number)
          .sort((a, b) => a - b),
      });
    }
  }
  entries.sort((a, b) => a.operationId.localeCompare(b.operationId));
  return entries;
}
