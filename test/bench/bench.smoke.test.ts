// Keeps `npm run bench` from rotting: every figure script runs with tiny sizes (--quick) and must
// print its id line with numbers in it. Timings are never asserted (they belong to the bench).
// Needs the built package (dist/), which the test pipeline builds first.
import { describe, expect, it } from "vitest";
import { FIGURES, runFigure, type FigureId } from "../../scripts/bench/index.js";

describe("npm run bench --quick", () => {
  // One script at a time: the suite's other files share the CPU, some of them time-sensitive.
  it.each(Object.keys(FIGURES) as FigureId[])("%s prints its figure line", { timeout: 120_000 }, async (id) => {
    const line = await runFigure(id, ["--quick"]);
    expect(line.startsWith(`${id} `)).toBe(true);
    expect(line).toMatch(/\d+\.\d+/);
    expect(line).not.toMatch(/NaN|Infinity/);
  });
});
