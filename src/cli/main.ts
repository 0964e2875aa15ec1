/**
 * `ppadmin`: the command line over every operation of the SDK. This module stays small so that
 * `--help` starts fast: it reads only the service registry and the surface tables; a command's
 * argument details, the SDK runtime, @azure/identity, the emulator and the output libraries are
 * imported when a command needs them.
 */
import { readFileSync } from "node:fs";
import { BUILTIN_COMMANDS, loadCatalog, loadSurfaceDetails, type Catalog, type CommandNode, type OperationCommand } from "./catalog.js";
import { describeError, exitCodeOf, EXIT, UsageError } from "./errors.js";
import { GLOBAL_FLAGS } from "./flags.js";
import { groupHelp, rootHelp } from "./help.js";

/** The package's version, from the package.json above this file (src/ or dist/lib/src/). */
function version(): string {
  for (let dir = new URL("./", import.meta.url); ; ) {
    try {
      const pkg = JSON.parse(readFileSync(new URL("package.json", dir), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "power-platform-admin") return pkg.version ?? "0.0.0";
    } catch {
      // keep looking upwards
    }
    const parent = new URL("../", dir);
    // `../` of the root is the root: `file:///` here, `file:///C:/` on Windows (whose path is not "/").
    if (parent.href === dir.href) return "0.0.0";
    dir = parent;
  }
}

const VALUE_FLAGS = new Set(
  Object.entries(GLOBAL_FLAGS).flatMap(([name, spec]) => (spec.type === "string" ? [`--${name}`, ...("short" in spec ? [`-${spec.short}`] : [])] : [])),
);

/** Where the first word that is neither a flag nor a global flag's value is, or -1. */
function firstWordIndex(argv: readonly string[]): number {
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === "--") return -1;
    if (!token.startsWith("-") || token === "-") return i;
    if (VALUE_FLAGS.has(token)) i++;
  }
  return -1;
}

/** Splits argv into the command words (walking the tree) and the rest (flags and values, in order). */
export function locate(root: CommandNode, argv: readonly string[]): { node: CommandNode; words: string[]; rest: string[]; unknown?: string } {
  const rest: string[] = [];
  const words: string[] = [];
  let node = root;
  let unknown: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    if (token.startsWith("-") && token !== "-") {
      rest.push(token);
      if (VALUE_FLAGS.has(token) && i + 1 < argv.length) rest.push(argv[++i]!);
      continue;
    }
    const child = unknown === undefined && !node.command ? node.children.get(token) : undefined;
    if (child) {
      node = child;
      words.push(token);
    } else {
      if (unknown === undefined && !node.command) unknown = token;
      rest.push(token);
    }
  }
  return { node, words, rest, ...(unknown === undefined ? {} : { unknown }) };
}

async function summaries(catalog: Catalog): Promise<(command: OperationCommand) => string> {
  const tables = new Map(await Promise.all(catalog.services.map(async (s) => [s, await loadSurfaceDetails(s)] as const)));
  return (command) => tables.get(command.service)?.[command.detailsKey]?.summary ?? command.entry.operationId;
}

/** Runs the command line; resolves with the exit code. */
export async function run(argv: readonly string[]): Promise<number> {
  const firstAt = firstWordIndex(argv);
  const first = firstAt === -1 ? undefined : argv[firstAt]!;
  if (first !== undefined && first in BUILTIN_COMMANDS) {
    const rest = [...argv];
    rest.splice(firstAt, 1);
    const name = first as keyof typeof BUILTIN_COMMANDS;
    if (name === "inventory") return (await import("./inventory.js")).runInventory(rest);
    if (name === "request") return (await import("./request.js")).runRequest(rest);
    return (await import("./emulatorCommand.js")).runEmulator(rest);
  }
  const catalog = await loadCatalog();
  // No command word: the root help, or the version (the command tree is not needed for either).
  if (firstAt === -1 && (argv.length === 0 || argv.includes("--help") || argv.includes("-h") || argv.includes("--version"))) {
    process.stdout.write(argv.includes("--version") ? `${version()}\n` : rootHelp(catalog, version()));
    return EXIT.ok;
  }
  const { node, words, rest, unknown } = locate(catalog.root, argv);
  const help = rest.includes("--help") || rest.includes("-h");
  if (unknown !== undefined) {
    const known = [...node.children.keys()].sort();
    const at = ["ppadmin", ...words].join(" ");
    throw new UsageError(`"${unknown}" is not a command of ${at}; expected one of: ${known.slice(0, 30).join(", ")}${known.length > 30 ? ", …" : ""}`);
  }
  if (!node.command) {
    const text = groupHelp(node, words, await summaries(catalog));
    if (help) {
      process.stdout.write(text);
      return EXIT.ok;
    }
    if (words.length === 0) throw new UsageError("no command given");
    process.stderr.write(text);
    throw new UsageError(`ppadmin ${words.join(" ")} needs a command`);
  }
  return (await import("./operation.js")).runOperation(node.command, rest);
}

/** The bin: run, print one line on failure, resolve with the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  // A reader that went away (`| head`) is not an error of ours.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(EXIT.ok);
    throw error;
  });
  let code: number;
  try {
    code = await run(argv);
  } catch (error) {
    code = exitCodeOf(error);
    process.stderr.write(`ppadmin: ${describeError(error)}\n`);
    if (process.argv.includes("--debug") && error instanceof Error && error.stack && !(error instanceof UsageError)) {
      process.stderr.write(`${(await import("./errors.js")).scrub(error.stack)}\n`);
    }
  }
  return code;
}
