/**
 * Derives from each spec what the emulator needs to serve an operation without hand-written code, and
 * writes it to generated/emulator-model.ts: the operation's kind (list, get, create, update, upsert,
 * delete, action, read), the collection it works on and the item's id field, its paging style, its
 * long-running style and status operation, the request-body schema (validation keywords only), and
 * the first example of its success answer (seed data and templates). Called by scripts/generate.ts.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { repoRoot, specs } from "./specs.js";
import { tableLiteral } from "./tableText.js";

type Json = Record<string, any>;
const METHODS = ["get", "put", "post", "delete", "patch"] as const;
const KEEP = ["type", "required", "enum", "minLength", "maxLength", "pattern", "minItems", "maxItems", "minProperties", "maxProperties", "format"];

function deref(doc: Json, node: any): any {
  const seen = new Set<string>();
  while (node && typeof node.$ref === "string" && !seen.has(node.$ref)) {
    seen.add(node.$ref);
    node = node.$ref
      .slice(2)
      .split("/")
      .map((p: string) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((acc: any, key: string) => acc?.[key], doc);
  }
  return node ?? {};
}

/** A schema with refs inlined and only the keywords the emulator checks; depth-limited for cycles. */
function trimSchema(doc: Json, node: any, depth = 0): Json | undefined {
  if (depth > 6) return undefined;
  const s = deref(doc, node);
  const out: Json = {};
  for (const key of KEEP) if (s[key] !== undefined) out[key] = s[key];
  if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, trimSchema(doc, v, depth + 1) ?? {}]));
  if (s.items) out.items = trimSchema(doc, s.items, depth + 1) ?? {};
  for (const key of ["anyOf", "oneOf"]) if (Array.isArray(s[key])) out[key] = s[key].map((b: any) => trimSchema(doc, b, depth + 1) ?? {});
  return out;
}

function jsonMedia(doc: Json, holder: any): Json | undefined {
  return deref(doc, holder)?.content?.["application/json"];
}

function firstExample(doc: Json, media: Json | undefined): unknown {
  if (!media) return undefined;
  const first = Object.values(media.examples ?? {})[0];
  return first !== undefined ? deref(doc, first).value : media.example;
}

const isParam = (segment: string | undefined) => !!segment && /^\{[^}]+\}$/.test(segment);
const paramName = (segment: string) => segment.slice(1, -1);

interface RawOp {
  operationId: string;
  method: (typeof METHODS)[number];
  path: string;
  op: Json;
  params: Json[];
}

function collectOps(doc: Json): RawOp[] {
  const out: RawOp[] = [];
  for (const [p, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = deref(doc, rawItem);
    const shared = (item.parameters ?? []).map((x: any) => deref(doc, x));
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const own = (op.parameters ?? []).map((x: any) => deref(doc, x));
      const params = [...shared.filter((s: Json) => !own.some((o: Json) => o.name === s.name && o.in === s.in)), ...own];
      out.push({ operationId: op.operationId, method, path: p, op, params });
    }
  }
  return out.sort((a, b) => a.operationId.localeCompare(b.operationId));
}

function successOf(doc: Json, op: Json): { statuses: number[]; first: number; media: Json | undefined } {
  const statuses = Object.keys(op.responses ?? {})
    .filter((c) => /^2\d\d$/.test(c))
    .map(Number)
    .sort((a, b) => a - b);
  const first = statuses[0] ?? 200;
  return { statuses, first, media: jsonMedia(doc, op.responses?.[String(first)]) };
}

/** The field of an item that carries the id a path parameter names (`name` when `id` is an ARM path). */
function idFieldOf(doc: Json, itemSchema: Json | undefined, idParam: string | null, sample: unknown): string {
  const props = Object.keys(deref(doc, itemSchema ?? {}).properties ?? {});
  const armId = typeof (sample as Json | undefined)?.id === "string" && (sample as Json).id.includes("/");
  const byName = armId || /Name$/.test(idParam ?? "") ? "name" : "id";
  const candidates = idParam ? [idParam, byName, `${idParam.replace(/(Id|Name)$/, "")}Id`, "id", "name"] : [byName, "id", "name"];
  return candidates.find((c) => props.includes(c)) ?? "id";
}

function timestampFields(doc: Json, itemSchema: Json | undefined): { created: string[]; modified: string[] } {
  const props = Object.keys(deref(doc, itemSchema ?? {}).properties ?? {});
  return {
    created: props.filter((p) => /^created(On|DateTime|Time|At)$/.test(p)),
    modified: props.filter((p) => /^(lastModified|modified|changed|lastAction)(On|DateTime|Time|At)$/.test(p)),
  };
}

