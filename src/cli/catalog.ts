/**
 * The command tree of `ppadmin`, read from the generated tables and nothing else: every entry of
 * every service's surface table (generated/<module>.surface.ts) is a command `<group…> <method>` in
 * kebab-case, so a service or operation added to the specs is a command after `npm run generate`
 * with no change here. Only the small surface tables are loaded to build the tree; a command's
 * argument details (generated/<module>.surfaceDetails.ts) are loaded when it runs or shows help.
 *
 * Two services may name the same command (the Power Platform API and BAP both have
 * `environments list`). The unprefixed form belongs to the service listed first in
 * src/services/registry.ts, so adding a service never changes what an existing command does; every
 * command is also reachable under its service's name (`ppadmin bap environments list`).
 */
import { tableLoaders } from "../../generated/tableLoaders.js";
import type { ServiceDefinition } from "../services/definition.js";
import { services } from "../services/registry.js";
import type { SurfaceEntry } from "../client/tables.js";
import { facadeMethodNames } from "../client/facadeNames.js";

const kebabCache = new Map<string, string>();

/** `setQuarantineState` → `set-quarantine-state`; `environmentIds` → `environment-ids`. */
export function kebab(name: string): string {
  let word = kebabCache.get(name);
  if (word === undefined) kebabCache.set(name, (word = toKebab(name)));
  return word;
}

function toKebab(name: string): string {
  return name
    .replace(/^\$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .replace(/[_\s.]+/g, "-")
    .toLowerCase();
}

/** What a command of an operation does with its surface entry. */
export type CommandVariant = "call" | "list" | "wait" | "begin" | "resume";

/** One command made from one surface entry. */
export interface OperationCommand {
  /** Words after `ppadmin` in the unprefixed form (`["licensing", "billing-policies", "list"]`). */
  readonly words: readonly string[];
  readonly service: ServiceDefinition;
  readonly entry: SurfaceEntry;
  /** The facade method this command calls (`list`, `beginInstallPackage`). */
  readonly facadeMethod: string;
  readonly variant: CommandVariant;
  /** Key of the entry in the service's surface details: `group.method`. */
  readonly detailsKey: string;
  /** True when the unprefixed words run this command (no earlier service claims them). */
  readonly primary: boolean;
}

/** A node of the command tree: subcommands by word, and the command it runs, if any. */
export interface CommandNode {
  readonly children: Map<string, CommandNode>;
  command?: OperationCommand;
}

/** The command-line name of a service: its registry name in kebab-case (`power-platform`, `bap`). */
export function serviceWord(service: ServiceDefinition): string {
  return kebab(service.name);
}

/** One generated table of a service, its module imported on demand (generated/tableLoaders.ts). */
function loadersOf(service: ServiceDefinition) {
  const loaders = tableLoaders[service.module];
  if (!loaders) throw new Error(`generated/tableLoaders.ts has no module "${service.module}": run npm run generate`);
  return loaders;
}

export const loadSurface = (service: ServiceDefinition) => loadersOf(service).surface();
export const loadSurfaceDetails = (service: ServiceDefinition) => loadersOf(service).surfaceDetails();
export const loadOperations = (service: ServiceDefinition) => loadersOf(service).operations();

function variantOf(entry: SurfaceEntry, facadeMethod: string): CommandVariant {
  if (entry.kind === "begin") return facadeMethod.startsWith("resume") ? "resume" : "begin";
  return entry.kind;
}

/** The commands of one service, in its surface table's order. */
export function commandsOf(service: ServiceDefinition, surface: readonly SurfaceEntry[]): Omit<OperationCommand, "primary">[] {
  return surface.flatMap((entry) =>
    facadeMethodNames(entry).map((facadeMethod) => ({
      words: [...entry.group.map(kebab), kebab(facadeMethod)],
      service,
      entry,
      facadeMethod,
      variant: variantOf(entry, facadeMethod),
      detailsKey: [...entry.group, entry.method].join("."),
    })),
  );
}

/** Commands that are not operations. */
export const BUILTIN_COMMANDS = {
  inventory: "Every environment, app, connection, custom connector and flow of the tenant, one file per kind, resumable",
  request: "Any call on any service's host: ppadmin request <METHOD> <path-or-url>",
  emulator: "The local emulator of every service as an HTTP server, for scripts in any language",
} as const;

/** The whole command tree. */
export interface Catalog {
  readonly root: CommandNode;
  readonly commands: readonly OperationCommand[];
  readonly services: readonly ServiceDefinition[];
}

function node(): CommandNode {
  return { children: new Map() };
}

function insert(root: CommandNode, words: readonly string[], command: OperationCommand): void {
  let at = root;
  for (const word of words) {
    let next = at.children.get(word);
    if (!next) at.children.set(word, (next = node()));
    at = next;
  }
  at.command ??= command;
}

/** Builds the tree from the given surface tables (by default: every registered service's). */
export async function loadCatalog(
  registered: readonly ServiceDefinition[] = services,
  surfaces?: ReadonlyMap<ServiceDefinition, readonly SurfaceEntry[]>,
): Promise<Catalog> {
  const tables = await Promise.all(registered.map(async (service) => surfaces?.get(service) ?? (await loadSurface(service))));
  const serviceWords = new Set(registered.map(serviceWord));
  const claimed = new Set<string>();
  const commands: OperationCommand[] = [];
  registered.forEach((service, i) => {
    for (const made of commandsOf(service, tables[i]!)) {
      const key = made.words.join(" ");
      const primary = !claimed.has(key) && !(made.words[0]! in BUILTIN_COMMANDS) && !serviceWords.has(made.words[0]!);
      claimed.add(key);
      commands.push({ ...made, primary });
    }
  });
  // The tree is built when a command line is walked; `ppadmin --help` only counts the commands.
  let root: CommandNode | undefined;
  return {
    get root() {
      if (!root) {
        root = node();
        for (const command of commands) {
          if (command.primary) insert(root, command.words, command);
          insert(root, [serviceWord(command.service), ...command.words], command);
        }
      }
      return root;
    },
    commands,
    services: registered,
  };
}

/** The command that `words` (unprefixed, or after a service word) run, if any. */
export function commandAt(root: CommandNode, words: readonly string[]): OperationCommand | undefined {
  let at: CommandNode | undefined = root;
  for (const word of words) at = at?.children.get(word);
  return at?.command;
}

/** The words a command is run with: unprefixed when it is the primary owner of them. */
export function invocationOf(command: OperationCommand): string {
  return (command.primary ? command.words : [serviceWord(command.service), ...command.words]).join(" ");
}
