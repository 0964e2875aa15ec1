/**
 * The built `ppadmin` (package.json "bin", after `npm run build`) as a child process, against
 * `ppadmin emulator` — also a child process — and, for the error statuses the emulator does not
 * answer, a small local server that answers every request with one status.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/cli/catalog.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { bin: Record<string, string> };
const bin = path.join(root, manifest.bin.ppadmin!);
const TOKEN = "test-token-that-must-never-be-printed-0123456789";

interface Result {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(args: readonly string[], options: { env?: Record<string, string | undefined>; input?: string } = {}): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, PPADMIN_ACCESS_TOKEN: TOKEN, NO_COLOR: "1", ...options.env };
  delete env.NODE_OPTIONS;
  for (const [key, value] of Object.entries(options.env ?? {})) if (value === undefined) delete env[key];
  const child = spawn(process.execPath, [bin, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
  child.stdin!.end(options.input ?? "");
  return child;
}

function finished(child: ChildProcess): Promise<Result> {
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr })));
}

const ppadmin = (args: readonly string[], options?: { env?: Record<string, string | undefined>; input?: string }) => finished(start(args, options));
const lines = (text: string) => text.split("\n").filter((l) => l.trim() !== "");

let emulator: ChildProcess;
let url: string;
let environment: string;
let statusServer: Server;
let statusUrl: string;
let statusToSend = 500;
let statusRequests = 0;

beforeAll(async () => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` first (npm test does)`);
  emulator = start(["emulator", "--seed", "5", "--environments", "3", "--apps-per-environment", "41", "--connections-per-environment", "9", "--flows-per-environment", "7", "--page-size", "4", "--throttle-limit", "100000"]);
  url = await new Promise<string>((resolve, reject) => {
    let seen = "";
    emulator.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      seen += chunk;
      if (seen.includes("\n")) resolve(seen.split("\n")[0]!);
    });
    emulator.once("exit", (code) => reject(new Error(`ppadmin emulator exited with ${code}`)));
  });
  const environments = await ppadmin(["environments", "list", "--endpoint", url, "--fields", "id"]);
  environment = (JSON.parse(lines(environments.stdout)[1]!) as { id: string }).id;
  statusServer = createServer((req, res) => {
    statusRequests++;
    req.resume();
    res.writeHead(statusToSend, { "content-type": "application/json", "retry-after": "0" });
    res.end(JSON.stringify({ error: { code: `Status${statusToSend}`, message: `answered ${statusToSend}` } }));
  });
  await new Promise<void>((resolve) => statusServer.listen(0, "127.0.0.1", resolve));
  statusUrl = `http://127.0.0.1:${(statusServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  statusServer?.close();
  if (emulator && emulator.exitCode === null) {
    const exit = new Promise<number | null>((resolve) => emulator.once("exit", (code) => resolve(code)));
    emulator.kill("SIGTERM");
    expect(await exit).toBe(0); // stops cleanly on SIGTERM
  }
});

describe("ppadmin, the built bin", () => {
  it("--help lists every group and the built-in commands; a command's help lists its flags from the spec", async () => {
    const help = await ppadmin(["--help"]);
    expect(help.code).toBe(0);
    const catalog = await loadCatalog();
    for (const command of catalog.commands.filter((c) => c.primary)) expect(help.stdout).toContain(`  ${command.words[0]} `);
    for (const builtin of ["inventory", "request", "emulator"]) expect(help.stdout).toContain(`  ${builtin} `);

    const command = await ppadmin(["apps", "set-quarantine-state", "--help"]);
    expect(command.code).toBe(0);
    expect(command.stdout).toMatch(/--environment <string>\s+\(required\)/);
    expect(command.stdout).toMatch(/--quarantine-status <Quarantined\|Unquarantined>/);
    expect(command.stdout).toContain("Set-AppQuarantineState");

    const group = await ppadmin(["licensing", "billing-policies", "--help"]);
    expect(group.code).toBe(0);
    expect(group.stdout).toContain("licensing billing-policies list");
  });

  it("lists every item of every page in each output format", async () => {
    const args = ["apps", "list", "--environment", environment, "--endpoint", url];
    const ndjson = await ppadmin(args); // piped: ndjson unless told
    expect(ndjson.code).toBe(0);
    const items = lines(ndjson.stdout).map((l) => JSON.parse(l) as { name: string });
    expect(items).toHaveLength(41); // 11 pages of 4
    const names = items.map((i) => i.name);
    expect(new Set(names).size).toBe(41);

    const json = await ppadmin([...args, "--output", "json", "--fields", "name,properties.displayName"]);
    const array = JSON.parse(json.stdout) as Record<string, string>[];
    expect(array.map((i) => i.name)).toEqual(names);
    expect(Object.keys(array[0]!)).toEqual(["name", "properties.displayName"]);

    const csv = await ppadmin([...args, "--output", "csv", "--fields", "name,properties.displayName"]);
    expect(lines(csv.stdout)[0]).toBe("name,properties.displayName");
    expect(lines(csv.stdout).slice(1).map((l) => l.split(",")[0])).toEqual(names);

    const table = await ppadmin([...args, "--output", "table", "--fields", "name,properties.displayName"]);
    expect(lines(table.stdout)[0]).toMatch(/^name\s+properties\.displayName$/);
    expect(lines(table.stdout).slice(1).map((l) => l.split(/\s+/)[0])).toEqual(names);
    expect(table.stdout).not.toContain("\u001B["); // NO_COLOR, and not a terminal
    for (const run of [ndjson, json, csv, table]) expect(run.stderr).toBe(""); // no progress off a terminal
  });

  it("--dry-run prints the write and sends nothing (no token either); without it the write happens", async () => {
    const app = (JSON.parse(lines((await ppadmin(["apps", "list", "--environment", environment, "--endpoint", url, "--fields", "name"])).stdout)[2]!) as { name: string }).name;
    const read = async () => JSON.parse((await ppadmin(["apps", "get-quarantine-state", "--environment", environment, "--app", app, "--endpoint", url, "-o", "json"])).stdout) as unknown;
    const before = await read();
    const write = ["apps", "set-quarantine-state", "--environment", environment, "--app", app, "--quarantine-status", "Quarantined", "--endpoint", url];

    // No token at all, and a credential that could not be built: a dry run needs neither.
    const dry = await ppadmin([...write, "--dry-run", "--auth", "client-secret"], { env: { PPADMIN_ACCESS_TOKEN: undefined, AZURE_TENANT_ID: undefined } });
    expect(dry.code).toBe(0);
    const request = JSON.parse(dry.stdout) as { method: string; url: string; body: unknown };
    expect(request.method).toBe("POST");
    expect(request.url).toBe(`${url}/providers/Microsoft.PowerApps/scopes/admin/environments/${environment}/apps/${app}/setAppQuarantineState?api-version=2021-02-01`);
    expect(request.body).toEqual({ quarantineStatus: "Quarantined" });
    expect(await read()).toEqual(before);

    const done = await ppadmin(write);
    expect(done.code).toBe(0);
    expect(await read()).toBe("Quarantined");
  });

  it("--from-file runs once per record with a result line each, and a summary", async () => {
    const names = lines((await ppadmin(["apps", "list", "--environment", environment, "--endpoint", url, "--fields", "name"])).stdout).map((l) => (JSON.parse(l) as { name: string }).name);
    const csv = `app,quarantine-status\n${names[5]},Quarantined\n00000000-0000-0000-0000-000000000000,Quarantined\n${names[6]},Unquarantined\n`;
    const bulk = await ppadmin(["apps", "set-quarantine-state", "--environment", environment, "--from-file", "-", "--endpoint", url], { input: csv });
    const results = lines(bulk.stdout).map((l) => JSON.parse(l) as { line: number; ok: boolean; error?: { code: string } });
    expect(results.map((r) => [r.line, r.ok])).toEqual([[2, true], [3, false], [4, true]]);
    expect(results[1]!.error?.code).toBe("AppNotFound");
    expect(bulk.stderr).toContain("2 succeeded, 1 failed (3 records)");
    expect(bulk.code).toBe(3);
  });

  it("ppadmin request reaches any route, with --all across pages", async () => {
    const all = await ppadmin(["request", "GET", `/providers/Microsoft.PowerApps/scopes/admin/environments/${environment}/apps`, "--endpoint", url, "--all"]);
    expect(all.code).toBe(0);
    expect(lines(all.stdout)).toHaveLength(41);
    const one = await ppadmin(["request", "GET", `${url}/providers/Microsoft.PowerApps/scopes/admin/environments/${environment}/apps`, "-o", "json"]);
    expect((JSON.parse(one.stdout) as { value: unknown[] }).value).toHaveLength(4);

    // A route the spec pages by page number (x-ppadmin-paging) is followed as the SDK's own list follows it.
    const byCommand = await ppadmin(["licensing", "per-flow-capacity", "list", "--start-date", "2025-01-01", "--endpoint", url, "--page-size", "1", "-o", "ndjson"]);
    expect(byCommand.code, byCommand.stderr).toBe(0);
    expect(lines(byCommand.stdout).length).toBeGreaterThan(1);
    const byRequest = await ppadmin(["request", "GET", "/licensing/UserPerFlowCapacitySource?startDate=2025-01-01&pageSize=1", "--endpoint", url, "--all", "-o", "ndjson"]);
    expect(byRequest.code, byRequest.stderr).toBe(0);
    expect(lines(byRequest.stdout)).toEqual(lines(byCommand.stdout));
  });

  it("exits 0/2/3/4/5/1 with one line on stderr, never the token (with --debug too), usage errors before anything is sent", async () => {
    const usage = [
      ["apps", "get", "--environment", environment, "--endpoint", statusUrl], // missing --app
      ["apps", "set-quarantine-state", "--environment", "e", "--app", "a", "--quarantine-status", "Sometimes", "--endpoint", statusUrl],
      ["apps", "list", "--environment", "e", "--top", "many", "--endpoint", statusUrl],
      ["apps", "lisst", "--endpoint", statusUrl],
      ["apps", "list", "--environment", "e", "--no-such-flag", "--endpoint", statusUrl],
      ["apps", "list", "--environment", "e", "--output", "xml", "--endpoint", statusUrl],
      ["inventory", "--out", "never-written", "--fields", "name", "--endpoint", statusUrl], // inventory keeps items whole
    ];
    for (const args of usage) {
      const run = await ppadmin(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(lines(run.stderr), args.join(" ")).toHaveLength(1);
    }
    expect(statusRequests).toBe(0);

    const notFound = await ppadmin(["apps", "get", "--environment", environment, "--app", "00000000-0000-0000-0000-000000000000", "--endpoint", url]);
    expect(notFound.code).toBe(3);
    expect(lines(notFound.stderr)).toHaveLength(1);
    expect(notFound.stderr).toContain("AppNotFound");

    for (const [status, code] of [[401, 4], [403, 4], [429, 5], [400, 1]] as const) {
      statusToSend = status;
      const run = await ppadmin(["environments", "list", "--endpoint", statusUrl]);
      expect(run.code, String(status)).toBe(code);
      expect(lines(run.stderr), String(status)).toHaveLength(1);
      expect(run.stderr).toMatch(new RegExp(`^ppadmin: \\[${status} \\w+\\] answered ${status}`));
      const debug = await ppadmin(["environments", "list", "--endpoint", statusUrl, "--debug"]);
      expect(debug.code).toBe(code);
      expect(debug.stderr).toContain('"debug"');
      for (const text of [run.stdout, run.stderr, debug.stdout, debug.stderr]) expect(text).not.toContain(TOKEN);
    }
  });
});

describe("ppadmin inventory", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(os.tmpdir(), "ppadmin-inventory-"));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const kinds = ["environments", "apps", "connections", "custom-connectors", "flows"];
  const read = (dir: string, kind: string) =>
    readFileSync(path.join(dir, `${kind}.ndjson`), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { id?: string; name?: string });
  const keyOf = (item: { id?: string; name?: string }) => item.id ?? item.name;

  /**
   * Runs `args` (then `args --resume`) once per size, each run SIGKILLed when `file` has passed that
   * size (a run that ends first must succeed); returns how many runs were killed.
   */
  async function killedAtSizes(args: readonly string[], file: string, sizes: readonly number[]): Promise<number> {
    let kills = 0;
    for (const [i, bytes] of sizes.entries()) {
      const child = start(i === 0 ? args : [...args, "--resume"]);
      const done = finished(child);
      const killed = await new Promise<boolean>((resolve) => {
        const poll = setInterval(() => {
          if (existsSync(file) && statSync(file).size >= bytes) {
            clearInterval(poll);
            resolve(child.kill("SIGKILL"));
          }
        }, 2);
        void done.then(() => {
          clearInterval(poll);
          resolve(false);
        });
      });
      const result = await done;
      if (killed && result.signal === "SIGKILL") kills++;
      else expect(result.code, result.stderr).toBe(0);
    }
    return kills;
  }

  /** The rows of DIR/<kind>.csv, header first. */
  const readCsv = (dir: string, kind: string) => parse(readFileSync(path.join(dir, `${kind}.csv`), "utf8")) as string[][];

  /** The value at a dot path in a CSV row: its column's cell, inside a column's JSON, or in `_more`. */
  function rowValue(header: readonly string[], row: readonly string[], at: readonly string[]): unknown {
    const within = (value: unknown, rest: readonly string[]) => rest.reduce<unknown>((node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), value);
    const startsWith = (prefix: readonly string[]) => prefix.length <= at.length && prefix.every((key, i) => at[i] === key);
    for (const [i, column] of header.entries()) {
      if (column === "_more" && i === header.length - 1) {
        for (const [key, value] of Object.entries(row[i] ? (JSON.parse(row[i]!) as Record<string, unknown>) : {})) {
          if (startsWith(key.split("."))) return within(value, at.slice(key.split(".").length));
        }
      } else if (startsWith(column.split("."))) {
        const length = column.split(".").length;
        return length === at.length ? row[i] : within(JSON.parse(row[i]!), at.slice(length));
      }
    }
    return undefined;
  }

  /** Every non-null scalar of an item, with its path. */
  function scalars(value: unknown, at: string[] = []): [string[], unknown][] {
    if (value === null || value === undefined) return [];
    if (typeof value !== "object") return [[at, value]];
    return Object.entries(value).flatMap(([key, inner]) => scalars(inner, [...at, key]));
  }

  it("killed with SIGKILL at several moments and resumed, holds every item exactly once", async () => {
    const reference = path.join(work, "reference");
    const whole = await ppadmin(["inventory", "--endpoint", url, "--out", reference, "--page-size", "2"]);
    expect(whole.code, whole.stderr).toBe(0);
    expect(whole.stderr).toMatch(/calls this run/);
    const expected = Object.fromEntries(kinds.map((kind) => [kind, read(reference, kind).map(keyOf).sort()]));
    expect(expected.environments).toHaveLength(3);
    expect(expected.apps).toHaveLength(123);
    expect(expected.connections).toHaveLength(27);
    // 3 × 7 seeded flows, of which seed 5 soft-deletes one: the admin list leaves it out unless asked.
    expect(expected.flows, "every flow of every environment (Power Automate admin), not only Dataverse's").toHaveLength(20);

    const out = path.join(work, "killed");
    const checkpoint = path.join(work, "killed.checkpoint.json");
    const args = ["inventory", "--endpoint", url, "--out", out, "--checkpoint", checkpoint, "--page-size", "2", "--concurrency", "3"];
    // Kill when the apps file has passed each of these sizes: at the start, in the middle, near the end.
    // (The apps file ends near 560 kB.)
    // How many of the kills land depends on the machine's speed (a run may end between two checks of
    // the file); at least one must, and whatever lands, the files must come out exact.
    expect(await killedAtSizes(args, path.join(out, "apps.ndjson"), [1, 150_000, 300_000, 450_000])).toBeGreaterThanOrEqual(1);
    const last = await ppadmin([...args, "--resume"]);
    expect(last.code, last.stderr).toBe(0);
    // The summary counts the killed runs' calls too: together at least the uninterrupted run's.
    const callsInAll = (stderr: string) => Number(/\((\d+) in all\)/.exec(stderr)?.[1]);
    expect(callsInAll(last.stderr)).toBeGreaterThanOrEqual(callsInAll(whole.stderr));
    for (const kind of kinds) {
      const got = read(out, kind).map(keyOf);
      expect(new Set(got).size, `${kind}: no duplicate`).toBe(got.length);
      expect(got.sort(), `${kind}: no gap`).toEqual(expected[kind]);
    }
  });

  it("as CSV, killed with SIGKILL and resumed, has one header and every item exactly once, with every value", async () => {
    const reference = path.join(work, "csv-reference");
    const whole = await ppadmin(["inventory", "--endpoint", url, "--out", reference, "--page-size", "2", "--quiet"]);
    expect(whole.code, whole.stderr).toBe(0);
    const wholeCsv = path.join(work, "csv-whole");
    expect((await ppadmin(["inventory", "--endpoint", url, "--out", wholeCsv, "--output", "csv", "--page-size", "2", "--quiet"])).code).toBe(0);
    const appsBytes = statSync(path.join(wholeCsv, "apps.csv")).size;

    const out = path.join(work, "csv-killed");
    const checkpoint = path.join(work, "csv-killed.checkpoint.json");
    const args = ["inventory", "--endpoint", url, "--out", out, "--output", "csv", "--checkpoint", checkpoint, "--page-size", "2", "--concurrency", "3", "--quiet"];
    expect(await killedAtSizes(args, path.join(out, "apps.csv"), [1, Math.round(appsBytes / 3), Math.round((appsBytes * 2) / 3)])).toBeGreaterThanOrEqual(1);
    const last = await ppadmin([...args, "--resume"]);
    expect(last.code, last.stderr).toBe(0);

    for (const kind of kinds) {
      const [header, ...rows] = readCsv(out, kind);
      expect(header!.at(-1), kind).toBe("_more");
      expect(rows.filter((row) => row.join() === header!.join()), `${kind}: one header`).toEqual([]);
      const items = read(reference, kind);
      const rowOf = new Map(rows.map((row) => [String(rowValue(header!, row, ["id"]) ?? rowValue(header!, row, ["name"])), row]));
      expect(rowOf.size, `${kind}: no duplicate`).toBe(rows.length);
      expect([...rowOf.keys()].sort(), `${kind}: no gap`).toEqual(items.map(keyOf).sort());
      // The apps' connection references are keyed by GUID: those of later apps are in _more.
      if (kind === "apps") expect(rows.filter((row) => row.at(-1) !== "").length).toBeGreaterThan(10);
      for (const item of items) {
        const row = rowOf.get(keyOf(item)!)!;
        for (const [at, value] of scalars(item)) expect(String(rowValue(header!, row, at)), `${kind} ${keyOf(item)}: ${at.join(".")}`).toBe(String(value));
      }
    }
  });

  it("refuses to start over an existing checkpoint, and writes CSV with --output csv", async () => {
    const checkpoint = path.join(work, "existing.json");
    writeFileSync(checkpoint, "{}");
    const refused = await ppadmin(["inventory", "--endpoint", url, "--out", path.join(work, "x"), "--checkpoint", checkpoint]);
    expect(refused.code).toBe(2);
    const csvDir = path.join(work, "csv");
    const csv = await ppadmin(["inventory", "--endpoint", url, "--out", csvDir, "--output", "csv", "--environment", environment, "--quiet"]);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stderr).toBe("");
    const rows = readFileSync(path.join(csvDir, "apps.csv"), "utf8").trim().split("\n");
    expect(rows[0]).toMatch(/^name,id,/);
    expect(rows).toHaveLength(42);
  });
});

