/**
 * What every bench script shares: how it loads the SDK, its size flag, the helper server process,
 * and small statistics. Each figure prints exactly one line that starts with its id (P1 … P5).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

type Sdk = typeof import("../../../src/index.js");
type Testing = typeof import("../../../src/testing/index.js");

/**
 * The SDK is loaded as a consumer loads it: by the package's own name, which Node resolves through
 * package.json "exports" to the built `dist/` (package self-reference), so `npm run build` comes
 * first. `BENCH_SDK=src` loads the TypeScript sources through tsx instead, for quick iteration.
 */
export const sdkSource: "dist" | "src" = process.env.BENCH_SDK === "src" ? "src" : "dist";
const entry = (sub: "" | "/testing"): string =>
  sdkSource === "src" ? new URL(`../../../src${sub}/index.ts`, import.meta.url).href : `power-platform-admin${sub}`;

export async function loadSdk(): Promise<Sdk> {
  return (await import(entry(""))) as Sdk;
}

export async function loadTesting(): Promise<Testing> {
  return (await import(entry("/testing"))) as Testing;
}

/** `--quick`: tiny sizes, for the smoke test; the figures it prints mean nothing. */
export const quick = process.argv.includes("--quick");

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A number with `digits` significant decimals, for the figure lines. */
export function fmt(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toFixed(digits);
}

/** `items` rotated left by `by` places. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/** Runs `worker` `total` times with at most `concurrency` at once. */
export async function lanes(total: number, concurrency: number, worker: () => Promise<unknown>): Promise<void> {
  let started = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (started < total) {
        started++;
        await worker();
      }
    }),
  );
}

/** CPU time of this process (user + system) in µs. */
export function cpuMicros(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

export interface FixedServer {
  url: string;
  environment: string;
  singleBytes: number;
  close(): void;
}

/** Starts `fixedServer.mjs` in another process (plain node, no tsx). */
export async function startFixedServer(env: Record<string, string> = {}): Promise<FixedServer> {
  const child: ChildProcess = spawn(process.execPath, [new URL("./fixedServer.mjs", import.meta.url).pathname], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`fixed server exited with ${code}`)));
  });
  const ready = JSON.parse(line) as { port: number; singleBytes: number; environment: string };
  return { url: `http://127.0.0.1:${ready.port}`, environment: ready.environment, singleBytes: ready.singleBytes, close: () => child.kill() };
}

/** A credential with a fixed token, the same for every client measured. */
export const staticCredential = {
  getToken: async () => ({ token: "bench-token", expiresOnTimestamp: Date.now() + 3_600_000 }),
};

/** Prints the figure's line and ends the process (so leftover sockets cannot keep it alive). */
export function report(id: string, text: string): void {
  process.stdout.write(`${id} ${text}\n`);
}
