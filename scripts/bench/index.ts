/**
 * `npm run bench`: builds the package (the npm script does that first), then runs each figure's
 * script in a fresh process, one after the other, and prints their lines (P1 … P6, E1/E2, R1). Every line
 * holds ratios measured side by side in the same run; absolute numbers depend on the machine and on
 * whatever else it is doing, so compare ratios.
 *
 *   npm run bench                     all figures, SDK from the built dist/ (as a consumer imports it)
 *   npm run bench -- --only P3,P4     some figures
 *   npm run bench -- --quick          tiny sizes (what the smoke test runs; the numbers mean nothing)
 *   BENCH_SDK=src npx tsx scripts/bench/index.ts   the TypeScript sources instead of dist/ (P5 always uses dist/)
 */
import { spawn } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";

export const FIGURES = {
  P1: "p1-throttle.ts",
  P2: "p2-limiter.ts",
  P3: "p3-request.ts",
  P4: "p4-paging.ts",
  P5: "p5-load.ts",
  P6: "p6-cli-startup.ts",
  E1: "emulator.ts", // prints E1 and E2: the emulator's server mode against a plain node:http handler
  R1: "redis.ts", // needs a redis-server (REDIS_URL, or the Debian binary to start one)
} as const;
export type FigureId = keyof typeof FIGURES;

/** Runs one figure's script in a fresh node process (with tsx) and resolves with its figure lines (the id's first). */
export function runFigure(id: FigureId, args: readonly string[] = []): Promise<string> {
  const script = new URL(`./${FIGURES[id]}`, import.meta.url).pathname;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
    child.once("error", reject);
    child.once("exit", (code) => {
      const lines = out.split("\n").filter((l) => /^[A-Z]\d+ /.test(l));
      const line = lines.find((l) => l.startsWith(`${id} `));
      if (code === 0 && line) resolve([line, ...lines.filter((l) => l !== line)].join("\n"));
      else reject(new Error(`${id} (${FIGURES[id]}) exited with ${code}${line ? "" : " without its figure line"}\n${out}`));
    });
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: "string" }, quick: { type: "boolean", default: false } } });
  const ids = (values.only ? values.only.split(",").map((s) => s.trim().toUpperCase()) : Object.keys(FIGURES)) as FigureId[];
  for (const id of ids) if (!(id in FIGURES)) throw new Error(`unknown figure ${id}; known: ${Object.keys(FIGURES).join(", ")}`);
  const started = performance.now();
  console.log(
    `# npm run bench, ${new Date().toISOString()}, node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}` +
      `, SDK from ${process.env.BENCH_SDK === "src" ? "src (tsx)" : "dist (package self-reference)"}${values.quick ? ", --quick (sizes too small to mean anything)" : ""}`,
  );
  let failed = 0;
  for (const id of ids) {
    const t0 = performance.now();
    try {
      const line = await runFigure(id, values.quick ? ["--quick"] : []);
      console.log(`${line}  [${((performance.now() - t0) / 1000).toFixed(0)} s]`);
    } catch (error) {
      failed++;
      console.error(error instanceof Error ? error.message : error);
    }
  }
  console.log(`# ${ids.length - failed} of ${ids.length} figures in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (failed) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