describe("ppadmin, long-running operations", () => {
  it("begin-… waits until the operation ends; with --no-wait it prints a state that resume-… takes", async () => {
    const install = ["app-management", "begin-install-package", "--environment-id", environment, "--unique-name", "MicrosoftFormsPro", "--endpoint", url];
    const waited = await ppadmin([...install, "-o", "json"]);
    expect(waited.code, waited.stderr).toBe(0);
    expect((JSON.parse(waited.stdout) as { status: string }).status).toBe("Succeeded");
    const started = await ppadmin([...install, "--no-wait"]);
    expect(started.code, started.stderr).toBe(0);
    const { state } = JSON.parse(started.stdout) as { state: string };
    const resumed = await ppadmin(["app-management", "resume-install-package", "--state", state, "--endpoint", url, "-o", "json"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect((JSON.parse(resumed.stdout) as { status: string }).status).toBe("Succeeded");
    const help = await ppadmin(["app-management", "resume-install-package", "--help"]);
    expect(help.stdout).toMatch(/^Usage: ppadmin app-management resume-install-package --state/);
  });
});

describe("ppadmin, body fields", () => {
  it("takes object fields as JSON and the body from --body (a flag wins over the same field); required fields may come from the body", async () => {
    const policy = path.join(os.tmpdir(), `ppadmin-policy-${process.pid}.json`);
    writeFileSync(policy, JSON.stringify({ name: "fromFile", location: "unitedstates", billingInstrument: { subscriptionId: "s", resourceGroup: "rg" } }));
    try {
      const dry = await ppadmin(["licensing", "billing-policies", "create", "--body", `@${policy}`, "--name", "fromFlag", "--endpoint", url, "--dry-run"]);
      expect(dry.code, dry.stderr).toBe(0);
      const request = JSON.parse(dry.stdout) as { method: string; url: string; body: Record<string, unknown> };
      expect(request.method).toBe("POST");
      expect(request.url).toBe(`${url}/licensing/billingPolicies?api-version=2024-10-01`);
      expect(request.body).toEqual({ name: "fromFlag", location: "unitedstates", billingInstrument: { subscriptionId: "s", resourceGroup: "rg" } });

      const created = await ppadmin(["licensing", "billing-policies", "create", "--name", "cli", "--location", "unitedstates", "--billing-instrument", '{"subscriptionId":"00000000-0000-0000-0000-0000000000aa","resourceGroup":"rg"}', "--endpoint", url, "-o", "json"]);
      expect(created.code, created.stderr).toBe(0);
      expect((JSON.parse(created.stdout) as { name: string }).name).toBe("cli");

      const badJson = await ppadmin(["licensing", "billing-policies", "create", "--name", "x", "--location", "l", "--billing-instrument", "{not json", "--endpoint", url]);
      expect(badJson.code).toBe(2);
    } finally {
      rmSync(policy, { force: true });
    }
  });
});
