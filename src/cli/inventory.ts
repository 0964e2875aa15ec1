/**
 * `ppadmin inventory`: every environment, app, connection, custom connector and flow of the tenant
 * (whichever of these commands the registered services have), one file per kind under --out,
 * fanned out across environments under one shared limiter.
 *
 * Exactly once across kills (--checkpoint FILE, then --resume). Every page is one commit, and commits
 * are serialized:
 *   1. the page's items are written to DIR/<kind>.<ext> at the file's committed length, and fsynced;
 *   2. the checkpoint — each file's committed length, and for each list (the environment list, and
 *      each kind × environment) the next link to continue from, or that it is done — is written to a
 *      temporary file, fsynced, and renamed over FILE (atomic).
 * A kill between 1 and 2 leaves bytes past the committed length; --resume cuts every file back to
 * its committed length and continues each list from its recorded next link, so that page is read
 * again and written once. A kill during 2 leaves the old checkpoint whole. So at any moment, SIGKILL
 * included, the files plus the checkpoint describe a prefix of every list, with no gap and no
 * duplicate.
 */
import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { stringify } from "csv-stringify/sync";
import type { PagedAsyncIterableIterator } from "../core/paging.js";
import { commandAt, loadCatalog, loadOperations, type Catalog, type OperationCommand } from "./catalog.js";
import { CliContext } from "./context.js";
import { EXIT, InterruptedError, UsageError, describeError, exitCodeOf } from "./errors.js";
import { csvHeader, csvLayout, csvLayoutOfHeader, csvRow } from "./csvRows.js";
import { GLOBAL_FLAGS, parseArgsOptions, positiveInteger, type FlagSpec } from "./flags.js";
import { flagSections } from "./help.js";
import { pick } from "./itemPaths.js";
import { startProgress, throttleFloorInMs } from "./progress.js";

/** The kinds an inventory takes, by the commands that list them (the first that exists); a kind none of whose commands exists is skipped. */
export const INVENTORY_KINDS = [
  { kind: "environments", from: ["environments list"] },
  { kind: "apps", from: ["apps list"] },
  { kind: "connections", from: ["connections list"] },
  { kind: "custom-connectors", from: ["connectors list-custom"] },
  // Every flow of the environment (Power Automate admin); the Power Platform API's `flows list`
  // returns only the solution-aware flows in the environment's Dataverse, so it is the fallback.
  { kind: "flows", from: ["power-automate-admin flows list", "flows list"] },
] as const;

export const INVENTORY_FLAGS = {
  out: { type: "string", value: "DIR", description: "Write DIR/<kind>.ndjson (or .csv) per kind (required)" },
  environment: { type: "string", multiple: true, value: "name", description: "Only these environments (repeat); default: every environment" },
  kinds: { type: "string", value: "a,b", description: "Only these kinds (default: all the services offer)" },
  checkpoint: { type: "string", value: "FILE", description: "Record progress after every page, so that a killed run can --resume" },
  resume: { type: "boolean", description: "Continue the run recorded in --checkpoint" },
  concurrency: { type: "string", value: "N", description: "Environments read at once (default 4); one limiter for all" },
  "page-size": { type: "string", value: "N", description: "Items per page to ask for" },
} as const satisfies Record<string, FlagSpec>;

interface UnitState {
  next?: string;
  done?: boolean;
  count: number;
}

interface Checkpoint {
  version: 1;
  out: string;
  format: "ndjson" | "csv";
  kinds: string[];
  filter: string[] | null;
  /** Per kind: the committed length, and for CSV the header line's cells (the columns, then `_more`). */
  files: Record<string, { bytes: number; columns?: string[] }>;
  environments: UnitState & { ids: string[] };
  units: Record<string, UnitState>;
  /** Calls, 429s and time of every run of this inventory up to the last commit (a killed run's too). */
  previous: { calls: number; throttled: number; elapsedMs: number };
}

interface Kind {
  kind: string;
  command: OperationCommand;
  /** The argument naming the environment (per-environment kinds only). */
  environmentArgument?: string;
}

