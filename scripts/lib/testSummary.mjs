// The closing line of `npm test`, from vitest's JSON report. It counts tests. A test file that failed
// without any failed test in it (it did not load, or a hook threw so its tests were skipped) counts
// once, and is named: otherwise a broken file would read as "0 failed". A file whose tests failed adds
// nothing beyond those tests (vitest's numFailedTestSuites would add the file and each describe again).
import { relative } from "node:path";

/**
 * @param {any} report vitest's JSON report, or undefined when the tests never ran
 * @param {number | null} exitStatus the exit status of the whole run
 * @returns {{ passed: number, failed: number, notes: string[] }}
 */
export function summarize(report, exitStatus, cwd = process.cwd()) {
  const notes = [];
  if (!report) {
    // The pipeline stopped before the tests ran (generate, lint, typecheck or build failed).
    return { passed: 0, failed: exitStatus === 0 ? 0 : 1, notes: exitStatus === 0 ? [] : ["the pipeline failed before the tests ran (see above)"] };
  }
  const passed = report.numPassedTests ?? 0;
  let failed = report.numFailedTests ?? 0;
  for (const file of report.testResults ?? []) {
    const failedTests = (file.assertionResults ?? []).filter((test) => test.status === "failed").length;
    if (file.status === "failed" && failedTests === 0) {
      failed += 1;
      const reason = String(file.message ?? "").split("\n")[0] || "failed outside any test (see above)";
      notes.push(`failed file: ${relative(cwd, String(file.name))}: ${reason}`);
    }
  }
  if (failed === 0 && exitStatus !== 0) {
    failed = 1; // every test passed but the run did not (e.g. an unhandled error between tests)
    notes.push("the test run failed outside any test (see above)");
  }
  return { passed, failed, notes };
}
