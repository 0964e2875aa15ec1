/**
 * Flags: the global ones, the ones every operation command has, and one per argument of the
 * operation (from its surface details), with the coercion of their text into the JSON types the
 * spec gives. Parsing is node:util's parseArgs (strict: an unknown flag is a usage error).
 */
import { readFileSync } from "node:fs";
import type { ArgumentEntry } from "../client/tables.js";
import { kebab } from "./catalog.js";
import { UsageError } from "./errors.js";

export interface FlagSpec {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** For help: how the flag is written, when not `--name`. */
  display?: string;
  /** For help: what the value is. */
  value?: string;
  description: string;
}

export const OUTPUT_FORMATS = ["table", "json", "ndjson", "csv"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const AUTH_KINDS = [
  "default",
  "azure-cli",
  "device-code",
  "interactive-browser",
  "client-secret",
  "client-certificate",
  "managed-identity",
  "workload-identity",
  "environment",
] as const;
export type AuthKind = (typeof AUTH_KINDS)[number];

/** Flags every command takes. */
export const GLOBAL_FLAGS = {
  output: { type: "string", short: "o", value: OUTPUT_FORMATS.join("|"), description: "Output format (default: table on a terminal, ndjson when piped)" },
  fields: { type: "string", value: "a,b.c", description: "Columns to keep, as dot paths into each item" },
  quiet: { type: "boolean", short: "q", description: "No progress and no summary on stderr" },
  debug: { type: "boolean", description: "Log every request and response to stderr (redacted: no token)" },
  auth: {
    type: "string",
    value: AUTH_KINDS.join("|"),
    description: "Credential from @azure/identity (default: the default chain). Without --auth, PPADMIN_ACCESS_TOKEN (when set) is sent as the bearer token instead",
  },
  cloud: { type: "string", value: "public|gcc|gcchigh|dod|china", description: "Sovereign cloud (default public)" },
  endpoint: { type: "string", value: "origin", description: "Send to this origin instead of the service's host (e.g. an emulator; for inventory, every service's)" },
  "api-version": { type: "string", value: "version", description: "api-version for every call instead of each operation's default" },
  limiter: { type: "string", value: "redis://host:port/key", description: "Share one rate budget with other processes through Redis" },
  help: { type: "boolean", short: "h", description: "Show help" },
  version: { type: "boolean", description: "Print the version" },
} as const satisfies Record<string, FlagSpec>;

/** Flags of every operation command besides its arguments. */
export const OPERATION_FLAGS = {
  body: { type: "string", value: "JSON|@file.json", description: "Request body fields as one JSON object (flags override its fields)" },
  "from-file": { type: "string", value: "FILE|-", description: "Run once per NDJSON or CSV record (keys: argument names), '-' for stdin; prints one result per line" },
  concurrency: { type: "string", value: "N", description: "With --from-file: records in flight at once (default 4)" },
  "dry-run": { type: "boolean", description: "Print the request (method, URL, body) instead of sending it; no token is fetched" },
} as const satisfies Record<string, FlagSpec>;

/** Flags of list commands. */
export const LIST_FLAGS = {
  "page-size": { type: "string", value: "N", description: "Items per page to ask the service for ($top on the first page)" },
} as const satisfies Record<string, FlagSpec>;

/** Flags of long-running commands. */
export const BEGIN_FLAGS = {
  wait: { type: "boolean", display: "--no-wait", description: "Print the operation's state (for resume-…) instead of waiting until it ends" },
} as const satisfies Record<string, FlagSpec>;
export const RESUME_FLAGS = {
  state: { type: "string", value: "STATE|@file", description: "The state a begin-… --no-wait printed" },
} as const satisfies Record<string, FlagSpec>;
export const WAIT_FLAGS = {
  "poll-interval-in-ms": { type: "string", value: "ms", description: "Pause between polls" },
  "timeout-in-ms": { type: "string", value: "ms", description: "Give up after this long" },
} as const satisfies Record<string, FlagSpec>;

/** One argument of an operation as a flag. */
export interface ArgumentFlag {
  readonly flag: string;
  readonly argument: ArgumentEntry;
  readonly spec: FlagSpec;
}

/** The flag of each argument: its name in kebab-case, `arg-<name>` if that is taken by a command flag. */
export function argumentFlags(args: readonly ArgumentEntry[], taken: ReadonlySet<string>): ArgumentFlag[] {
  return args.map((argument) => {
    let flag = kebab(argument.name);
    if (taken.has(flag)) flag = `arg-${flag}`;
    const values = argument.enum ? `${argument.enum.join("|")}${argument.openEnum ? "|…" : ""}` : undefined;
    const spec: FlagSpec =
      argument.type === "boolean"
        ? { type: "boolean", description: argument.description ?? "" }
        : {
            type: "string",
            multiple: argument.type === "array<string>" ? true : undefined,
            value: values ?? valueHint(argument.type),
            description: argument.description ?? "",
          };
    return { flag, argument, spec };
  });
}

function valueHint(type: string): string {
  if (type === "array<string>") return "value (repeat, or a JSON array)";
  if (type === "string" || type === "integer" || type === "number") return type;
  return `JSON ${type}|@file.json`;
}

/** Reads `@file` (JSON) or parses the text as JSON; `what` names the flag in errors. */
export function readJson(text: string, what: string): unknown {
  let source = text;
  if (text.startsWith("@")) {
    try {
      source = readFileSync(text.slice(1), "utf8");
    } catch (error) {
      throw new UsageError(`${what}: cannot read ${text.slice(1)} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  }
  try {
    return JSON.parse(source);
  } catch {
    throw new UsageError(`${what}: not valid JSON`);
  }
}

function checkEnum(argument: ArgumentEntry, value: string, what: string): string {
  if (!argument.enum || argument.openEnum) return value;
  const match = argument.enum.find((v) => v.toLowerCase() === value.toLowerCase());
  if (match === undefined) throw new UsageError(`${what} must be one of ${argument.enum.join(", ")}; got "${value}"`);
  return match;
}

/**
 * Turns a flag's or a record's value into the argument's JSON type. Text comes from the command
 * line or a CSV cell; values already typed (NDJSON) are checked by the SDK.
 */
export function coerce(argument: ArgumentEntry, raw: unknown, what: string): unknown {
  const { type } = argument;
  // Values typed already (an NDJSON record) go as they are: the SDK checks their types before sending.
  if (Array.isArray(raw) ? type !== "array<string>" || !raw.every((v) => typeof v === "string") : typeof raw !== "string") return raw;
  if (type === "array<string>") {
    const list = Array.isArray(raw) ? raw : [raw];
    return list.flatMap((item) => {
      if (!item.trimStart().startsWith("[")) return [item];
      const parsed = readJson(item, what);
      if (!Array.isArray(parsed)) throw new UsageError(`${what} must be a JSON array of strings`);
      return parsed as unknown[];
    });
  }
  const text = Array.isArray(raw) ? raw.at(-1)! : raw;
  switch (type) {
    case "string":
      return checkEnum(argument, text, what);
    case "integer":
      if (!/^-?\d+$/.test(text.trim())) throw new UsageError(`${what} must be an integer; got "${text}"`);
      return Number(text);
    case "number": {
      const n = Number(text);
      if (text.trim() === "" || !Number.isFinite(n)) throw new UsageError(`${what} must be a number; got "${text}"`);
      return n;
    }
    case "boolean":
      if (/^(true|false)$/i.test(text)) return text.toLowerCase() === "true";
      throw new UsageError(`${what} must be true or false; got "${text}"`);
    case "any":
      try {
        return text.startsWith("@") ? readJson(text, what) : JSON.parse(text);
      } catch {
        return text;
      }
    default:
      return readJson(text, what);
  }
}

/** A positive integer flag. */
export function positiveInteger(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new UsageError(`${what} must be a positive integer; got "${text}"`);
  return Number(text);
}

/** A non-negative integer flag. */
export function nonNegativeInteger(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`${what} must be a non-negative integer; got "${text}"`);
  return Number(text);
}

/** parseArgs' option table from flag specs. */
export function parseArgsOptions(specs: Record<string, FlagSpec>): Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> {
  return Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) }]),
  );
}