/** The kinds this build can take, with their commands (from the catalog). */
export async function inventoryKinds(catalog: Catalog): Promise<Kind[]> {
  const kinds: Kind[] = [];
  for (const { kind, from } of INVENTORY_KINDS) {
    // The first of the kind's commands that exists and lists.
    const command = from.map((words) => commandAt(catalog.root, words.split(" "))).find((c) => c?.variant === "list");
    if (!command) continue;
    // The path parameter that names the environment, as the operation table says (path arguments keep their spec names).
    const environmentArgument = (await loadOperations(command.service))[command.entry.operationId]?.environmentParam ?? undefined;
    kinds.push({ kind, command, ...(environmentArgument ? { environmentArgument } : {}) });
  }
  return kinds;
}

/** The id an environment item is addressed by: its `name`, or an `id` that is not a resource path. */
export function environmentIdOf(item: unknown): string | undefined {
  const id = pick(item, "id");
  const name = pick(item, "name");
  if (typeof id === "string" && !id.includes("/")) return id;
  return typeof name === "string" ? name : typeof id === "string" ? id.split("/").at(-1) : undefined;
}

const unitKey = (kind: string, environment: string) => `${kind}\t${environment}`;

/** Writes the checkpoint atomically: a temporary file, fsynced, renamed over the old one. */
function saveCheckpoint(file: string, state: Checkpoint): void {
  const temporary = `${file}.tmp-${process.pid}`;
  const fd = openSync(temporary, "w");
  try {
    writeSync(fd, JSON.stringify(state));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
  try {
    const dir = openSync(path.dirname(file), "r");
    fsyncSync(dir);
    closeSync(dir);
  } catch {
    // a directory fsync is not possible everywhere; the rename is atomic regardless
  }
}

export async function runInventory(tokens: string[]): Promise<number> {
  const specs: Record<string, FlagSpec> = { ...GLOBAL_FLAGS, ...INVENTORY_FLAGS };
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: tokens, options: parseArgsOptions(specs), strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const catalog = await loadCatalog();
  const available = await inventoryKinds(catalog);
  if (values.help) {
    process.stdout.write(
      [
        "Usage: ppadmin inventory --out DIR [--checkpoint FILE [--resume]] [--environment NAME…] [flags]",
        "",
        `Lists every item of each kind (${available.map((k) => k.kind).join(", ")}) across the tenant`,
        "(or the given environments), each item as the service returned it, one file per kind. With",
        "--checkpoint a run killed at any moment continues with --resume, and the files then hold every",
        "item exactly once. Ends with counts per kind and environment, calls, 429s and the wall time",
        "against the throttle's lower bound (on stderr).",
        "",
        ...flagSections(INVENTORY_FLAGS),
        "",
      ].join("\n"),
    );
    return EXIT.ok;
  }
  const out = values.out as string | undefined;
  if (!out) throw new UsageError("inventory needs --out DIR");
  // Each file keeps every item whole (its kind's own fields differ): a column pick has no place here.
  if (values.fields !== undefined) throw new UsageError("inventory writes each item whole; --fields is for list commands (ppadmin apps list --fields …)");
  const format = (values.output as string | undefined) ?? "ndjson";
  if (format !== "ndjson" && format !== "csv") throw new UsageError(`inventory writes ndjson or csv; got --output ${format}`);
  const checkpointFile = values.checkpoint as string | undefined;
  if (values.resume && !checkpointFile) throw new UsageError("--resume needs --checkpoint FILE");
  const concurrency = positiveInteger(values.concurrency as string | undefined, "--concurrency") ?? 4;
  const maxPageSize = positiveInteger(values["page-size"] as string | undefined, "--page-size");
  let kinds = available;
  if (typeof values.kinds === "string") {
    const asked = values.kinds.split(",").map((k) => k.trim());
    for (const k of asked) if (!available.some((a) => a.kind === k)) throw new UsageError(`--kinds: "${k}" is not one of ${available.map((a) => a.kind).join(", ")}`);
    kinds = available.filter((a) => asked.includes(a.kind));
  }
  const environmentsKind = available.find((k) => k.kind === "environments");
  if (!environmentsKind) throw new UsageError("no service of this build lists environments");
  const environmentsAsked = (values.environment as string[] | undefined) ?? null;

  // The checkpoint: a new one, or the one to resume (whose options win over a mismatch).
  let state: Checkpoint;
  const fileOf = (kind: string) => path.join(state.out, `${kind}.${state.format}`);
  if (values.resume) {
    if (!existsSync(checkpointFile!)) throw new UsageError(`--resume: no checkpoint at ${checkpointFile}`);
    try {
      state = JSON.parse(readFileSync(checkpointFile!, "utf8")) as Checkpoint;
    } catch {
      throw new UsageError(`--resume: ${checkpointFile} is not a checkpoint`);
    }
    if (state.version !== 1) throw new UsageError(`--resume: ${checkpointFile} is not a checkpoint of this version`);
    if (path.resolve(out) !== state.out) throw new UsageError(`--resume: the checkpoint belongs to --out ${state.out}`);
    kinds = available.filter((k) => state.kinds.includes(k.kind));
  } else {
    if (checkpointFile && existsSync(checkpointFile)) throw new UsageError(`${checkpointFile} exists: pass --resume to continue that run, or remove it to start again`);
    state = {
      version: 1,
      out: path.resolve(out),
      format,
      kinds: kinds.map((k) => k.kind),
      filter: environmentsAsked,
      files: Object.fromEntries(kinds.map((k) => [k.kind, { bytes: 0 }])),
      environments: { count: 0, ids: [] },
      units: {},
      previous: { calls: 0, throttled: 0, elapsedMs: 0 },
    };
  }
  // A resumed run goes on with the environments it started with.
  const filter = state.filter;
  mkdirSync(state.out, { recursive: true });
  const fds = new Map<string, number>();
  for (const { kind } of kinds) {
    const file = fileOf(kind);
    const fd = openSync(file, values.resume && existsSync(file) ? "r+" : "w");
    ftruncateSync(fd, state.files[kind]!.bytes); // drop what was written after the last commit
    fds.set(kind, fd);
  }
  if (checkpointFile) saveCheckpoint(checkpointFile, state);

  const context = new CliContext(values);
  const stats = context.stats;
  // What the runs before this one did; each commit records this run's share on top of it.
  const before = { ...(state.previous ?? { calls: 0, throttled: 0, elapsedMs: 0 }) };
  const started = performance.now();
  const runsSoFar = () => ({ calls: before.calls + stats.calls, throttled: before.throttled + stats.throttled, elapsedMs: before.elapsedMs + (performance.now() - started) });
  const quiet = values.quiet === true;
  let active = 0;
  const progress = await startProgress(stats, quiet, () => `${state.environments.ids.length} environments, ${active} at work`);
  const controller = new AbortController();
  const onSignal = () => controller.abort(new InterruptedError());
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  // Commits, one at a time, in the order pages arrive.
  let chain = Promise.resolve();
  const commit = (kind: string | undefined, items: readonly unknown[], update: () => void): Promise<void> => {
    const step = chain.then(() => {
      if (kind !== undefined && items.length > 0) {
        const file = state.files[kind]!;
        let text: string;
        if (state.format === "csv") {
          const header = file.columns === undefined;
          file.columns ??= csvHeader(csvLayout(undefined, items[0]));
          // The checkpoint keeps the file's header; one an older ppadmin wrote has no `_more`, so neither do its rows.
          const layout = csvLayoutOfHeader(file.columns);
          const rows = items.map((item) => csvRow(item, layout));
          text = stringify(header ? [file.columns, ...rows] : rows);
        } else {
          text = items.map((item) => `${JSON.stringify(item)}\n`).join("");
        }
        const bytes = Buffer.from(text, "utf8");
        const fd = fds.get(kind)!;
        writeSync(fd, bytes, 0, bytes.length, file.bytes);
        if (checkpointFile) fsyncSync(fd);
        file.bytes += bytes.length;
      }
      update();
      state.previous = runsSoFar();
      if (checkpointFile) saveCheckpoint(checkpointFile, state);
    });
    chain = step.catch(() => {});
    return step;
  };

  const failures: { kind: string; environment: string; error: unknown }[] = [];
  try {
    // 1. The environments, page by page (their ids are committed with each page).
    if (!state.environments.done) {
      const client = await context.client(environmentsKind.command.service);
      const list = (facade(client, environmentsKind.command) as (a: unknown) => PagedAsyncIterableIterator<unknown>)({ abortSignal: controller.signal });
      const pages = list.byPage(state.environments.next ? { continuationToken: state.environments.next } : maxPageSize ? { maxPageSize } : undefined);
      for await (const page of pages) {
        stats.pages++;
        stats.items += page.length;
        const kept = page.filter((item) => filter === null || filter.includes(environmentIdOf(item) ?? ""));
        const written = kinds.some((k) => k.kind === "environments");
        await commit(written ? "environments" : undefined, kept, () => {
          state.environments.ids.push(...kept.map(environmentIdOf).filter((id): id is string => id !== undefined));
          state.environments.count += written ? kept.length : 0;
          if (page.continuationToken === undefined) state.environments.done = true;
          else state.environments.next = page.continuationToken;
        });
      }
    }
    const environments = filter ?? state.environments.ids;

    // 2. Every other kind of every environment, `concurrency` lists at a time.
    const work: { kind: Kind; environment: string }[] = [];
    for (const environment of environments) {
      for (const kind of kinds) {
        if (!kind.environmentArgument) continue;
        if (!state.units[unitKey(kind.kind, environment)]?.done) work.push({ kind, environment });
      }
    }
    const clients = new Map<OperationCommand, Record<string, unknown>>();
    for (const kind of kinds) if (kind.environmentArgument) clients.set(kind.command, await context.client(kind.command.service));
    let next = 0;
    const lane = async () => {
      while (next < work.length && !controller.signal.aborted) {
        const { kind, environment } = work[next++]!;
        const key = unitKey(kind.kind, environment);
        const unit = (state.units[key] ??= { count: 0 });
        active++;
        try {
          const list = (facade(clients.get(kind.command)!, kind.command) as (a: unknown) => PagedAsyncIterableIterator<unknown>)({
            [kind.environmentArgument!]: environment,
            abortSignal: controller.signal,
          });
          for await (const page of list.byPage(unit.next ? { continuationToken: unit.next } : maxPageSize ? { maxPageSize } : undefined)) {
            stats.pages++;
            stats.items += page.length;
            await commit(kind.kind, page, () => {
              unit.count += page.length;
              if (page.continuationToken === undefined) unit.done = true;
              else unit.next = page.continuationToken;
            });
          }
        } catch (error) {
          if (controller.signal.aborted) throw controller.signal.reason;
          failures.push({ kind: kind.kind, environment, error });
        } finally {
          active--;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(1, work.length)) }, lane));
    await chain;
    if (controller.signal.aborted) throw controller.signal.reason;
  } finally {
    progress.stop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    for (const fd of fds.values()) closeSync(fd);
    await context.close();
  }

  const elapsed = performance.now() - started;
  state.previous = runsSoFar();
  if (!quiet) report(state, kinds, stats, elapsed, failures);
  if (checkpointFile) saveCheckpoint(checkpointFile, state);
  if (failures.length === 0) return EXIT.ok;
  const codes = new Set(failures.map((f) => exitCodeOf(f.error)));
  return codes.size === 1 ? [...codes][0]! : EXIT.failure;
}