/** Finds a property path whose name looks like a skip token, in a schema (depth ≤ 2). */
function tokenPath(doc: Json, schema: any, depth = 0): string[] | undefined {
  const props = deref(doc, schema)?.properties ?? {};
  for (const [name, sub] of Object.entries(props)) {
    if (/^\$?skip_?token$/i.test(name)) return [name];
    if (depth < 1) {
      const inner = tokenPath(doc, sub, depth + 1);
      if (inner) return [name, ...inner];
    }
  }
  return undefined;
}

function pagingOf(doc: Json, raw: RawOp, responseSchema: Json | undefined) {
  const pageable = raw.op["x-ms-pageable"];
  const query = raw.params.filter((p) => p.in === "query").map((p) => String(p.name));
  const resp = deref(doc, responseSchema ?? {});
  const sizeParam = query.find((q) => /^(\$top|top|limit|pageSize|\$pageSize|maxpagesize)$/i.test(q)) ?? null;
  const find = (re: RegExp) => query.find((q) => re.test(q)) ?? null;
  const itemsKey = pageable ? String(pageable.itemName ?? "value") : resp.type === "array" ? null : "value";
  const nextLinkKey = pageable ? (pageable.nextLinkName === null ? null : String(pageable.nextLinkName ?? "nextLink")) : null;
  // The spec's own word on a token-continued list (x-ppadmin-paging) comes first.
  const paging = raw.op["x-ppadmin-paging"];
  if (paging?.style === "bodyToken") {
    return { style: "bodyToken", itemsKey, nextLinkKey: null, tokenParam: String(paging.bodyField), sizeParam: paging.sizeField ?? null, responseTokenKey: String(paging.tokenField) };
  }
  if (paging?.style === "continuationToken") {
    return { style: "continuation", itemsKey, nextLinkKey, tokenParam: String(paging.tokenParam), sizeParam: paging.sizeParam ?? sizeParam, responseTokenKey: String(paging.tokenField) };
  }
  const bodyToken = raw.method === "post" ? tokenPath(doc, jsonMedia(doc, raw.op.requestBody)?.schema) : undefined;
  if (bodyToken) {
    const respToken = tokenPath(doc, resp) ?? ["$skipToken"];
    const arrayKey = Object.entries(resp.properties ?? {}).find(([, v]) => deref(doc, v).type === "array")?.[0] ?? "value";
    const holder = bodyToken.slice(0, -1).reduce((acc: any, key) => deref(doc, acc?.properties?.[key]), deref(doc, jsonMedia(doc, raw.op.requestBody)?.schema));
    const sizeKey = Object.keys(holder?.properties ?? {}).find((k) => /^top$/i.test(k)) ?? "Top";
    const sizePath = [...bodyToken.slice(0, -1), sizeKey];
    return { style: "bodyToken", itemsKey: pageable?.itemName ?? arrayKey, nextLinkKey: null, tokenParam: bodyToken.join("."), sizeParam: sizePath.join("."), responseTokenKey: respToken[0]! };
  }
  const declared = raw.op["x-ppadmin-paging"];
  if (declared?.style === "pageNumber") {
    return { style: "pageNumber", itemsKey, nextLinkKey: null, tokenParam: String(declared.pageParam), sizeParam: declared.sizeParam ?? null, responseTokenKey: declared.pageField ?? null };
  }
  if (resp.type === "array") return { style: "bare", itemsKey: null, nextLinkKey: null, tokenParam: null, sizeParam: null, responseTokenKey: null };
  const skipToken = find(/^\$?skip_?token$/i);
  if (skipToken) return { style: "token", itemsKey, nextLinkKey, tokenParam: skipToken, sizeParam, responseTokenKey: null };
  const skip = find(/^\$skip$/);
  if (skip) return { style: "skip", itemsKey, nextLinkKey, tokenParam: skip, sizeParam, responseTokenKey: null };
  const continuation = find(/^continuation_?token$/i);
  if (continuation) {
    const respKey = Object.keys(resp.properties ?? {}).find((k) => /^continuation_?token$/i.test(k)) ?? null;
    return { style: "continuation", itemsKey, nextLinkKey, tokenParam: continuation, sizeParam, responseTokenKey: respKey };
  }
  // No paging parameter: the server pages with a token of its own in the next link, if it has a next link key.
  return { style: nextLinkKey ? "token" : "none", itemsKey, nextLinkKey, tokenParam: nextLinkKey ? "$skiptoken" : null, sizeParam, responseTokenKey: null };
}

