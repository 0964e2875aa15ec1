/**
 * The item view of a paged iterator (src/core/paging.ts): items in order across pages, calls that
 * overlap a page read answered in the order they were made, and no page read after an error, after
 * the end, or after the caller stopped.
 */
import { describe, expect, it } from "vitest";
import { createPagedIterator, type PageResult } from "../../../src/core/paging.js";

const ORIGIN = "https://api.example.test";

/** A source over fixed pages, each read after a macrotask; counts its reads. */
function pagesOf(pages: readonly (readonly string[] | Error)[]) {
  let reads = 0;
  const read = async (index: number): Promise<PageResult<string>> => {
    reads++;
    await new Promise((resolve) => setTimeout(resolve, 1));
    const page = pages[index]!;
    if (page instanceof Error) throw page;
    return { items: page, nextLink: index + 1 < pages.length ? `${ORIGIN}/list?page=${index + 1}` : undefined };
  };
  const source = {
    origin: ORIGIN,
    firstPage: () => read(0),
    nextPage: (link: string) => read(Number(new URL(link).searchParams.get("page"))),
  };
  return { source, reads: () => reads };
}

describe("the items of a paged list", () => {
  it("come in order across pages, including calls made before earlier ones settled", async () => {
    const { source, reads } = pagesOf([["a", "b"], [], ["c"], ["d"]]);
    const items = createPagedIterator(source);
    const calls = [items.next(), items.next(), items.next(), items.next(), items.next(), items.next()];
    expect(await Promise.all(calls)).toEqual([
      { value: "a", done: false },
      { value: "b", done: false },
      { value: "c", done: false },
      { value: "d", done: false },
      { value: undefined, done: true },
      { value: undefined, done: true },
    ]);
    expect(reads()).toBe(4);
  });

  it("stop at an error: the items before it, the error once, then done with no further read", async () => {
    const { source, reads } = pagesOf([["a"], new Error("page 2 failed"), ["never"]]);
    const items = createPagedIterator(source);
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const item of items) seen.push(item);
      })(),
    ).rejects.toThrow("page 2 failed");
    expect(seen).toEqual(["a"]);
    expect(await items.next()).toEqual({ value: undefined, done: true });
    expect(reads()).toBe(2);
  });

  it("read no page after the caller breaks out of the loop", async () => {
    const { source, reads } = pagesOf([["a", "b"], ["c"], ["d"]]);
    const items = createPagedIterator(source);
    for await (const item of items) if (item === "a") break;
    expect(reads()).toBe(1);
    expect(await items.next()).toEqual({ value: undefined, done: true });
    expect(reads()).toBe(1);
  });
});
