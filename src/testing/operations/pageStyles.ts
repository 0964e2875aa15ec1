/**
 * Server-side paging in each style a spec declares (see `EmulatorPaging` in the generated model):
 *
 * - token: an absolute next link on the emulator's origin carrying every query parameter as sent and
 *   an opaque token (base64url of a snapshot id and an offset) in the operation's token parameter;
 * - continuation: the same token in the answer's continuation key (and the next link, if declared);
 * - bodyToken: the token in the request body and in the answer body (a read sent as POST);
 * - skip: `$skip` offsets in the next link, no snapshot;
 * - bare: the whole list as a JSON array; none: the whole list in the items key;
 * - pageNumber: numbered pages from 1 (`pageNumber`), the number served in the answer, no next link.
 *
 * A snapshot fixes the list's membership at the first page, so every item is served exactly once
 * even when the list changes mid-way; items deleted since are skipped, edits show.
 */
import type { EmulatorPaging } from "../../../generated/emulator-model.js";
import { valueAtPath } from "../../core/dottedPath.js";
import { serviceError } from "../http/wire.js";
import type { Doc } from "../tenant/resourceStore.js";

/** Members of a list: key and current document. */
export type Member = readonly [string, Doc];

interface Snapshot {
  listKey: string;
  members: readonly Member[];
}

const MAX_SNAPSHOTS = 10_000;

const base64Url = (text: string) => Buffer.from(text, "utf8").toString("base64url");

function invalidToken(token: string): Error {
  return serviceError(400, "InvalidSkipToken", `The skip token '${token}' is not valid for this list or has expired.`);
}

/** Parses a non-negative integer page parameter, or 400. */
function nonNegativeInteger(name: string, raw: unknown): number | undefined {
  if (raw === null || raw === undefined) return undefined;
  const text = String(raw).trim();
  if (!/^\d+$/.test(text)) throw serviceError(400, "InvalidQueryParameterValue", `The value '${String(raw)}' of '${name}' is not valid: expected a non-negative integer.`);
  return Number(text);
}


/** What a page request carries. */
export interface PageRequest {
  readonly operationId: string;
  readonly url: URL;
  readonly body: unknown;
  readonly paging: EmulatorPaging;
  /** Is `member` still in the list (not deleted since the snapshot)? */
  readonly present: (member: Member) => boolean;
  /** Projection applied to each served item. */
  readonly project?: ((doc: Doc) => Doc) | undefined;
}

/** The paging machinery of one emulator: page size, origin for next links, and the snapshot store. */
export class Pager {
  private readonly snapshots = new Map<number, Snapshot>();
  private nextSnapshot = 1;

  constructor(
    private readonly baseUrl: string,
    private readonly pageSize: number,
  ) {}

  /** One page of `members` as the operation's paging style answers it. */
  page(request: PageRequest, members: () => readonly Member[]): unknown {
    const { paging, url, body } = request;
    const out = (list: readonly Member[]) => list.filter(request.present).map(([, doc]) => (request.project ? request.project(doc) : doc));
    if (paging.style === "bare") return out(members());
    if (paging.style === "none") return { [paging.itemsKey ?? "value"]: out(members()) };
    const fromBody = paging.style === "bodyToken";
    const read = (name: string | null) => (name === null ? null : fromBody ? (valueAtPath(body, name) ?? null) : url.searchParams.get(name));
    const top = paging.sizeParam === null ? this.pageSize : (nonNegativeInteger(paging.sizeParam, read(paging.sizeParam)) ?? this.pageSize);
    const itemsKey = paging.itemsKey ?? "value";

    if (paging.style === "pageNumber") return this.numberedPage(request, members, top, out);

    if (paging.style === "skip") {
      const all = members();
      const skip = nonNegativeInteger(paging.tokenParam ?? "$skip", read(paging.tokenParam)) ?? 0;
      const end = Math.min(skip + top, all.length);
      const envelope: Record<string, unknown> = { [itemsKey]: out(all.slice(skip, end)) };
      if (top > 0 && end < all.length && paging.nextLinkKey) envelope[paging.nextLinkKey] = this.linkWith(url, paging.tokenParam ?? "$skip", String(end));
      return envelope;
    }

    const listKey = `${request.operationId} ${url.pathname.toLowerCase()} ${JSON.stringify([...url.searchParams].filter(([k]) => k !== paging.tokenParam && k !== "api-version" && k !== paging.sizeParam).sort())}`;
    const token = read(paging.tokenParam);
    let snapshotId: number;
    let offset = 0;
    if (token === null || token === "") {
      snapshotId = this.store({ listKey, members: [...members()] });
    } else {
      ({ snapshotId, offset } = this.decode(String(token), listKey));
    }
    const snapshot = this.snapshots.get(snapshotId)!;
    const end = Math.min(offset + top, snapshot.members.length);
    const envelope: Record<string, unknown> = { [itemsKey]: out(snapshot.members.slice(offset, end)) };
    if (top > 0 && end < snapshot.members.length) {
      const next = base64Url(JSON.stringify({ s: snapshotId, o: end }));
      if (paging.responseTokenKey) envelope[paging.responseTokenKey] = next;
      if (paging.nextLinkKey && !fromBody) envelope[paging.nextLinkKey] = this.linkWith(url, paging.tokenParam ?? "$skiptoken", next);
    }
    return envelope;
  }

  /**
   * Page `pageNumber` (default 1) of `members`, `top` items a page. Numbered pages keep no snapshot:
   * like the service, a list that changes while it is read may shift between pages.
   */
  private numberedPage(request: PageRequest, members: () => readonly Member[], top: number, out: (list: readonly Member[]) => unknown[]): unknown {
    const { paging, url } = request;
    const number = nonNegativeInteger(paging.tokenParam!, url.searchParams.get(paging.tokenParam!)) ?? 1;
    if (number < 1) throw serviceError(400, "InvalidQueryParameterValue", `The value '${number}' of '${paging.tokenParam}' is not valid: pages are numbered from 1.`);
    const start = (number - 1) * top;
    const envelope: Record<string, unknown> = { [paging.itemsKey ?? "value"]: out(members().slice(start, start + top)) };
    if (paging.responseTokenKey) envelope[paging.responseTokenKey] = number;
    return envelope;
  }

  /** Forgets every snapshot (outstanding tokens become invalid). */
  reset(): void {
    this.snapshots.clear();
  }

  private store(snapshot: Snapshot): number {
    const id = this.nextSnapshot++;
    this.snapshots.set(id, snapshot);
    if (this.snapshots.size > MAX_SNAPSHOTS) this.snapshots.delete(this.snapshots.keys().next().value!);
    return id;
  }

  private decode(token: string, listKey: string): { snapshotId: number; offset: number } {
    let parsed: { s?: unknown; o?: unknown } | null = null;
    try {
      if (/^[A-Za-z0-9_-]+$/.test(token)) parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    } catch {
      parsed = null;
    }
    const snapshot = typeof parsed?.s === "number" ? this.snapshots.get(parsed.s) : undefined;
    const o = parsed?.o;
    if (!snapshot || snapshot.listKey !== listKey || typeof o !== "number" || !Number.isInteger(o) || o < 0 || o > snapshot.members.length) throw invalidToken(token);
    return { snapshotId: parsed!.s as number, offset: o };
  }

  private linkWith(url: URL, name: string, value: string): string {
    const next = new URL(`${this.baseUrl}${url.pathname}`);
    for (const [k, v] of url.searchParams) if (k !== name) next.searchParams.append(k, v);
    next.searchParams.set(name, value);
    return next.toString();
  }
}