/** Builds the emulator model of one parsed spec. */
export function buildEmulatorModel(doc: Json, spec: string, service: string) {
  const raws = collectOps(doc);
  const byKey = new Map(raws.map((r) => [`${r.method} ${r.path}`, r]));
  const errorExamples = Object.values(doc.components?.responses ?? {}).flatMap((r: any) => Object.values(jsonMedia(doc, r)?.examples ?? {}).map((e: any) => deref(doc, e).value));
  const gatewayErrors = errorExamples.some((v: any) => v && typeof v.code === "string" && v.error === undefined);
  const listSchemaOf = (p: string) => {
    const get = byKey.get(`get ${p}`);
    return get ? successOf(doc, get.op).media?.schema : undefined;
  };
  const isList = (raw: RawOp | undefined): boolean => {
    if (!raw || raw.method !== "get") return false;
    if (raw.op["x-ms-pageable"]) return true;
    const s = deref(doc, successOf(doc, raw.op).media?.schema ?? {});
    return s.type === "array" || (s.type === "object" && deref(doc, s.properties?.value ?? {}).type === "array" && !isParam(raw.path.split("/").pop()));
  };
  // One example item of a collection (from its list), to tell ARM-path ids from names.
  const sampleOf = (collection: string | null): unknown => {
    const get = collection ? byKey.get(`get ${collection}`) : undefined;
    const ex = get ? (firstExample(doc, successOf(doc, get.op).media) as any) : undefined;
    return Array.isArray(ex) ? ex[0] : Array.isArray(ex?.value) ? ex.value[0] : undefined;
  };
  const statusOps = raws.filter((r) => r.method === "get" && /operation(Id|Name)?\}$/i.test(r.path));

  const operations = raws.map((raw) => {
    const segments = raw.path.split("/");
    const last = segments.at(-1);
    const parent = segments.slice(0, -1).join("/");
    const success = successOf(doc, raw.op);
    const responseSchema = success.media?.schema;
    const hasItemRoute = raws.some((r) => r.path.startsWith(`${raw.path}/{`) && r.path.split("/").length === segments.length + 1);
    let kind: string;
    let collection: string | null = null;
    let idParam: string | null = null;
    if ((raw.method === "get" && isList(raw)) || (raw.method === "post" && (raw.op["x-ppadmin-paging"]?.style === "bodyToken" || tokenPath(doc, jsonMedia(doc, raw.op.requestBody)?.schema)))) [kind, collection] = ["list", raw.path];
    else if (isParam(last) && raw.method !== "post") {
      [collection, idParam] = [parent, paramName(last!)];
      const creatable = byKey.has(`post ${parent}`);
      kind = { get: "get", delete: "delete", patch: "update", put: creatable ? "update" : "upsert" }[raw.method as "get"]!;
    } else if (raw.method === "post" && (isList(byKey.get(`get ${raw.path}`)) || hasItemRoute)) [kind, collection] = ["create", raw.path];
    else if (raw.method === "post") kind = "action";
    else kind = { get: "read", put: "write", patch: "write", delete: "erase" }[raw.method as "get"]!;

    // The schema of one stored item: the list's item schema, or the get's response.
    const listSchema = collection ? deref(doc, listSchemaOf(collection) ?? {}) : undefined;
    const listItems = listSchema?.type === "array" ? listSchema.items : listSchema?.properties?.[String(raw.op["x-ms-pageable"]?.itemName ?? "value")]?.items;
    const itemGet = collection ? raws.find((r) => r.method === "get" && r.path.startsWith(`${collection}/{`) && r.path.split("/").length === collection.split("/").length + 1) : undefined;
    const itemSchema = listItems ?? (itemGet ? successOf(doc, itemGet.op).media?.schema : undefined) ?? (kind === "create" ? responseSchema : undefined);
    // The parameter that names an item: the get's, or any route's under the collection (`/packages/{uniqueName}/install`).
    const under = collection ? raws.find((r) => r.path.startsWith(`${collection}/{`))?.path.slice(collection.length + 1).split("/")[0] : undefined;
    const itemParam = idParam ?? (itemGet ? paramName(itemGet.path.split("/").at(-1)!) : under ? paramName(under) : null);
    const example = firstExample(doc, success.media);
    const paging = kind === "list" ? pagingOf(doc, raw, responseSchema) : null;
    const exampleItems = kind === "list" ? (Array.isArray(example) ? example : paging?.itemsKey && Array.isArray((example as Json)?.[paging.itemsKey]) ? (example as Json)[paging.itemsKey] : []) : undefined;

    // Actions on a resource: return the resource when the answer has the resource's schema.
    let returnsTarget = false;
    if (kind === "action" && responseSchema?.$ref) {
      const target = byKey.get(`get ${parent}`);
      returnsTarget = !!target && successOf(doc, target.op).media?.schema?.$ref === responseSchema.$ref;
    }

    let lro = null;
    if (raw.op["x-ms-long-running-operation"] === true) {
      const via = String(raw.op["x-ms-long-running-operation-options"]?.["final-state-via"] ?? "location");
      const common = (a: string, b: string) => {
        const [x, y] = [a.split("/"), b.split("/")];
        let i = 0;
        while (i < x.length && x[i] === y[i]) i++;
        return i;
      };
      // The status operation the spec names (x-ppadmin.poll), else the nearest `…/{operationId}` GET of
      // the same namespace (first path segment), else a spec-wide `/operations/{id}`; none otherwise.
      const poll = raw.op["x-ppadmin"]?.poll as { operationId?: string; statusField?: string } | undefined;
      const named = poll?.operationId ? raws.find((r) => r.operationId === poll.operationId) : undefined;
      const sameNamespace = statusOps.filter((r) => r.path.split("/")[1] === raw.path.split("/")[1]);
      const candidates = sameNamespace.length > 0 ? sameNamespace : statusOps.filter((r) => r.path.split("/").length === 3);
      const status = named ?? [...candidates].sort((a, b) => common(raw.path, b.path) - common(raw.path, a.path))[0];
      // The api-version the service puts in the status URL: the one the accepted answer's example
      // `Location` (or `Operation-Location`) carries; none when the spec gives no such example.
      const header = via === "operation-location" ? "operation-location" : "location";
      const statusUrlExamples = Object.entries(raw.op.responses ?? {})
        .filter(([code]) => /^2\d\d$/.test(code))
        .flatMap(([, response]) => Object.entries(deref(doc, response)?.headers ?? {}).filter(([name]) => name.toLowerCase() === header))
        .map(([, h]) => deref(doc, h)?.example ?? deref(doc, h)?.schema?.example)
        .filter((example): example is string => typeof example === "string" && URL.canParse(example));
      const statusApiVersion = statusUrlExamples.map((example) => new URL(example).searchParams.get("api-version")).find((v) => !!v) ?? null;
      lro = { via, statusOperationId: status?.operationId ?? null, statusField: poll?.statusField ?? "status", statusApiVersion };
    }
    const body = raw.op.requestBody ? deref(doc, raw.op.requestBody) : undefined;
    const apiVersionParam = raw.params.find((p) => p.in === "query" && p.name === "api-version");
    const defaultApiVersion = String(deref(doc, apiVersionParam?.schema ?? {}).default ?? "");
    const otherApiVersions = ((apiVersionParam?.["x-ppadmin-api-versions"] ?? []) as unknown[]).map(String);
    return {
      operationId: raw.operationId,
      method: raw.method,
      path: raw.path,
      pathParams: raw.params.filter((p) => p.in === "path").map((p) => String(p.name)),
      queryParams: raw.params.filter((p) => p.in === "query").map((p) => String(p.name)),
      defaultApiVersion,
      apiVersions: [...new Set([defaultApiVersion, ...otherApiVersions])].filter(Boolean),
      successStatuses: success.statuses,
      kind,
      collection,
      idField: collection ? idFieldOf(doc, itemSchema, itemParam, sampleOf(collection)) : null,
      timestamps: timestampFields(doc, itemSchema),
      paging,
      lro,
      returnsTarget,
      requestBody: body ? { required: body.required === true, schema: trimSchema(doc, jsonMedia(doc, body)?.schema) ?? {} } : null,
      responseHasBody: success.media !== undefined,
      download: Object.keys(deref(doc, raw.op.responses?.[String(success.first)])?.content ?? {}).find((t) => !/json/i.test(t)) ?? null,
      example: exampleItems === undefined ? (example ?? null) : null,
      exampleItems: exampleItems ?? null,
    };
  });
  return { spec, service, gatewayErrors, operations };
}

