/**
 * Reads and checks `x-ppadmin-paging`, the operation-level extension by which a list that does not
 * page by next link alone says how it pages. It sits next to `x-ms-pageable` (which still names the
 * items key and the next-link key, if any):
 *
 * ```yaml
 * x-ppadmin-paging:                 # the answer carries a token; it goes back as a query parameter
 *   style: continuationToken
 *   tokenParam: continuationToken   # query parameter that takes the token
 *   tokenField: continuationtoken   # answer field that holds it
 *   sizeParam: pageSize             # optional: query parameter for byPage({ maxPageSize })
 *   itemsWithin: users              # optional: each element of the items array holds the items here
 * x-ppadmin-paging:                 # pages are numbered
 *   style: pageNumber
 *   pageParam: pageNumber
 *   pageField: currentPage          # optional: answer field naming the page served
 *   sizeParam: pageSize             # optional
 * x-ppadmin-paging:                 # the answer is a JSON array: the whole list, one page
 *   style: bareArray
 * x-ppadmin-paging:                 # a read sent as POST, re-posted with the answer's token in its body
 *   style: bodyToken
 *   tokenField: skipToken           # answer field that holds the token
 *   bodyField: Options.SkipToken    # dotted body path that takes it
 *   sizeField: Options.Top          # optional: dotted body path for byPage({ maxPageSize })
 * ```
 */
import type { ListPaging } from "../../src/client/tables.js";
import { resolve, type Json } from "./schema.js";

const KEYS: Record<ListPaging["style"], { required: string[]; optional: string[] }> = {
  continuationToken: { required: ["tokenParam", "tokenField"], optional: ["sizeParam", "itemsWithin"] },
  pageNumber: { required: ["pageParam"], optional: ["pageField", "sizeParam", "itemsWithin"] },
  bareArray: { required: [], optional: [] },
  bodyToken: { required: ["tokenField", "bodyField"], optional: ["sizeField"] },
};

function fail(operationId: string, message: string): never {
  throw new Error(`${operationId}: x-ppadmin-paging ${message}`);
}

/** The 200 answer's JSON schema of an operation, resolved. */
function successSchema(doc: Json, op: Json): Json | undefined {
  const ok = resolve(doc, ((op.responses ?? {}) as Json)["200"]);
  const media = (ok?.content as Json | undefined)?.["application/json"] as Json | undefined;
  return media?.schema ? resolve(doc, media.schema) : undefined;
}

/**
 * The operation's paging style, checked against its parameters and answer; undefined when the
 * operation has no `x-ppadmin-paging` (a list that follows next links).
 */
export function readPagingExtension(doc: Json, operationId: string, op: Json, queryParams: readonly string[], method = "get"): ListPaging | undefined {
  const raw = op["x-ppadmin-paging"];
  if (raw === undefined) return undefined;
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) fail(operationId, "must be an object");
  if (!op["x-ms-pageable"]) fail(operationId, "needs x-ms-pageable (it describes how a list pages)");
  const ext = raw as Json;
  const style = ext.style as ListPaging["style"];
  const keys = KEYS[style];
  if (!keys) fail(operationId, `style must be one of ${Object.keys(KEYS).join(", ")}, got ${JSON.stringify(ext.style)}`);
  for (const key of Object.keys(ext)) {
    if (key !== "style" && !keys.required.includes(key) && !keys.optional.includes(key)) fail(operationId, `has an unknown key "${key}" for style ${style}`);
  }
  for (const key of [...keys.required, ...keys.optional]) {
    const value = ext[key];
    if (value === undefined && keys.optional.includes(key)) continue;
    if (typeof value !== "string" || !value) fail(operationId, `${key} must be a non-empty string`);
    if (key.endsWith("Param") && !queryParams.includes(value)) fail(operationId, `${key} "${value}" is not a query parameter of the operation`);
  }
  const schema = successSchema(doc, op);
  if (style === "bareArray") {
    if (schema?.type !== "array") fail(operationId, "style bareArray needs a 200 answer whose schema is an array");
    return { style };
  }
  if (style === "bodyToken") {
    if (method !== "post") fail(operationId, "style bodyToken needs a POST (a read sent as POST, re-posted for each page)");
    if (op["x-ppadmin-safe-to-retry"] !== true) fail(operationId, "style bodyToken needs x-ppadmin-safe-to-retry: true (each page re-posts the request)");
    return { style, tokenField: ext.tokenField as string, bodyField: ext.bodyField as string, sizeField: (ext.sizeField as string | undefined) ?? null };
  }
  const itemsWithin = (ext.itemsWithin as string | undefined) ?? null;
  if (itemsWithin !== null) {
    const itemName = String((op["x-ms-pageable"] as Json).itemName ?? "value");
    const element = resolve(doc, resolve(doc, (schema?.properties as Json | undefined)?.[itemName])?.items);
    const inner = resolve(doc, (element?.properties as Json | undefined)?.[itemsWithin]);
    if (inner?.type !== "array") fail(operationId, `itemsWithin "${itemsWithin}" is not an array property of the "${itemName}" elements`);
  }
  if (style === "continuationToken") {
    return { style, tokenParam: ext.tokenParam as string, tokenField: ext.tokenField as string, sizeParam: (ext.sizeParam as string | undefined) ?? null, itemsWithin };
  }
  return { style, pageParam: ext.pageParam as string, pageField: (ext.pageField as string | undefined) ?? null, sizeParam: (ext.sizeParam as string | undefined) ?? null, itemsWithin };
}