function facade(client: Record<string, unknown>, command: OperationCommand): unknown {
  let node: unknown = client;
  for (const group of command.entry.group) node = (node as Record<string, unknown>)[group];
  return (node as Record<string, unknown>)[command.facadeMethod];
}

/** The closing summary on stderr: per environment and kind, calls, 429s, time against the floor. */
function report(state: Checkpoint, kinds: readonly Kind[], stats: CliContext["stats"], elapsed: number, failures: readonly { kind: string; environment: string; error: unknown }[]): void {
  const perEnvironment = kinds.filter((k) => k.environmentArgument);
  const environments = state.filter ?? state.environments.ids;
  const header = ["environment", ...perEnvironment.map((k) => k.kind)];
  const rows = environments.map((environment) => [environment, ...perEnvironment.map((k) => String(state.units[unitKey(k.kind, environment)]?.count ?? 0))]);
  const totals = ["total", ...perEnvironment.map((k) => String(environments.reduce((sum, e) => sum + (state.units[unitKey(k.kind, e)]?.count ?? 0), 0)))];
  const widths = header.map((h, i) => Math.max(h.length, ...[...rows, totals].map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  // state.previous already counts this run (report runs after the last commit).
  const calls = state.previous.calls;
  const lines = [
    `inventory: ${state.environments.count} environments${state.filter ? " (filtered)" : ""} in ${state.out}`,
    line(header),
    ...rows.map(line),
    line(totals),
    `${stats.calls} calls this run (${calls} in all), ${state.previous.throttled}×429, ${stats.pages} pages; ` +
      `${(elapsed / 1000).toFixed(1)} s this run, throttle's lower bound for ${calls} calls: ${(throttleFloorInMs(calls) / 1000).toFixed(1)} s`,
    ...failures.map((f) => `failed: ${f.kind} of ${f.environment}: ${describeError(f.error)}`),
  ];
  process.stderr.write(`${lines.join("\n")}\n`);
}
