/**
 * Writes the TypeScript interfaces of one client's facade from its surface table: one interface
 * per group (`BillingPoliciesOperations`), each method typed from the generated `operations` and
 * documented from the spec's summary and description, so editors show the spec's words on hover.
 * Interface names are unique across the specs passed the same `taken` set, in generation order.
 */
import { facadeMethodNames } from "../../src/client/facadeNames.js";
import { ownedQueryParams } from "../../src/client/listPaging.js";
import { argumentNameOf } from "../../src/client/operationArguments.js";
import type { OperationEntry } from "../../src/client/tables.js";
import type { BuiltSurfaceEntry as SurfaceEntry } from "./surfaceTable.js";

const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface GroupNode {
  path: string[];
  children: Map<string, GroupNode>;
  entries: SurfaceEntry[];
}

function tree(entries: readonly SurfaceEntry[]): GroupNode {
  const root: GroupNode = { path: [], children: new Map(), entries: [] };
  for (const entry of entries) {
    let node = root;
    for (const name of entry.group) {
      let child = node.children.get(name);
      if (!child) node.children.set(name, (child = { path: [...node.path, name], children: new Map(), entries: [] }));
      node = child;
    }
    node.entries.push(entry);
  }
  return root;
}

function docComment(lines: string[], indent: string): string {
  const body = lines.flatMap((l) => l.replace(/\*\//g, "*\\/").split("\n"));
  return `${indent}/**\n${body.map((l) => `${indent} * ${l}`.trimEnd()).join("\n")}\n${indent} */\n`;
}

function methodSource(entry: SurfaceEntry, table: Readonly<Record<string, OperationEntry>>): string {
  const op = `Op<${JSON.stringify(entry.operationId)}>`;
  const q = entry.argumentsOptional ? "?" : "";
  const text = [`${entry.summary}${entry.summary.endsWith(".") ? "" : "."} (${entry.operationId})`];
  if (entry.description && entry.kind !== "wait") text.push("", entry.description);
  const [first, second] = facadeMethodNames(entry);
  // x-ppadmin.flags: boolean arguments that send a fixed query value.
  const flags = Object.entries(table[entry.operationId]?.queryFlags ?? {});
  const flagged = (args: string) =>
    flags.length === 0 ? args : `${args} & { ${flags.map(([name, f]) => `/** \`true\` sends \`${f.param}=${f.value}\`. */ ${name}?: boolean`).join("; ")} }`;
  switch (entry.kind) {
    case "call":
      return docComment(text, "  ") + `  ${first}(args${q}: ${flagged(`ArgsOf<${op}>`)}): Promise<CallResultOf<${op}>>;\n`;
    case "list": {
      const operation = table[entry.operationId];
      const owned = (operation ? ownedQueryParams(operation) : []).map((p) => JSON.stringify(argumentNameOf(p)));
      const paging = operation?.paging;
      const within = paging && (paging.style === "continuationToken" || paging.style === "pageNumber") ? paging.itemsWithin : null;
      const itemKey =
        within !== null ? `, ${JSON.stringify(operation?.itemName ?? "value")}, ${JSON.stringify(within)}` : operation?.itemName && operation.itemName !== "value" ? `, ${JSON.stringify(operation.itemName)}` : "";
      return docComment(text, "  ") + `  ${first}(args${q}: ${flagged(`ListArgsOf<${op}${owned.length ? `, ${owned.join(" | ")}` : ""}>`)}): PagedAsyncIterableIterator<ItemOf<${op}${itemKey}>>;\n`;
    }
    case "wait": {
      const w = entry.waitUntil!;
      const doc = [
        `Polls ${entry.operationId} until \`${w.field}\` is ${w.values.map((v) => `\`${v}\``).join(" or ")}, and returns the last answer.`,
        `Gives up after \`timeoutInMs\` (default ${w.timeoutInMs} ms) with code \`Timeout\`; aborting or timing out stops the waiting only.`,
      ];
      return docComment(doc, "  ") + `  ${first}(args${q}: WaitArgsOf<${op}>): Promise<ResultOf<${op}>>;\n`;
    }
    case "begin": {
      const statusOperation = table[entry.operationId]?.poll?.operationId;
      const status = statusOperation ? `ResultOf<Op<${JSON.stringify(statusOperation)}>>` : "OperationStatusDocument";
      return (
        docComment([...text, "", "Sends the request once and returns a poller for the long-running operation; `toString()` saves it."], "  ") +
        `  ${first}(args${q}: ArgsOf<${op}>): Promise<OperationPoller<${status}>>;\n` +
        docComment([`A poller for an operation started by \`${first}\`, from its \`toString()\`. Sends nothing until polled.`], "  ") +
        `  ${second}(serializedState: string): OperationPoller<${status}>;\n`
      );
    }
  }
}

