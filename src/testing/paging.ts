/**
 * Server-side paging. Token-paged lists answer `$top` items (default: the emulator's page size) and an
 * ABSOLUTE next link on the emulator's origin that carries an opaque `$skiptoken` (base64url of a
 * snapshot id and an offset) and every other query parameter as sent, api-version included. The
 * snapshot fixes the list's membership at the first page, so every item is served exactly once even
 * when the list changes mid-way; items deleted since are skipped, edits show. Environments page with
 * `$top`/`$skip` instead, as the service does.
 */
import type { OperationEntry } from "../../generated/operations.js";
import { serviceError } from "./errors.js";

/** The envelope of a list page: `value` plus the operation's next-link key when there is a next page. */
export type PageEnvelope<K extends string, T> = { value: T[] } & Partial<Record<K, string>>;

/** Builds a {@link PageEnvelope} under the next-link key of the operation table. */
export function pageEnvelope<K extends string, T>(nextLinkName: K, value: T[], nextLink: string | undefined): PageEnvelope<K, T> {
  return (nextLink === undefined ? { value } : { value, [nextLinkName]: nextLink }) as PageEnvelope<K, T>;
}

/** One page: the items and the absolute next link, if any. */
export interface Page<T> {
  items: T[];
  nextLink: string | undefined;
}

interface Snapshot {
  listKey: string;
  keys: readonly string[];
}

const MAX_SNAPSHOTS = 10_000;

function base64UrlEncode(text: string): string {
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function base64UrlDecode(token: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw new Error("not base64url");
  return atob(token.replace(/-/g, "+").replace(/_/g, "/"));
}

function invalidQuery(name: string, value: string, why: string): Error {
  return serviceError(400, "InvalidQueryParameterValue", `The value '${value}' of query parameter '${name}' is not valid: ${why}.`);
}

/** Parses a non-negative integer query parameter (`$top`, `$skip`); the licensing routes send `$top` as a string too. */
function nonNegativeInteger(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw.trim())) throw invalidQuery(name, raw, "expected a non-negative integer");
  return Number(raw.trim());
}

/** The paging machinery of one emulator: page size, origin for next links, and the snapshot store. */
export class Pager {
  private readonly snapshots = new Map<number, Snapshot>();
  private nextSnapshot = 1;

  constructor(
    private readonly baseUrl: string,
    private readonly pageSize: number,
  ) {}

  /**
   * One page of a token-paged list. `keys` lists the members now; `resolve` returns a member's current
   * value, or undefined when it is gone. Throws 400 for a skiptoken this list did not issue.
   */
  tokenPage<T>(url: URL, entry: OperationEntry, keys: () => readonly string[], resolve: (key: string) => T | undefined): Page<T> {
    const top = this.topOf(url, entry);
    const listKey = this.listKeyOf(url, entry, ["$skiptoken"]);
    const token = url.searchParams.get("$skiptoken");
    let snapshotId: number;
    let offset: number;
    let snapshot: Snapshot;
    if (token === null) {
      snapshot = { listKey, keys: [...keys()] };
      snapshotId = this.store(snapshot);
      offset = 0;
    } else {
      ({ snapshotId, offset, snapshot } = this.decode(token, listKey));
    }
    const end = Math.min(offset + top, snapshot.keys.length);
    const items = snapshot.keys
      .slice(offset, end)
      .map(resolve)
      .filter((item): item is T => item !== undefined);
    const nextLink =
      top > 0 && end < snapshot.keys.length ? this.linkWith(url, "$skiptoken", base64UrlEncode(JSON.stringify({ s: snapshotId, o: end }))) : undefined;
    return { items, nextLink };
  }

  /** {@link tokenPage} wrapped in the operation's envelope (`value` + its next-link key). */
  tokenEnvelope<K extends string, T>(url: URL, entry: OperationEntry & { readonly nextLinkName: K }, keys: () => readonly string[], resolve: (key: string) => T | undefined): PageEnvelope<K, T> {
    const page = this.tokenPage(url, entry, keys, resolve);
    return pageEnvelope(entry.nextLinkName, page.items, page.nextLink);
  }

  /** One page of a `$top`/`$skip` list (environments). */
  skipPage<T>(url: URL, entry: OperationEntry, items: readonly T[]): Page<T> {
    const top = this.topOf(url, entry);
    const skip = nonNegativeInteger(url.searchParams, "$skip") ?? 0;
    const end = Math.min(skip + top, items.length);
    const nextLink = top > 0 && end < items.length ? this.linkWith(url, "$skip", String(end)) : undefined;
    return { items: items.slice(skip, end), nextLink };
  }

  /** {@link skipPage} wrapped in the operation's envelope. */
  skipEnvelope<K extends string, T>(url: URL, entry: OperationEntry & { readonly nextLinkName: K }, items: readonly T[]): PageEnvelope<K, T> {
    const page = this.skipPage(url, entry, items);
    return pageEnvelope(entry.nextLinkName, page.items, page.nextLink);
  }

  /** Forgets every snapshot (outstanding skiptokens become invalid). */
  reset(): void {
    this.snapshots.clear();
  }

  private topOf(url: URL, entry: OperationEntry): number {
    // Only operations that declare `$top` honour it; the others page at the service's size.
    if (!entry.queryParams.includes("$top")) return this.pageSize;
    return nonNegativeInteger(url.searchParams, "$top") ?? this.pageSize;
  }

  private listKeyOf(url: URL, entry: OperationEntry, ignored: readonly string[]): string {
    const rest = [...url.searchParams].filter(([k]) => !ignored.includes(k) && k !== "api-version" && k !== "$top").sort();
    return `${entry.operationId} ${url.pathname.toLowerCase()} ${JSON.stringify(rest)}`;
  }

  private store(snapshot: Snapshot): number {
    const id = this.nextSnapshot++;
    this.snapshots.set(id, snapshot);
    if (this.snapshots.size > MAX_SNAPSHOTS) {
      const oldest = this.snapshots.keys().next().value;
      if (oldest !== undefined) this.snapshots.delete(oldest);
    }
    return id;
  }

  private decode(token: string, listKey: string): { snapshotId: number; offset: number; snapshot: Snapshot } {
    let parsed: unknown;
    try {
      parsed = JSON.parse(base64UrlDecode(token));
    } catch {
      throw serviceError(400, "InvalidSkipToken", `The skip token '${token}' is not valid.`);
    }
    const { s, o } = (parsed ?? {}) as { s?: unknown; o?: unknown };
    const snapshot = typeof s === "number" ? this.snapshots.get(s) : undefined;
    if (!snapshot || snapshot.listKey !== listKey || typeof o !== "number" || !Number.isInteger(o) || o < 0 || o > snapshot.keys.length) {
      throw serviceError(400, "InvalidSkipToken", `The skip token '${token}' is not valid for this list or has expired.`);
    }
    return { snapshotId: s as number, offset: o, snapshot };
  }

  private linkWith(url: URL, name: string, value: string): string {
    const next = new URL(`${this.baseUrl}${url.pathname}`);
    for (const [k, v] of url.searchParams) if (k !== "$skiptoken" && k !== "$skip") next.searchParams.append(k, v);
    next.searchParams.set(name, value);
    return next.toString();
  }
}
