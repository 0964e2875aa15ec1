/**
 * `x-ppadmin-paging` is checked when the tables are generated: a style the runtime does not know, a
 * parameter the operation does not declare, or a bare-array style on an answer that is no array
 * stops generation with the operation named, instead of producing a list that cannot page.
 */
import { describe, expect, it } from "vitest";
import { readPagingExtension } from "../../../scripts/lib/pagingExtension.js";

const doc = {};
const list = (paging: unknown, schema: unknown = { type: "object" }) => ({
  "x-ms-pageable": { nextLinkName: null },
  "x-ppadmin-paging": paging,
  responses: { "200": { content: { "application/json": { schema } } } },
});
const query = ["api-version", "continuationToken", "pageNumber", "pageSize"];

describe("x-ppadmin-paging", () => {
  it("reads the three styles, optional keys defaulting to null", () => {
    expect(readPagingExtension(doc, "Op", list({ style: "continuationToken", tokenParam: "continuationToken", tokenField: "continuationtoken" }), query)).toEqual({
      style: "continuationToken",
      tokenParam: "continuationToken",
      tokenField: "continuationtoken",
      sizeParam: null,
      itemsWithin: null,
    });
    expect(readPagingExtension(doc, "Op", list({ style: "pageNumber", pageParam: "pageNumber", pageField: "currentPage", sizeParam: "pageSize" }), query)).toEqual({
      style: "pageNumber",
      pageParam: "pageNumber",
      pageField: "currentPage",
      sizeParam: "pageSize",
      itemsWithin: null,
    });
    expect(readPagingExtension(doc, "Op", list({ style: "bareArray" }, { type: "array", items: {} }), query)).toEqual({ style: "bareArray" });
    expect(readPagingExtension(doc, "Op", { responses: {} }, query)).toBeUndefined();
  });

  it.each([
    [{ style: "offset" }, /style must be one of/],
    [{ style: "pageNumber", pageParam: "page" }, /pageParam "page" is not a query parameter/],
    [{ style: "continuationToken", tokenParam: "continuationToken" }, /tokenField must be a non-empty string/],
    [{ style: "bareArray", sizeParam: "pageSize" }, /unknown key "sizeParam"/],
    [{ style: "bareArray" }, /needs a 200 answer whose schema is an array/],
  ])("refuses %j", (paging, message) => {
    expect(() => readPagingExtension(doc, "ListThings", list(paging), query)).toThrow(message);
  });

  it("checks that itemsWithin names an array inside the items", () => {
    const containers = { type: "object", properties: { value: { type: "array", items: { type: "object", properties: { users: { type: "array" }, count: { type: "integer" } } } } } };
    const paging = (itemsWithin: string) => list({ style: "continuationToken", tokenParam: "continuationToken", tokenField: "continuationtoken", itemsWithin }, containers);
    expect(readPagingExtension(doc, "Op", paging("users"), query)).toMatchObject({ itemsWithin: "users" });
    expect(() => readPagingExtension(doc, "Op", paging("count"), query)).toThrow(/itemsWithin "count" is not an array property/);
  });

  it("needs x-ms-pageable beside it", () => {
    expect(() => readPagingExtension(doc, "GetThing", { "x-ppadmin-paging": { style: "bareArray" } }, query)).toThrow(/GetThing: x-ppadmin-paging needs x-ms-pageable/);
  });
});
