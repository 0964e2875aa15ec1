/**
 * Lists that continue by re-posting the request with a token from the answer in its body
 * (`x-ppadmin-paging: {style: bodyToken}`): the resource query's `skipToken`, sent back as
 * `Options.SkipToken` with the same POST.
 */
import { invalidList, type ListContext } from "../core/paging.js";
import type { ListPaging } from "./tables.js";
import { withValueAtPath } from "../core/dottedPath.js";

/**
 * The next page's token in an answer: a non-empty string, or undefined on the last page (field
 * absent, null or ""). Anything else is an `InvalidResponse`: ending there would lose items.
 */
export function readPageToken(body: unknown, field: string, context: ListContext): string | undefined {
  if (!body || typeof body !== "object" || Array.isArray(body)) return undefined;
  const value = (body as Record<string, unknown>)[field];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "string") return value;
  throw invalidList(context, `The list response's "${field}" is neither a page token nor null (got ${Array.isArray(value) ? "an array" : typeof value}); the list cannot be continued.`);
}

/** The body of one request of a body-token list: the caller's body with the page size and token in place. */
export function continuedBody(
  paging: Extract<ListPaging, { style: "bodyToken" }>,
  body: Record<string, unknown> | undefined,
  settings: { token?: string | undefined; pageSize?: number | undefined },
): Record<string, unknown> | undefined {
  let out = body;
  if (settings.pageSize !== undefined && paging.sizeField) out = withValueAtPath(out, paging.sizeField, settings.pageSize);
  if (settings.token !== undefined) out = withValueAtPath(out, paging.bodyField, settings.token);
  return out;
}
