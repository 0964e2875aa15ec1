/**
 * Lists that continue by re-posting the request with a token from the answer in its body
 * (`x-ppadmin-paging: {style: bodyToken}`): the resource query's `skipToken`, sent back as
 * `Options.SkipToken` with the same POST.
 */
import { PowerPlatformError } from "../core/errors.js";
import type { ListContext } from "../core/paging.js";
import type { ListPaging } from "./tables.js";

/**
 * The next page's token in an answer: a non-empty string, or undefined on the last page (field
 * absent, null or ""). Anything else is an `InvalidResponse`: ending there would lose items.
 */
export function readPageToken(body: unknown, field: string, context: ListContext): string | undefined {
  if (!body || typeof body !== "object" || Array.isArray(body)) return undefined;
  const value = (body as Record<string, unknown>)[field];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "string") return value;
  throw new PowerPlatformError({
    status: 200,
    code: "InvalidResponse",
    message: `The list response's "${field}" is neither a page token nor null (got ${Array.isArray(value) ? "an array" : typeof value}); the list cannot be continued.`,
    method: context.method,
    url: context.url,
  });
}

/** A copy of `body` with `value` at the dotted `path` (objects on the way are copied, not changed). */
export function withValueAt(body: Record<string, unknown> | undefined, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split(".");
  const copy: Record<string, unknown> = { ...(body ?? {}) };
  if (rest.length === 0) {
    copy[head!] = value;
    return copy;
  }
  const inner = copy[head!];
  copy[head!] = withValueAt(inner && typeof inner === "object" && !Array.isArray(inner) ? (inner as Record<string, unknown>) : undefined, rest.join("."), value);
  return copy;
}

/** One request of a body-token list: the body with the page size and token in place (the query as it is). */
export function continuedRequest(
  paging: Extract<ListPaging, { style: "bodyToken" }>,
  query: Readonly<Record<string, string | number>>,
  body: Record<string, unknown> | undefined,
  settings: { token?: string | undefined; pageSize?: number | undefined },
): { query: Record<string, string | number>; body: Record<string, unknown> | undefined } {
  let out = body;
  if (settings.pageSize !== undefined && paging.sizeField) out = withValueAt(out, paging.sizeField, settings.pageSize);
  if (settings.token !== undefined) out = withValueAt(out, paging.bodyField, settings.token);
  return { query: { ...query }, body: out };
}
