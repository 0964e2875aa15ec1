/**
 * P6 — how fast `ppadmin` starts: the whole process of `ppadmin --help` (spawn to exit, the built
 * bin from package.json "bin"), and `ppadmin apps list --help` (which also loads one service's
 * argument details), against `node -e 0` — the least any Node program costs — in turns, median of 10.
 * The budget is 150 ms for `--help`; the ratio to `node -e 0` says how much of it is ours. Each process
 * also reports its own CPU time (user + system, from a preload that reads `process.cpuUsage()` at exit),
 * which a busy machine inflates less than wall time.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fmt, median, quick, report } from "./lib/common.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const RUNS = quick ? 1 : 10;
const bin = path.join(ROOT, (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { bin: { ppadmin: string } }).bin.ppadmin);
const env = { ...process.env, NODE_OPTIONS: "" };

const CPU_AT_EXIT = `data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("\\ncpu-ms "+(u.user+u.system)/1000+"\\n")})`;
const cpu: Record<string, number[]> = {};

function wallMs(args: string[], name = ""): number {
  const t0 = performance.now();
  const result = spawnSync(process.execPath, ["--import", CPU_AT_EXIT, ...args], { env, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const ms = performance.now() - t0;
  if (result.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${result.status}: ${result.stderr}`);
  const used = /cpu-ms (\S+)/.exec(result.stderr)?.[1];
  if (name) (cpu[name] ??= []).push(Number(used));
  return ms;
}

const CASES = { node: ["-e", "0"], help: [bin, "--help"], commandHelp: [bin, "apps", "list", "--help"] } as const;
const times: Record<keyof typeof CASES, number[]> = { node: [], help: [], commandHelp: [] };
for (const args of Object.values(CASES)) wallMs([...args]); // warm the file cache once
for (let run = 0; run < RUNS; run++) for (const [name, args] of Object.entries(CASES)) times[name as keyof typeof CASES].push(wallMs([...args], name));
const node = median(times.node);
const help = median(times.help);
const commandHelp = median(times.commandHelp);
report(
  "P6",
  `ppadmin start-up (whole process, median of ${RUNS}, built bin): --help ${fmt(help, 1)} ms = ${fmt(help / node)}× node -e 0 (${fmt(node, 1)} ms), ` +
    `${help <= 150 ? "within" : "over"} the 150 ms budget; apps list --help ${fmt(commandHelp, 1)} ms = ${fmt(commandHelp / node)}× node -e 0; ` +
    `CPU time --help ${fmt(median(cpu.help!), 1)} ms = ${fmt(median(cpu.help!) / median(cpu.node!))}× node -e 0 (${fmt(median(cpu.node!), 1)} ms)`,
);
