/**
 * "One operation, one place": every operationId of the generated tables is spelled at most once in
 * src/ (code and comments alike). Everything else derives from the tables, from typed constants
 * (`COLLECTION_OPERATIONS`) or from the generated facade types; a second spelling is a second place to
 * change when an operation changes.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { operationTable } from "../../generated/operations.js";

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "src");
const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).map((f) => ({ file: f, text: readFileSync(path.join(src, f), "utf8") }));
const ids = Object.values(operationTable).flatMap((table) => Object.keys(table));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");

/** Where an id occurs as a whole token (ids contain `-`, so `Get-AdminApp` is not inside `Get-AdminApps`). */
function occurrences(id: string): string[] {
  const token = new RegExp(`(?<![\\w-])${escape(id)}(?![\\w-])`, "g");
  return files.flatMap(({ file, text }) => text.split("\n").flatMap((line, i) => (line.match(token) ?? []).map(() => `src/${file}:${i + 1}`)));
}

describe("operation ids in src/", () => {
  it("the scan sees the tables' ids (sanity)", () => {
    expect(ids.length).toBeGreaterThan(40);
    expect(files.length).toBeGreaterThan(50);
  });

  it("no operation id is spelled more than once", () => {
    const repeated = ids.map((id) => ({ id, at: occurrences(id) })).filter((o) => o.at.length > 1);
    expect(repeated, repeated.map((o) => `${o.id}: ${o.at.join(", ")}`).join("\n")).toEqual([]);
  });
});