/**
 * Interface name of a group: `Operations` after its last segment, or its whole path when that clashes
 * within the spec or with a name another spec's facade module already exports (`taken`), since
 * `src/index.ts` re-exports every facade module.
 */
function namer(root: GroupNode, rootName: string, taken: ReadonlySet<string>): (node: GroupNode) => string {
  const counts = new Map<string, number>();
  const visit = (node: GroupNode) => {
    for (const child of node.children.values()) {
      const name = pascal(child.path.at(-1)!);
      counts.set(name, (counts.get(name) ?? 0) + 1);
      visit(child);
    }
  };
  visit(root);
  const clashes = (name: string) => (counts.get(name) ?? 0) > 1 || taken.has(`${name}Operations`);
  return (node) => (node.path.length === 0 ? rootName : `${clashes(pascal(node.path.at(-1)!)) ? node.path.map(pascal).join("") : pascal(node.path.at(-1)!)}Operations`);
}

/** The facade interfaces of one service, as module source (types only). */
export function facadeInterfacesSource(
  module: string,
  rootName: string,
  entries: readonly SurfaceEntry[],
  table: Readonly<Record<string, OperationEntry>>,
  taken: Set<string> = new Set(),
): string {
  const root = tree(entries);
  const nameOf = namer(root, rootName, taken);
  const out: string[] = [];
  const interfaceNames: string[] = [];
  const emit = (node: GroupNode) => {
    let body = "";
    for (const [name, child] of node.children) {
      body += docComment([`The \`${[...child.path].join(".")}\` operations.`], "  ") + `  readonly ${name}: ${nameOf(child)};\n`;
    }
    for (const entry of node.entries) body += methodSource(entry, table);
    const what = node.path.length === 0 ? `Every group and method of the client, from the spec's \`x-ppadmin\` extensions.` : `Methods of \`${node.path.join(".")}\`.`;
    const interfaceName = nameOf(node);
    interfaceNames.push(interfaceName);
    out.push(`/** ${what} */\nexport interface ${interfaceName} {\n${body}}\n`);
    for (const child of node.children.values()) emit(child);
  };
  emit(root);
  for (const name of interfaceNames) taken.add(name);
  const body = out.join("\n");
  const used = (names: string[]) => names.filter((n) => new RegExp(`\\b${n}\\b`).test(body));
  const imports = [
    `import type { operations } from "./${module}.js";`,
    `import type { ${used(["ArgsOf", "CallResultOf", "ItemOf", "ListArgsOf", "ResultOf", "WaitArgsOf"]).join(", ")} } from "../src/client/facadeTypes.js";`,
  ];
  const pollerTypes = used(["OperationPoller", "OperationStatusDocument"]);
  if (pollerTypes.length > 0) imports.push(`import type { ${pollerTypes.join(", ")} } from "../src/client/operationPoller.js";`);
  if (used(["PagedAsyncIterableIterator"]).length > 0) imports.push(`import type { PagedAsyncIterableIterator } from "../src/core/paging.js";`);
  return `${imports.join("\n")}\n\ntype Op<K extends keyof operations> = operations[K];\n\n${body}`;
}
