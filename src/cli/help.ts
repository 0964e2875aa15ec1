/**
 * Help text, all of it from the tables: the root lists every group (and the built-in commands), a
 * group lists its commands with their summaries, a command lists its flags with the spec's types,
 * required marks, enum values and descriptions.
 */
import type { SurfaceDetails } from "../client/tables.js";
import { BUILTIN_COMMANDS, invocationOf, serviceWord, type Catalog, type CommandNode, type OperationCommand } from "./catalog.js";
import { GLOBAL_FLAGS, type ArgumentFlag, type FlagSpec } from "./flags.js";

const indent = (text: string, by: string) => text.replace(/\n/g, `\n${by}`);

/**
 * Code-unit order of command words (kebab-case ASCII). Not localeCompare: the same on every machine,
 * and its first call builds a collator, which costs `--help` about 10 ms.
 */
const byWord = ([a]: readonly [string, unknown], [b]: readonly [string, unknown]) => (a < b ? -1 : a > b ? 1 : 0);

/** `  --name VALUE    description` lines. */
export function flagLines(specs: Record<string, FlagSpec>, required: ReadonlySet<string> = new Set()): string[] {
  const rows = Object.entries(specs).map(([name, spec]) => {
    const head = `${spec.short ? `-${spec.short}, ` : ""}${spec.display ?? `--${name}`}${spec.type === "string" ? ` <${spec.value ?? "value"}>` : ""}`;
    return [head, `${required.has(name) ? "(required) " : ""}${spec.description}`] as const;
  });
  const width = Math.min(44, Math.max(0, ...rows.map(([head]) => head.length)));
  return rows.map(([head, text]) =>
    head.length > width ? `  ${head}\n  ${" ".repeat(width)}  ${indent(text, `  ${" ".repeat(width)}  `)}` : `  ${head.padEnd(width)}  ${indent(text, `  ${" ".repeat(width)}  `)}`,
  );
}

/** A command's "Flags:" section, then the global flags every command takes. */
export function flagSections(flags: Record<string, FlagSpec>): string[] {
  return ["Flags:", ...flagLines(flags), "", "Global flags:", ...flagLines(GLOBAL_FLAGS)];
}

/** Commands under a node: `words  summary`. */
function commandsUnder(node: CommandNode, prefix: string[], summaries: (command: OperationCommand) => string): string[] {
  const out: string[] = [];
  const walk = (at: CommandNode, words: string[]) => {
    if (at.command) out.push(`${words.join(" ")}\t${summaries(at.command)}\t${serviceWord(at.command.service)}`);
    for (const [word, child] of [...at.children].sort(byWord)) walk(child, [...words, word]);
  };
  walk(node, prefix);
  const owners = new Set<string>();
  const collect = (at: CommandNode) => {
    if (at.command) owners.add(serviceWord(at.command.service));
    for (const child of at.children.values()) collect(child);
  };
  collect(node);
  const width = Math.min(50, Math.max(0, ...out.map((l) => l.indexOf("\t"))));
  return out.map((l) => {
    const [words, summary, service] = l.split("\t");
    // Commands of several services under one group name their service.
    return `  ${words!.padEnd(width)}  ${summary}${owners.size > 1 ? ` [${service}]` : ""}`;
  });
}

/** `ppadmin --help`. */
export function rootHelp(catalog: Catalog, version: string): string {
  const groups = new Map<string, { commands: number; services: Set<string> }>();
  for (const command of catalog.commands) {
    if (!command.primary) continue;
    const group = groups.get(command.words[0]!) ?? { commands: 0, services: new Set() };
    group.commands++;
    group.services.add(command.service.title);
    groups.set(command.words[0]!, group);
  }
  const width = Math.max(...[...groups.keys(), ...Object.keys(BUILTIN_COMMANDS), ...catalog.services.map(serviceWord)].map((g) => g.length));
  const lines = [
    `ppadmin ${version}: every Power Platform admin operation from the command line`,
    "",
    "Usage: ppadmin <group…> <command> [flags]      ppadmin <group> --help lists a group's commands",
    "",
    "Groups:",
    ...[...groups]
      .sort(byWord)
      .map(([name, g]) => `  ${name.padEnd(width)}  ${g.commands} command${g.commands === 1 ? "" : "s"} (${[...g.services].join(", ")})`),
    "",
    "Commands:",
    ...Object.entries(BUILTIN_COMMANDS).map(([name, text]) => `  ${name.padEnd(width)}  ${text}`),
    "",
    "Services (every command also runs as ppadmin <service> <group…> <command>):",
    ...catalog.services.map((s) => `  ${serviceWord(s).padEnd(width)}  ${s.title}`),
    "",
    "Global flags:",
    ...flagLines(GLOBAL_FLAGS),
    "",
    "Environment: PPADMIN_ACCESS_TOKEN (a ready bearer token; never printed), AZURE_TENANT_ID, AZURE_CLIENT_ID,",
    "AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH, AZURE_FEDERATED_TOKEN_FILE (for --auth), NO_COLOR.",
    "Exit codes: 0 ok, 2 usage, 3 not found, 4 auth (401/403), 5 throttled past the retries, 1 other.",
  ];
  return `${lines.join("\n")}\n`;
}

/** `ppadmin <group…> --help`: the commands below a node. */
export function groupHelp(node: CommandNode, words: string[], details: (command: OperationCommand) => string): string {
  return `Usage: ppadmin ${words.join(" ")} <command> [flags]\n\nCommands:\n${commandsUnder(node, words, details).join("\n")}\n\nppadmin ${words.join(" ")} <command> --help shows a command's flags.\n`;
}

/** `ppadmin <group…> <command> --help`. */
export function commandHelp(
  command: OperationCommand,
  details: SurfaceDetails | undefined,
  argumentFlags: readonly ArgumentFlag[],
  commandFlags: Record<string, FlagSpec>,
): string {
  const args: Record<string, FlagSpec> = {};
  const required = new Set<string>();
  for (const { flag, argument, spec } of argumentFlags) {
    const where = argument.in === "body" ? "body" : argument.in;
    args[flag] = { ...spec, description: `${spec.description}${spec.description ? " " : ""}[${where}, ${argument.type}]` };
    if (argument.required) required.add(flag);
  }
  const kind = { call: "", list: " Lists every item of every page.", wait: " Polls until the value settles.", begin: " Starts a long-running operation and waits for it (unless --no-wait).", resume: " Waits for an operation started earlier." }[command.variant];
  const lines = [
    `Usage: ppadmin ${invocationOf(command)}${command.variant === "resume" ? " --state <STATE|@file>" : ""}${argumentFlags.some((f) => f.argument.required) ? " " + argumentFlags.filter((f) => f.argument.required).map((f) => `--${f.flag} <${f.spec.value ?? ""}>`).join(" ") : ""} [flags]`,
    "",
    `${details?.summary ?? command.entry.operationId}.${kind}`,
    ...(details?.description ? ["", details.description] : []),
    "",
    `Operation ${command.entry.operationId} of the ${command.service.title}.`,
    ...(argumentFlags.length ? ["", "Arguments:", ...flagLines(args, required)] : []),
    "",
    ...flagSections(commandFlags),
  ];
  return `${lines.join("\n")}\n`;
}
