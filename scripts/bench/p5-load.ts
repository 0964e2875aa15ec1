/**
 * P5 — what loading the SDK costs.
 * - Cold import: each entry imported once in a fresh `node` process (no tsx), timed inside the
 *   process around the dynamic import; the processes of different entries take turns; median of 10.
 *   Entries: `power-platform-admin`, `power-platform-admin/testing`, and `openapi-fetch` alone for
 *   reference. Always the built package (dist/), resolved the way a consumer's import is.
 * - One-client bundles: `export { PowerAppsAdminClient }` (and the same for PowerPlatformClient)
 *   bundled by esbuild, minified, gzip'd; and whether the bundle carries the other service's
 *   operations, found by grepping operationIds only the other service has.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { fmt, median, quick, report } from "./lib/common.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
// 20 rounds, not 10: on a shared 2-core machine a fresh process's import time jumps between two levels
// (±40%), and 10 rounds let one level win the median of one entry and the other level the other's.
const RUNS = quick ? 1 : 20;
const ENTRIES = ["power-platform-admin", "power-platform-admin/testing", "openapi-fetch"] as const;

function coldImportMs(specifier: string): number {
  const code = `const t0 = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t0));`;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", code], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
  return Number(out);
}

const times = new Map<string, number[]>(ENTRIES.map((entry) => [entry, []]));
for (let run = 0; run < RUNS; run++) {
  for (const entry of ENTRIES) times.get(entry)!.push(coldImportMs(entry));
}
const ms = (entry: string) => median(times.get(entry)!);
/** main ÷ openapi-fetch within each round (the two processes ran back to back), median over the rounds. */
const pairedRatio = median(times.get(ENTRIES[0])!.map((t, run) => t / times.get("openapi-fetch")![run]!));

// operationIds that exist in one service only.
const ONLY = { PowerAppsAdminClient: "Get-AdminApps", PowerPlatformClient: "ListBillingPolicies" } as const;

async function bundle(client: keyof typeof ONLY) {
  const result = await build({
    stdin: { contents: `export { ${client} } from "power-platform-admin";`, resolveDir: ROOT, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    logLevel: "silent",
    external: ["@azure/identity"], // optional peer, loaded lazily when no credential is given
  });
  const code = result.outputFiles[0]!.contents;
  const text = new TextDecoder().decode(code);
  const other = client === "PowerAppsAdminClient" ? ONLY.PowerPlatformClient : ONLY.PowerAppsAdminClient;
  return { min: code.length / 1024, gzip: gzipSync(code).length / 1024, carriesOther: text.includes(other) };
}

const admin = await bundle("PowerAppsAdminClient");
const pp = await bundle("PowerPlatformClient");
const kb = (b: { min: number; gzip: number; carriesOther: boolean }, otherName: string) =>
  `${fmt(b.min, 1)} KB min / ${fmt(b.gzip, 1)} KB gzip, ${b.carriesOther ? "carries" : "does not carry"} ${otherName}'s operations`;
report(
  "P5",
  `cold import (fresh node processes, median of ${RUNS}, built dist): main ${fmt(ms(ENTRIES[0]), 1)} ms = ${fmt(ms(ENTRIES[0]) / ms("openapi-fetch"))}× openapi-fetch (${fmt(ms("openapi-fetch"), 1)} ms; round by round ${fmt(pairedRatio)}×), ` +
    `/testing ${fmt(ms(ENTRIES[1]), 1)} ms | esbuild one-client bundle: PowerAppsAdminClient ${kb(admin, "Power Platform API")}; PowerPlatformClient ${kb(pp, "Power Apps admin API")}`,
);
