/**
 * `ppadmin emulator`: the shipped emulator as a standalone HTTP server for scripts in any language.
 * Its flags are made from createEmulator's resolved defaults, so a size, paging or throttle option
 * added to the emulator is a flag here without an edit: every number is `--kebab-name N`, every
 * nested object of numbers is `--object-key N` (`--throttle-limit`), an object that may be `false`
 * gets `--no-<object>`, and options without a default take text. The server's base URL is the first
 * line on stdout; SIGINT or SIGTERM stops it.
 */
import { parseArgs } from "node:util";
import { EXIT, UsageError } from "./errors.js";
import { flagLines } from "./help.js";
import type { FlagSpec } from "./flags.js";
import { kebab } from "./catalog.js";

/** Options that are not sizes or behaviour of the tenant: the clock and the msw origin. */
const NOT_FLAGS = new Set(["clock", "baseUrl", "specModels"]);

interface EmulatorFlag {
  spec: FlagSpec;
  /** Where the value goes in createEmulator's options. */
  path: string[];
  kind: "integer" | "text" | "off";
}

/** The emulator's flags, from its resolved default options. */
export async function emulatorFlags(): Promise<Map<string, EmulatorFlag>> {
  const { resolveEmulatorOptions } = await import("../testing/emulatorOptions.js");
  const defaults = resolveEmulatorOptions({}) as unknown as Record<string, unknown>;
  const flags = new Map<string, EmulatorFlag>();
  flags.set("port", { spec: { type: "string", value: "N", description: "Port to listen on (default: a free one)" }, path: ["port"], kind: "integer" });
  flags.set("host", { spec: { type: "string", value: "address", description: "Interface to listen on (default 127.0.0.1)" }, path: ["host"], kind: "text" });
  for (const [key, value] of Object.entries(defaults)) {
    if (NOT_FLAGS.has(key)) continue;
    if (key === "startTime") {
      flags.set("start-time", { spec: { type: "string", value: "date", description: "Wall-clock time of the emulator's start (ISO date or epoch ms; default now)" }, path: [key], kind: "text" });
    } else if (typeof value === "number") {
      flags.set(kebab(key), { spec: { type: "string", value: "N", description: `default ${value}` }, path: [key], kind: "integer" });
    } else if (value !== null && typeof value === "object") {
      for (const [inner, innerValue] of Object.entries(value)) {
        flags.set(`${kebab(key)}-${kebab(inner)}`, { spec: { type: "string", value: "N", description: `default ${String(innerValue)}` }, path: [key, inner], kind: "integer" });
      }
      flags.set(`no-${kebab(key)}`, { spec: { type: "boolean", description: `Turn ${kebab(key)} off` }, path: [key], kind: "off" });
    } else if (value === undefined || typeof value === "string") {
      flags.set(kebab(key), { spec: { type: "string", value: "text", description: value === undefined ? "default: derived" : `default ${value}` }, path: [key], kind: "text" });
    }
  }
  return flags;
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let at = target;
  for (const key of path.slice(0, -1)) {
    if (at[key] === false) return; // --no-<object> wins over its parts
    at = (at[key] ??= {}) as Record<string, unknown>;
  }
  at[path.at(-1)!] = value;
}

/** Runs the emulator until SIGINT/SIGTERM; resolves with the exit code. */
export async function runEmulator(tokens: string[]): Promise<number> {
  const flags = await emulatorFlags();
  const specs: Record<string, FlagSpec> = { ...Object.fromEntries([...flags].map(([name, f]) => [name, f.spec])), help: { type: "boolean", short: "h", description: "Show help" } };
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: tokens,
      options: Object.fromEntries(Object.entries(specs).map(([n, s]) => [n, { type: s.type, ...(s.short ? { short: s.short } : {}) }])),
      strict: true,
      allowPositionals: false,
    }) as { values: Record<string, string | boolean | undefined> });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(
      [
        "Usage: ppadmin emulator [flags]",
        "",
        "Serves every service of the SDK from one loopback origin with a seeded tenant (paging, throttle,",
        "long-running operations, the services' errors). Prints its base URL as the first line of stdout and",
        "runs until SIGINT or SIGTERM. Any bearer token is accepted: PPADMIN_ACCESS_TOKEN=x ppadmin … --endpoint <url>.",
        "",
        "Flags:",
        ...flagLines(specs),
        "",
      ].join("\n"),
    );
    return EXIT.ok;
  }
  const options: Record<string, unknown> = {};
  for (const [name, flag] of flags) {
    const value = values[name];
    if (value === undefined || value === false) continue;
    if (flag.kind === "off") setPath(options, flag.path, false);
  }
  for (const [name, flag] of flags) {
    const value = values[name];
    if (value === undefined || flag.kind === "off") continue;
    if (flag.kind === "integer") {
      if (!/^\d+$/.test(String(value))) throw new UsageError(`--${name} must be a non-negative integer; got "${String(value)}"`);
      setPath(options, flag.path, Number(value));
    } else {
      setPath(options, flag.path, flag.path[0] === "startTime" && /^\d+$/.test(String(value)) ? Number(value) : value);
    }
  }
  const { startEmulatorServer } = await import("../testing/http/nodeServer.js");
  let server: Awaited<ReturnType<typeof startEmulatorServer>>;
  try {
    server = await startEmulatorServer(options);
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  }
  process.stdout.write(`${server.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await server.close();
  return EXIT.ok;
}
