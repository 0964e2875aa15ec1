// `npm test`: runs the turbo pipeline generate → lint:spec → typecheck → build → test:vitest, then
// prints vitest's result as one plain line "N passed, N failed" (turbo prefixes the runner's own
// summary, which CI cannot read). A cached turbo run restores the result file with the cache. How the
// line counts is in scripts/lib/testSummary.mjs.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { summarize } from "./lib/testSummary.mjs";

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
const report = existsSync(resultFile) ? JSON.parse(readFileSync(resultFile, "utf8")) : undefined;
const { passed, failed, notes } = summarize(report, run.status);
for (const note of notes) console.log(note);
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status ?? 1);
