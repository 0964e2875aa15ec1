/**
 * Lists that continue with a token from the answer instead of a link (`x-ppadmin-continuation` in the
 * spec): the resource query's `skipToken`, sent back as `Options.SkipToken` with the same POST, or a
 * `continuationToken` query parameter. Also which query parameters a list iterator owns.
 */
import { PowerPlatformError } from "../core/errors.js";
import type { ListContext } from "../core/paging.js";
import type { OperationEntry, PageContinuation } from "./tables.js";

/**
 * Query parameters the iterator sets itself, so a caller may not: `$skiptoken` in any spelling
 * (`$skipToken` on the advisor routes) and the continuation's token parameter.
 */
export function iteratorOwnedQueryParams(entry: OperationEntry): string[] {
  const owned = entry.queryParams.filter((q) => q.toLowerCase() === "$skiptoken");
  if (entry.continuation?.in === "query" && !owned.includes(entry.continuation.requestField)) owned.push(entry.continuation.requestField);
  return owned.length > 0 ? owned : ["$skiptoken"];
}

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

/** One request of a token-continued list: the query and body with the page size and token in place. */
export function continuedRequest(
  continuation: PageContinuation,
  query: Readonly<Record<string, string | number>>,
  body: Record<string, unknown> | undefined,
  settings: { token?: string | undefined; pageSize?: number | undefined },
): { query: Record<string, string | number>; body: Record<string, unknown> | undefined } {
  let out = { query: { ...query }, body };
  const put = (field: string, value: string | number) => {
    if (continuation.in === "query") out.query[field] = value;
    else out = { query: out.query, body: withValueAt(out.body, field, value) };
  };
  if (settings.pageSize !== undefined && continuation.pageSizeField) put(continuation.pageSizeField, settings.pageSize);
  if (settings.token !== undefined) put(continuation.requestField, settings.token);
  return out;
}
