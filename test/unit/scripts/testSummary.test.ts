import { describe, expect, it } from "vitest";
import { summarize } from "../../../scripts/lib/testSummary.mjs";

// The shape vitest's JSON reporter writes (fields trimmed to what the summary reads); the numbers are
// what vitest 4 reported for these three files: one failing test, a file that throws on import, and a
// describe whose beforeAll throws (its test is reported as skipped).
const file = (name: string, status: "passed" | "failed", tests: string[], message = "") => ({
  name: `/repo/test/${name}`,
  status,
  message,
  assertionResults: tests.map((s) => ({ status: s })),
});
const report = {
  numFailedTestSuites: 5,
  numPassedTests: 1,
  numFailedTests: 1,
  testResults: [
    file("a.test.ts", "failed", ["failed", "passed"]),
    file("b.test.ts", "failed", [], "import boom\n    at b.test.ts:1"),
    file("c.test.ts", "failed", ["skipped"]),
  ],
};

describe("the closing line of npm test", () => {
  it("counts a failing test once, not once per file and describe block", () => {
    const one = { ...report, testResults: [report.testResults[0]] };
    expect(summarize(one, 1, "/repo")).toEqual({ passed: 1, failed: 1, notes: [] });
  });

  it("counts a file that failed with no failed test in it once, and names it", () => {
    const { passed, failed, notes } = summarize(report, 1, "/repo");
    expect({ passed, failed }).toEqual({ passed: 1, failed: 3 });
    expect(notes).toEqual(["failed file: test/b.test.ts: import boom", "failed file: test/c.test.ts: failed outside any test (see above)"]);
  });

  it("a run that failed while every test passed still reports a failure", () => {
    const green = { numPassedTests: 4, numFailedTests: 0, testResults: [file("a.test.ts", "passed", ["passed"])] };
    expect(summarize(green, 0).failed).toBe(0);
    expect(summarize(green, 1).failed).toBe(1);
  });

  it("no report: 1 failed when the pipeline failed before the tests, else nothing", () => {
    expect(summarize(undefined, 2).failed).toBe(1);
    expect(summarize(undefined, 0)).toEqual({ passed: 0, failed: 0, notes: [] });
  });
});
