/**
 * The paging styles of list operations beyond "follow the next link" (the table's `paging`, from
 * the spec's `x-ppadmin-paging`). Each style turns an answer into a page of the one iterator shape
 * (src/core/paging.ts): its items, and the absolute URL of the next page. For a token or a page
 * number that URL is the request's own URL with the token or the next number put in, so a page's
 * `continuationToken` resumes the list like any next link, and a repeated token is caught as a loop.
 */
import type { ListPaging, OperationEntry } from "./tables.js";
import { invalidList, readItems, readNextLink, type ListContext, type PageResult } from "../core/paging.js";
import { readPageToken } from "./pageContinuation.js";

/**
 * Query parameters the iterator sends itself, never the caller: `$skiptoken` in any spelling (next
 * links carry it; `$skipToken` on the advisor routes), and the style's token or page number.
 */
export function ownedQueryParams(entry: Pick<OperationEntry, "paging" | "queryParams">): string[] {
  const owned = entry.queryParams.filter((q) => q.toLowerCase() === "$skiptoken");
  if (owned.length === 0) owned.push("$skiptoken");
  const paging = entry.paging;
  if (paging?.style === "continuationToken") owned.push(paging.tokenParam);
  if (paging?.style === "pageNumber") owned.push(paging.pageParam);
  return owned;
}

/** The query parameter that carries `byPage({ maxPageSize })`: the style's, else `$top` when declared. */
export function pageSizeParam(entry: OperationEntry): string | null {
  const paging = entry.paging;
  if (paging?.style === "continuationToken" || paging?.style === "pageNumber") return paging.sizeParam;
  return entry.queryParams.includes("$top") ? "$top" : null;
}

function withQuery(requestUrl: string, name: string, value: string): string {
  const url = new URL(requestUrl);
  url.searchParams.set(name, value);
  return url.href;
}

/** Items of a bare-array answer: the array; nothing (a 204) is an empty page; anything else is refused. */
function arrayItems<TItem>(body: unknown, context: ListContext): TItem[] {
  if (body === undefined || body === null || body === "") return [];
  if (!Array.isArray(body)) throw invalidList(context, `The list response is not a JSON array (got ${typeof body}).`);
  return body as TItem[];
}

function pageNumberOf(body: unknown, key: string | null, requestUrl: URL, param: string): number {
  const served = key && body && typeof body === "object" ? (body as Record<string, unknown>)[key] : undefined;
  if (typeof served === "number" && Number.isInteger(served) && served >= 0) return served;
  const asked = Number(requestUrl.searchParams.get(param));
  // Without either, the first page is page 1 (the service's default when no number is sent).
  return requestUrl.searchParams.has(param) && Number.isInteger(asked) ? asked : 1;
}

/** The items inside each container of a page (`itemsWithin`); a container without them adds none. */
function flatten<TItem>(containers: readonly unknown[], key: string | null, context: ListContext): TItem[] {
  if (key === null) return containers as TItem[];
  return containers.flatMap((container) => {
    const inner = container && typeof container === "object" ? (container as Record<string, unknown>)[key] : undefined;
    if (inner === undefined || inner === null) return [];
    if (!Array.isArray(inner)) throw invalidList(context, `A list item's "${key}" is not an array.`);
    return inner as TItem[];
  });
}

/**
 * Reads one page of `entry`'s list from its decoded answer. `requestUrl` is the absolute URL the page
 * was requested with (the token or page number of the next page goes into a copy of it).
 */
export function readListPage<TItem>(entry: OperationEntry, body: unknown, requestUrl: string, context: ListContext): PageResult<TItem> {
  const paging = entry.paging;
  if (!paging) return { items: readItems<TItem>(body, entry.itemName, context), nextLink: readNextLink(body, entry.nextLinkName, context) };
  switch (paging.style) {
    case "bareArray":
      return { items: arrayItems<TItem>(body, context), nextLink: undefined };
    case "bodyToken":
      throw new TypeError(`${entry.operationId}: a body-token list is read by re-posting, not by links`);
    case "continuationToken": {
      const items = flatten<TItem>(readItems(body, entry.itemName, context), paging.itemsWithin, context);
      const link = readNextLink(body, entry.nextLinkName, context);
      if (link !== undefined) return { items, nextLink: link };
      const token = readPageToken(body, paging.tokenField, context);
      return { items, nextLink: token === undefined ? undefined : withQuery(requestUrl, paging.tokenParam, token) };
    }
    case "pageNumber": {
      const containers = readItems(body, entry.itemName, context);
      const items = flatten<TItem>(containers, paging.itemsWithin, context);
      const url = new URL(requestUrl);
      const size = paging.sizeParam ? Number(url.searchParams.get(paging.sizeParam)) : NaN;
      // The page size counts what the page holds (the containers, when items sit within them).
      const last = containers.length === 0 || (Number.isInteger(size) && size > 0 && containers.length < size);
      if (last) return { items, nextLink: undefined };
      const next = pageNumberOf(body, paging.pageField, url, paging.pageParam) + 1;
      return { items, nextLink: withQuery(requestUrl, paging.pageParam, String(next)) };
    }
  }
}
