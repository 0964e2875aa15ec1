/**
 * Running one operation command: flags → the facade method's argument object (checked against the
 * spec's types, enums and required marks before anything is sent), the call through the SDK client
 * of the command's service, and the answer on stdout. Lists stream every item of every page;
 * long-running commands wait until the operation ends; `--dry-run` prints the request instead;
 * `--from-file` runs the command once per NDJSON/CSV record with one result line each.
 */
import { createReadStream, readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import type { SurfaceDetails } from "../client/tables.js";
import type { PagedAsyncIterableIterator } from "../core/paging.js";
import { loadSurfaceDetails, type OperationCommand } from "./catalog.js";
import type { CliContext } from "./context.js";
import { InterruptedError, UsageError, errorRecord, exitCodeOf, EXIT } from "./errors.js";
import {
  argumentFlags,
  BEGIN_FLAGS,
  coerce,
  GLOBAL_FLAGS,
  LIST_FLAGS,
  nonNegativeInteger,
  OPERATION_FLAGS,
  parseArgsOptions,
  positiveInteger,
  readJson,
  RESUME_FLAGS,
  WAIT_FLAGS,
  type ArgumentFlag,
  type FlagSpec,
} from "./flags.js";
import { commandHelp } from "./help.js";
import type { Sink } from "./output.js";
import { globalSettings, type GlobalSettings } from "./settings.js";

/** The flags of a command besides its arguments. */
export function commandFlagsOf(command: OperationCommand): Record<string, FlagSpec> {
  const variant = { call: {}, list: LIST_FLAGS, wait: WAIT_FLAGS, begin: BEGIN_FLAGS, resume: RESUME_FLAGS }[command.variant];
  if (command.variant === "resume") return { ...variant, "dry-run": OPERATION_FLAGS["dry-run"] };
  return { ...OPERATION_FLAGS, ...variant };
}

/** Argument flags and command flags of a command, with its surface details. */
export async function describeCommand(command: OperationCommand): Promise<{ details: SurfaceDetails | undefined; argFlags: ArgumentFlag[]; commandFlags: Record<string, FlagSpec> }> {
  const details = (await loadSurfaceDetails(command.service))[command.detailsKey];
  const commandFlags = commandFlagsOf(command);
  const taken = new Set([...Object.keys(GLOBAL_FLAGS), ...Object.keys(commandFlags), "no-wait"]);
  const argFlags = command.variant === "resume" ? [] : argumentFlags(details?.arguments ?? [], taken);
  return { details, argFlags, commandFlags };
}

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** The argument object from flag values (and a --body object under them). */
function argumentsFrom(values: Values, argFlags: readonly ArgumentFlag[]): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  if (typeof values.body === "string") {
    const body = readJson(values.body, "--body");
    if (body === null || typeof body !== "object" || Array.isArray(body)) throw new UsageError("--body must be a JSON object of body fields");
    Object.assign(args, body);
  }
  for (const { flag, argument } of argFlags) {
    const value = values[flag];
    if (value !== undefined) args[argument.name] = coerce(argument, value, `--${flag}`);
  }
  return args;
}

/** Refuses a missing required argument, naming its flag. */
function checkRequired(args: Record<string, unknown>, argFlags: readonly ArgumentFlag[], where = ""): void {
  const missing = argFlags.filter((f) => f.argument.required && args[f.argument.name] === undefined).map((f) => `--${f.flag}`);
  if (missing.length) throw new UsageError(`${where}missing required ${missing.join(", ")}`);
}

/** The facade function of a command on a client. */
function facadeFunction(client: Record<string, unknown>, command: OperationCommand): (...args: unknown[]) => unknown {
  let node: unknown = client;
  for (const group of command.entry.group) node = (node as Record<string, unknown>)[group];
  const fn = (node as Record<string, unknown>)[command.facadeMethod];
  if (typeof fn !== "function") throw new Error(`the client has no ${[...command.entry.group, command.facadeMethod].join(".")}`);
  return fn as (...args: unknown[]) => unknown;
}

interface Runner {
  /** Runs once with `args` and writes its answer to `sink`. */
  (args: Record<string, unknown>, sink: Sink, signal: AbortSignal): Promise<void>;
}

