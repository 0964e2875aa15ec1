/**
 * `--output csv` (and the inventory's CSV files) keep every value. The header is written before the
 * first row, so its columns come from the first item; a later item's field that the first item lacked
 * (the services leave out empty properties) goes to the last column, `_more`, as JSON keyed by dot
 * path. With `--fields` the columns are exactly those, and nothing else.
 */
import { Writable } from "node:stream";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvHeader, csvLayout, csvLayoutOfHeader, csvRow, uncoveredValues } from "../../../src/cli/csvRows.js";
import { createSink } from "../../../src/cli/output.js";

/** What `ppadmin … --output csv` prints for these items, as rows of cells (the header first). */
async function csvOf(items: readonly unknown[], fields?: readonly string[]): Promise<string[][]> {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  const sink = createSink({ format: "csv", stream, list: true, ...(fields ? { fields } : {}) });
  for (const item of items) await sink.write(item);
  await sink.end();
  return parse(text) as string[][];
}

const first = { name: "app-1", properties: { displayName: "Expenses", owner: { email: "ada@contoso.com" } } };
const second = {
  name: "app-2",
  properties: { displayName: "Travel", description: "Trips, with \"quotes\"", owner: { email: "bob@contoso.com", id: "u-2" } },
  tags: ["finance", "eu"],
};

describe("--output csv", () => {
  it("keeps a field the first item lacked in the last column, _more, as JSON keyed by dot path", async () => {
    const [header, row1, row2] = await csvOf([first, second]);
    expect(header).toEqual(["name", "properties.displayName", "properties.owner.email", "_more"]);
    expect(row1).toEqual(["app-1", "Expenses", "ada@contoso.com", ""]);
    expect(row2!.slice(0, 3)).toEqual(["app-2", "Travel", "bob@contoso.com"]);
    expect(JSON.parse(row2![3]!)).toEqual({
      "properties.description": 'Trips, with "quotes"',
      "properties.owner.id": "u-2",
      tags: ["finance", "eu"],
    });
  });

  it("puts every value of the first item in a column of its own, an empty object too", async () => {
    const connection = { name: "c-1", properties: { connectionParameters: {}, statuses: [] } };
    expect(await csvOf([connection])).toEqual([
      ["name", "properties.connectionParameters", "properties.statuses", "_more"],
      ["c-1", "{}", "[]", ""],
    ]);
  });

  it("with --fields writes exactly those columns, without _more", async () => {
    const rows = await csvOf([first, second], ["name", "properties.owner"]);
    expect(rows).toEqual([
      ["name", "properties.owner"],
      ["app-1", '{"email":"ada@contoso.com"}'],
      ["app-2", '{"email":"bob@contoso.com","id":"u-2"}'],
    ]);
  });
});

describe("a CSV row", () => {
  const layout = (columns: string[]) => ({ columns, more: true });

  it("is the columns' cells (JSON for objects and arrays, empty for null and missing), then _more", () => {
    const item = { name: "a", properties: { owner: { email: null }, tags: ["x"], retired: false, count: 0 } };
    expect(csvRow(item, layout(["name", "properties.owner.email", "properties.tags", "properties.retired", "properties.count", "absent"]))).toEqual(["a", "", '["x"]', "false", "0", "", ""]);
  });

  it("a column covers everything beneath it: a column `properties` holds the whole object", () => {
    expect(csvRow(second, layout(["name", "properties"]))).toEqual(["app-2", JSON.stringify(second.properties), JSON.stringify({ tags: ["finance", "eu"] })]);
  });

  it("_more takes an uncovered object whole, under the shallowest uncovered path", () => {
    const app = { name: "a", properties: { connectionReferences: { "guid-2": { id: "/apis/shared_sql", displayName: "SQL Server" } } } };
    expect(uncoveredValues(app, ["name", "properties.connectionReferences.guid-1"])).toEqual({
      "properties.connectionReferences.guid-2": { id: "/apis/shared_sql", displayName: "SQL Server" },
    });
  });

  it("_more takes a value that a column reaches past (a string where the first item had an object)", () => {
    expect(uncoveredValues({ name: "a", properties: { owner: "deleted" } }, ["name", "properties.owner.email"])).toEqual({ "properties.owner": "deleted" });
  });

  it("_more leaves out nulls (an empty cell too says null) and is empty when every value is covered", () => {
    expect(uncoveredValues({ name: "a", description: null }, ["name"])).toBeUndefined();
    expect(csvRow({ name: "a", description: null }, layout(["name"]))).toEqual(["a", ""]);
  });
});

describe("the inventory's CSV layout, kept in its checkpoint as the header", () => {
  it("is read back from the header: with _more when this ppadmin wrote it, without for an older checkpoint", () => {
    const header = csvHeader(csvLayout(undefined, first));
    expect(header).toEqual(["name", "properties.displayName", "properties.owner.email", "_more"]);
    expect(csvLayoutOfHeader(header)).toEqual(csvLayout(undefined, first));
    // An older ppadmin wrote the header without _more: its rows keep that many cells.
    const older = ["name", "properties.displayName", "properties.owner.email"];
    expect(csvRow(second, csvLayoutOfHeader(older))).toEqual(["app-2", "Travel", "bob@contoso.com"]);
  });
});
