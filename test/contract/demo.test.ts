/**
 * `npm run demo` end to end, small: 2 environments × 500 apps and 3 flows each (4 of them live; seed 1
 * soft-deletes 2), read one item per page, is 1007 calls, more than one throttle window holds, over real
 * HTTP on loopback. On the virtual clock it must take exactly one window plus the limiter's safety
 * margin, with no 429, account for every app and every flow the emulator has, and report its progress
 * on stderr.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

// The limit only guards against a hang: this is a thousand real requests, and a busy machine is slow.
it("the demo crosses a throttle window with 0 × 429, accounts for every app and flow, and shows progress on stderr", { timeout: 600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "demo-"));
  try {
    const out = join(dir, "inventory.ndjson");
    const args = ["--emulator", "--environments", "2", "--apps", "500", "--connections", "1", "--flows", "3", "--page-size", "1", "--out", out];
    const run = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts/demo.ts"), ...args], { cwd: ROOT, encoding: "utf8" });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/^calls made {8}1007 \(retries 0\)$/m);
    expect(run.stdout).toMatch(/^429s received {5}0$/m);
    expect(run.stdout).toMatch(/^elapsed {11}60\.3 s emulated/m);
    expect(run.stdout).toMatch(/^throttle bound {4}60\.0 s emulated/m);
    expect(run.stdout).toMatch(/0 throttled, at most \d+ in any 60 s window/);
    expect(run.stdout).toMatch(/every seeded app accounted for/);
    // The flow count the inventory read equals the emulator's (its live flows), and each is one NDJSON line.
    const [, seededFlows, inventoriedFlows] = /^seeded flows {6}(\d+); inventoried (\d+) — every seeded flow accounted for$/m.exec(run.stdout) ?? [];
    expect(seededFlows).toBe("4");
    expect(inventoriedFlows).toBe(seededFlows);
    // Not a terminal here, so progress comes as plain lines; the last one has the final counts.
    expect(run.stderr.trim().split("\n").at(-1)).toMatch(/^pages 1007 · items 1008 · calls 1007 · 429s 0 · 60\.3 s emulated \(throttle bound 60\.0 s\)/);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines).toHaveLength(2 + 1000 + 2 + 4);
    expect(lines.filter((line) => JSON.parse(line).kind === "flow")).toHaveLength(4);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
