/**
 * `npm run demo` end to end, small: 2 environments × 500 apps read one app per page is 1003 calls, more
 * than one throttle window holds, over real HTTP on loopback. On the virtual clock it must take exactly
 * one window plus the limiter's safety margin, with no 429, and report its progress on stderr.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");

// The limit only guards against a hang: this is a thousand real requests, and a busy machine is slow.
it("the demo crosses a throttle window with 0 × 429, accounts for every app, and shows progress on stderr", { timeout: 600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "demo-"));
  try {
    const out = join(dir, "inventory.ndjson");
    const args = ["--emulator", "--environments", "2", "--apps", "500", "--connections", "1", "--page-size", "1", "--out", out];
    const run = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "scripts/demo.ts"), ...args], { cwd: ROOT, encoding: "utf8" });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/^calls made {8}1003 \(retries 0\)$/m);
    expect(run.stdout).toMatch(/^429s received {5}0$/m);
    expect(run.stdout).toMatch(/^elapsed {11}60\.3 s emulated/m);
    expect(run.stdout).toMatch(/^throttle bound {4}60\.0 s emulated/m);
    expect(run.stdout).toMatch(/0 throttled, at most \d+ in any 60 s window/);
    expect(run.stdout).toMatch(/every seeded app accounted for/);
    // Not a terminal here, so progress comes as plain lines; the last one has the final counts.
    expect(run.stderr.trim().split("\n").at(-1)).toMatch(/^pages 1003 · items 1004 · calls 1003 · 429s 0 · 60\.3 s emulated \(throttle bound 60\.0 s\)/);
    expect(readFileSync(out, "utf8").trim().split("\n")).toHaveLength(2 + 1000 + 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