async function makeRunner(command: OperationCommand, context: CliContext, values: Values): Promise<Runner> {
  const client = await context.client(command.service);
  const fn = facadeFunction(client, command);
  const stats = context.stats;
  switch (command.variant) {
    case "call":
      return async (args, sink, signal) => sink.write(await fn({ ...args, abortSignal: signal }));
    case "list": {
      const maxPageSize = positiveInteger(values["page-size"] as string | undefined, "--page-size");
      return async (args, sink, signal) => {
        const iterator = fn({ ...args, abortSignal: signal }) as PagedAsyncIterableIterator<unknown>;
        for await (const page of iterator.byPage(maxPageSize ? { maxPageSize } : undefined)) {
          stats.pages++;
          stats.items += page.length;
          for (const item of page) await sink.write(item);
        }
      };
    }
    case "wait": {
      const pollIntervalInMs = nonNegativeInteger(values["poll-interval-in-ms"] as string | undefined, "--poll-interval-in-ms");
      const timeoutInMs = nonNegativeInteger(values["timeout-in-ms"] as string | undefined, "--timeout-in-ms");
      return async (args, sink, signal) =>
        sink.write(await fn({ ...args, abortSignal: signal, ...(pollIntervalInMs === undefined ? {} : { pollIntervalInMs }), ...(timeoutInMs === undefined ? {} : { timeoutInMs }) }));
    }
    case "begin":
      return async (args, sink, signal) => {
        const poller = (await fn({ ...args, abortSignal: signal })) as { toString(): string; pollUntilDone(o: { abortSignal: AbortSignal }): Promise<unknown> };
        if (values.wait === false) return sink.write({ state: poller.toString() });
        await sink.write(await poller.pollUntilDone({ abortSignal: signal }));
      };
    case "resume":
      return async (_args, sink, signal) => {
        const text = values.state;
        if (typeof text !== "string") throw new UsageError("missing required --state");
        const state = text.startsWith("@") ? readFileSync(text.slice(1), "utf8").trim() : text;
        const poller = fn(state) as { pollUntilDone(o: { abortSignal: AbortSignal }): Promise<unknown> };
        await sink.write(await poller.pollUntilDone({ abortSignal: signal }));
      };
  }
}

/** Records of an NDJSON or CSV file (or stdin), one at a time, with their line numbers. */
async function* recordsOf(file: string): AsyncGenerator<{ line: number; record: Record<string, unknown> }> {
  const input = file === "-" ? process.stdin : createReadStream(file);
  const isCsv = /\.csv$/i.test(file);
  if (isCsv) {
    const { parse } = await import("csv-parse");
    const parser = input.pipe(parse({ columns: true, skip_empty_lines: true, trim: true, bom: true, info: true }));
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield { line: info.lines, record: Object.fromEntries(Object.entries(record).filter(([, v]) => v !== "")) };
    }
    return;
  }
  let line = 0;
  let csvHeader: string[] | undefined;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === "") continue;
    if (line === 1 && !text.trimStart().startsWith("{")) {
      // stdin without a name: a first line that is not JSON is a CSV header.
      const { parse } = await import("csv-parse/sync");
      csvHeader = (parse(text) as string[][])[0];
      continue;
    }
    if (csvHeader) {
      const { parse } = await import("csv-parse/sync");
      const cells = (parse(text) as string[][])[0] ?? [];
      yield { line, record: Object.fromEntries(csvHeader.map((h, i) => [h, cells[i] ?? ""]).filter(([, v]) => v !== "")) };
      continue;
    }
    let record: unknown;
    try {
      record = JSON.parse(text);
    } catch {
      record = new UsageError(`line ${line}: not valid JSON`);
    }
    yield { line, record: record as Record<string, unknown> };
  }
}

/** A record's keys (argument names or their flags) → the argument object. */
function argumentsOfRecord(record: Record<string, unknown>, argFlags: readonly ArgumentFlag[], line: number): Record<string, unknown> {
  if (record instanceof UsageError) throw record;
  if (record === null || typeof record !== "object" || Array.isArray(record)) throw new UsageError(`line ${line}: a record must be a JSON object`);
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const match = argFlags.find((f) => f.argument.name === key || f.flag === key || f.argument.wireName === key);
    if (!match) throw new UsageError(`line ${line}: "${key}" is not an argument of this command (${argFlags.map((f) => f.argument.name).join(", ")})`);
    args[match.argument.name] = coerce(match.argument, value, `line ${line}: ${key}`);
  }
  return args;
}

/** Parses a command's flags (strict: an unknown flag, or a value missing, is a usage error). */
export async function parseOperationFlags(command: OperationCommand, tokens: readonly string[]) {
  const described = await describeCommand(command);
  const specs: Record<string, FlagSpec> = { ...GLOBAL_FLAGS, ...described.commandFlags, ...Object.fromEntries(described.argFlags.map((f) => [f.flag, f.spec])) };
  try {
    const { values } = parseArgs({ args: [...tokens], options: parseArgsOptions(specs), strict: true, allowPositionals: false, allowNegative: true }) as { values: Values };
    return { ...described, values };
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ""));
  }
}