const HEADER = `/**
 * GENERATED by scripts/lib/emulatorModel.ts from openapi/*.yaml. DO NOT EDIT BY HAND:
 * change the spec and run \`npm run generate\`.
 */
/* eslint-disable */
`;

const TYPES = `
import type { EmulatorSpecModel } from "../src/testing/operations/modelTypes.js";
export type { EmulatorOperation, EmulatorPaging, EmulatorSpecModel } from "../src/testing/operations/modelTypes.js";
`;

/** Writes generated/emulator-model.ts into `outDir`; returns its path. */
export function writeEmulatorModel(outDir: string): string {
  const models = specs.map((s) => buildEmulatorModel(parse(readFileSync(path.join(repoRoot, s.file), "utf8")), s.name, s.service));
  const file = path.join(outDir, "emulator-model.ts");
  // JSON text, one operation per line (scripts/lib/tableText.ts): parsing it is much cheaper than compiling the same object literal.
  const specModels = models.map(({ operations, ...spec }) => `  { ...${JSON.stringify(spec)}, operations: JSON.parse(${tableLiteral(operations).replace(/\n/g, "\n  ")}) },`);
  writeFileSync(file, `${HEADER}${TYPES}\nexport const emulatorModel: readonly EmulatorSpecModel[] = [\n${specModels.join("\n")}\n];\n`);
  return file;
}
