// `npm test`: runs the turbo pipeline generate → lint:spec → typecheck → build → test:vitest, then
// prints vitest's result as one plain line "N passed, N failed" (turbo prefixes the runner's own
// summary, which CI cannot read). A cached turbo run restores the result file with the cache.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";

const resultFile = ".test-results/vitest.json";
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: "1",
  DO_NOT_TRACK: "1",
  TURBO_NO_UPDATE_NOTIFIER: "1",
  TURBO_PRINT_VERSION_DISABLED: "1",
};
rmSync(resultFile, { force: true });
const run = spawnSync("npx", ["turbo", "run", "test:vitest", "--output-logs=new-only", ...process.argv.slice(2)], {
  stdio: "inherit",
  env,
});
let passed = 0;
let failed = 0;
if (existsSync(resultFile)) {
  const report = JSON.parse(readFileSync(resultFile, "utf8"));
  passed = report.numPassedTests ?? 0;
  failed = (report.numFailedTests ?? 0) + (report.numFailedTestSuites ?? 0);
} else if (run.status !== 0) {
  failed = 1; // the pipeline stopped before the tests ran (generate, lint, typecheck or build failed)
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status ?? 1);
