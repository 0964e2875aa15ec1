/**
 * How generated tables are written and read back: JSON text in string literals (scripts/lib/tableText.ts),
 * parsed once on first use (src/client/lazyTables.ts). What goes in must come out unchanged.
 */
import { describe, expect, it } from "vitest";
import { compactOperation, tableLiteral } from "../../../scripts/lib/tableText.js";
import { lazily, parseOperationTable } from "../../../src/client/lazyTables.js";
import { ENTRY_DEFAULTS } from "../../support/operationEntry.js";
import type { OperationEntry } from "../../../src/client/tables.js";

/** The value of the JavaScript expression that generation writes. */
const evaluate = (expression: string): string => new Function(`return (${expression});`)() as string;

const entry: OperationEntry = {
  ...ENTRY_DEFAULTS,
  operationId: "ListThings",
  method: "get",
  path: "/things/{thingId}",
  pathParams: ["thingId"],
  nextLinkName: "nextLink",
  itemName: "value",
  kind: "list",
  safeToRetry: true,
  successStatuses: [200, 206],
};

describe("table text", () => {
  it("keeps quotes, backslashes, line breaks and non-ASCII text exactly", () => {
    const details = { "things.list": { summary: `It's a "thing" \\ with\nlines, ${"$"}{not a template}, — and ü`, arguments: [], argumentsOptional: true } };
    const text = evaluate(tableLiteral(details));
    expect(JSON.parse(text)).toEqual(details);
  });

  it("writes one entry per line, so a change to one operation changes one line", () => {
    const literal = tableLiteral({ A: { x: 1 }, B: { x: 2 } });
    expect(literal.trim().split("\n").map((line) => line.trim())).toEqual([`'{' +`, `'"A":{"x":1},' +`, `'"B":{"x":2}' +`, `'}'`]);
    expect(evaluate(tableLiteral([]))).toBe("[]");
  });

  it("leaves out service, operationId and every field at its default, and reading puts them back", () => {
    const compact = compactOperation(entry);
    expect(compact).toEqual({ method: "get", path: "/things/{thingId}", pathParams: ["thingId"], defaultApiVersion: "2024-10-01", nextLinkName: "nextLink", itemName: "value", kind: "list", safeToRetry: true, successStatuses: [200, 206] });
    const table = parseOperationTable<"ListThings">("powerPlatform", evaluate(tableLiteral({ ListThings: compact })));
    expect(table.ListThings).toEqual(entry);
  });

  it("a generated table is a function that parses on the first call and gives the same object after", async () => {
    const { powerAppsAdminOperations } = await import("../../../generated/powerapps-admin.operations.js");
    expect(powerAppsAdminOperations()).toBe(powerAppsAdminOperations());
    expect(powerAppsAdminOperations()["Get-AdminApps"]).toMatchObject({ service: "powerAppsAdmin", operationId: "Get-AdminApps", method: "get" });
    const given = { ListThings: entry };
    expect(lazily(given)()).toBe(given);
  });
});
