/**
 * README.md's code blocks as the README test runs them: extracted in order, with "<placeholder>" ids
 * replaced by values from the emulator's state and the package's own imports pointed at src/.
 * The conventions are described at the top of readme.test.ts.
 */
import { readFileSync } from "node:fs";
import type { Emulator } from "../../src/testing/index.js";

/** One fenced block of the README. */
export interface ReadmeBlock {
  /** `ts`, `sh`, … (the info string's first word). */
  lang: string;
  /** 1-based README line of the first code line. */
  line: number;
  code: string;
}

/** Every fenced code block of a Markdown file, in order. */
export function readmeBlocks(path: string): ReadmeBlock[] {
  const lines = readFileSync(path, "utf8").split("\n");
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)/.exec(lines[i]!);
    if (!open) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end]!.startsWith("```")) end++;
    blocks.push({ lang: open[1]!, line: start + 1, code: lines.slice(start, end).join("\n") });
    i = end;
  }
  return blocks;
}

/** A placeholder's value, read from the emulator the block will run against. */
type Resolver = (emulator: Emulator) => string;

/** The default environment and its first app that has an owner and is shared with someone else. */
function sharedApp(emulator: Emulator) {
  const environment = emulator.state.environments[0]!.name;
  for (const app of emulator.state.apps(environment)) {
    const roles = emulator.state.appRoleAssignments(environment, app.name);
    const shared = roles.find((r) => r.properties?.roleName !== "Owner");
    if (app.properties?.owner?.id && shared) return { environment, app, shared };
  }
  throw new Error(`no app in ${environment} is shared with a non-owner: pick another seed for the README test`);
}

/**
 * Every placeholder the README may use, and where its value comes from. Add one here when a new
 * README block needs it (the test fails naming any placeholder it does not know).
 */
export const PLACEHOLDERS: Record<string, Resolver> = {
  tenantId: (e) => e.state.tenantId,
  "environment name": (e) => sharedApp(e).environment,
  "app name": (e) => sharedApp(e).app.name,
  "object id": (e) => e.state.users.find((u) => u.id !== sharedApp(e).app.properties?.owner?.id)!.id,
  "group id": (e) => e.state.directory.find((d) => d.type === "Group")!.id,
  "role assignment id": (e) => sharedApp(e).shared.name!,
  "subscription id": () => "7d3c9f0e-2b1a-4c5d-8e6f-0a1b2c3d4e5f",
  "client id": () => "0f3a6b2c-9d8e-4f1a-b2c3-d4e5f6a7b8c9",
  "environment guid": (e) => e.state.environments[1]!.name,
  "flow name": (e) => e.state.flows(sharedApp(e).environment).find((f) => f.properties?.state === "Started")!.name,
  "deleted flow name": (e) => e.state.flows(sharedApp(e).environment, { includeSoftDeleted: true }).find((f) => f.properties?.state === "Deleted")!.name,
  "bot id": () => "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", // any id names a Copilot Studio agent in the emulator
};

/** The "<…>" placeholders inside the double-quoted strings of `code` (generics like `Array<T>` are not in quotes). */
export function placeholdersIn(code: string): string[] {
  const names = new Set<string>();
  for (const literal of code.match(/"(?:[^"\\\n]|\\.)*"/g) ?? []) {
    for (const match of literal.matchAll(/<([A-Za-z][\w .-]*)>/g)) names.add(match[1]!);
  }
  return [...names];
}

/** `code` with its placeholders filled in from `emulator` and the package's imports pointed at `srcDir` (relative, ending in "/"). */
export function runnableSource(code: string, emulator: Emulator, srcDir: string): string {
  const unknown = placeholdersIn(code).filter((name) => !(name in PLACEHOLDERS));
  if (unknown.length > 0) {
    throw new Error(`README placeholder(s) ${unknown.map((n) => `"<${n}>"`).join(", ")} not known: add them to PLACEHOLDERS in test/readme/readmeBlocks.ts`);
  }
  const filled = code.replace(/"(?:[^"\\\n]|\\.)*"/g, (literal) =>
    literal.replace(/<([A-Za-z][\w .-]*)>/g, (_whole, name: string) => PLACEHOLDERS[name]!(emulator)),
  );
  return filled.replace(/from "power-platform-admin(\/[\w-]+)?"/g, (_whole, entry: string | undefined) => `from "${srcDir}${entry ? `${entry.slice(1)}/` : ""}index.js"`);
}