/** Runs an operation command; resolves with the exit code. */
export async function runOperation(command: OperationCommand, tokens: string[]): Promise<number> {
  const { details, argFlags, commandFlags, values } = await parseOperationFlags(command, tokens);
  if (values.help) {
    process.stdout.write(commandHelp(command, details, argFlags, commandFlags));
    return EXIT.ok;
  }
  const settings: GlobalSettings = globalSettings(values);
  const dryRun = values["dry-run"] === true;
  // The SDK runtime and the output libraries load only now: help above stays fast.
  const [{ CliContext, DryRunStop }, { createSink }, { startProgress, statusLine }] = await Promise.all([import("./context.js"), import("./output.js"), import("./progress.js")]);
  const context = new CliContext(values, dryRun);
  const controller = new AbortController();
  const onSignal = () => controller.abort(new InterruptedError());
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const progress = await startProgress(context.stats, settings.quiet || dryRun);
  try {
    const base = argumentsFrom(values, argFlags);
    if (typeof values["from-file"] === "string") {
      return await runBulk(command, context, values, argFlags, base, settings, controller.signal, createSink, DryRunStop);
    }
    if (command.variant !== "resume") checkRequired(base, argFlags);
    const sink = createSink({ format: settings.format, fields: settings.fields, stream: process.stdout, list: command.variant === "list" });
    const run = await makeRunner(command, context, values);
    try {
      await run(base, sink, controller.signal);
    } catch (error) {
      if (!(error instanceof DryRunStop)) throw error;
      const dry = createSink({ format: settings.format === "table" ? "json" : settings.format, stream: process.stdout, list: false });
      await dry.write(error.request);
      await dry.end();
      return EXIT.ok;
    }
    await sink.end();
    progress.stop();
    if (command.variant === "list" && !settings.quiet && process.stderr.isTTY) process.stderr.write(`${statusLine(context.stats)}\n`);
    return EXIT.ok;
  } catch (error) {
    throw controller.signal.aborted ? controller.signal.reason : error;
  } finally {
    progress.stop();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await context.close();
  }
}

/** `--from-file`: one call per record, a result line per record (in input order), a summary on stderr. */
async function runBulk(
  command: OperationCommand,
  context: CliContext,
  values: Values,
  argFlags: readonly ArgumentFlag[],
  base: Record<string, unknown>,
  settings: GlobalSettings,
  signal: AbortSignal,
  createSink: typeof import("./output.js").createSink,
  DryRunStop: typeof import("./context.js").DryRunStop,
): Promise<number> {
  if (command.variant === "resume") throw new UsageError("--from-file does not apply to resume commands");
  const concurrency = positiveInteger(values.concurrency as string | undefined, "--concurrency") ?? 4;
  const out = createSink({ format: settings.format === "table" ? "ndjson" : settings.format, stream: process.stdout, list: true });
  const run = await makeRunner(command, context, values);
  let ok = 0;
  const failures: number[] = [];
  // Results leave in input order: each record's slot is written once every earlier one is.
  const pending = new Map<number, Record<string, unknown>>();
  let nextToWrite = 0;
  let index = 0;
  const flush = async () => {
    while (pending.has(nextToWrite)) {
      const result = pending.get(nextToWrite)!;
      pending.delete(nextToWrite++);
      await out.write(result);
    }
  };
  const inFlight = new Set<Promise<void>>();
  for await (const { line, record } of recordsOf(values["from-file"] as string)) {
    const slot = index++;
    const task = (async () => {
      const collected: unknown[] = [];
      const collect: Sink = { write: async (item) => void collected.push(item), end: async () => {} };
      try {
        const args = { ...base, ...argumentsOfRecord(record, argFlags, line) };
        checkRequired(args, argFlags, `line ${line}: `);
        await run(args, collect, signal);
        ok++;
        pending.set(slot, { line, ok: true, result: command.variant === "list" ? collected : collected[0] ?? null });
      } catch (error) {
        if (error instanceof DryRunStop) {
          ok++;
          pending.set(slot, { line, ok: true, request: error.request });
        } else {
          failures.push(exitCodeOf(error));
          pending.set(slot, { line, ok: false, error: errorRecord(error) });
        }
      }
      await flush();
    })();
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task));
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  await flush();
  await out.end();
  if (!settings.quiet) process.stderr.write(`${ok} succeeded, ${failures.length} failed (${ok + failures.length} records)\n`);
  if (failures.length === 0) return EXIT.ok;
  const codes = new Set(failures);
  return codes.size === 1 ? failures[0]! : EXIT.failure;
}
