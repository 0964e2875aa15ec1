/**
 * Builds a client's facade from its surface table: one plain object per group, one function per
 * method, each a thin call into the {@link ServiceRuntime} chosen by the entry's kind. The facade's
 * types are the generated interfaces of the same table (generated/<service>.surface.ts).
 */
import type { SurfaceEntry } from "./tables.js";
import { valueAtPath } from "../core/dottedPath.js";
import { pollUntilDone } from "../core/poller.js";
import { facadeMethodNames } from "./facadeNames.js";
import { explainConflict } from "./operationInProgress.js";
import { OperationPoller } from "./operationPoller.js";
import type { ServiceRuntime } from "./serviceRuntime.js";

type Node = Record<string, unknown>;

function checkMilliseconds(method: string, name: string, value: unknown): number | undefined {
  if (value !== undefined && !(typeof value === "number" && value >= 0 && Number.isFinite(value))) {
    throw new RangeError(`${method}: "${name}" must be a non-negative number of milliseconds.`);
  }
  return value as number | undefined;
}

/** Polls the entry's GET until its field reads one of the final values (case-insensitive). */
function waitMethod(runtime: ServiceRuntime, entry: SurfaceEntry) {
  const { field, values, timeoutInMs: defaultTimeout } = entry.waitUntil!;
  const settled = new Set(values.map((v) => v.toLowerCase()));
  return async (args: unknown) => {
    const { abortSignal, pollIntervalInMs, timeoutInMs, ...path } = (args ?? {}) as Node;
    const interval = checkMilliseconds(entry.method, "pollIntervalInMs", pollIntervalInMs);
    const timeout = checkMilliseconds(entry.method, "timeoutInMs", timeoutInMs);
    return pollUntilDone(
      async (signal) => {
        const { data } = await runtime.call<unknown>(entry.operationId, { ...path, abortSignal: signal });
        return { done: settled.has(String(valueAtPath(data, field)).toLowerCase()), value: data };
      },
      {
        clock: runtime.clock,
        intervalInMs: interval ?? runtime.pollIntervalInMs,
        abortSignal: abortSignal as AbortSignal | undefined,
        timeoutInMs: timeout ?? defaultTimeout,
        what: `${entry.method} (${entry.operationId} ${Object.values(path).join(" ")})`,
      },
    );
  };
}

/** The functions one surface entry contributes, by facade name. */
function methodsOf(runtime: ServiceRuntime, entry: SurfaceEntry): [string, Function][] {
  const [name, second] = facadeMethodNames(entry);
  switch (entry.kind) {
    case "call":
      return [[name!, async (args?: unknown) => (await runtime.call(entry.operationId, args)).data]];
    case "list":
      return [[name!, (args?: unknown) => runtime.list(entry.operationId, args)]];
    case "wait":
      return [[name!, waitMethod(runtime, entry)]];
    case "begin": {
      // The operation's table entry is looked up when the method is used, not when the facade is built.
      const operation = () => runtime.entry(entry.operationId);
      const begin = async (args?: unknown) => {
        const pathArgs = Object.fromEntries(operation().pathParams.map((p) => [p, String((args as Node)?.[p])]));
        const { data, response } = await runtime.call<unknown>(entry.operationId, args).catch(async (error: unknown) => {
          throw await explainConflict(runtime, operation(), entry.method, pathArgs, error, (args as Node)?.abortSignal as AbortSignal | undefined);
        });
        const state = OperationPoller.stateFromStart(runtime, operation(), entry.method, pathArgs, response, data);
        return new OperationPoller(runtime, operation(), state, OperationPoller.firstWait(response));
      };
      const resume = (serialized: string) => new OperationPoller(runtime, operation(), OperationPoller.parseState(serialized, entry.method));
      return [[name!, begin], [second!, resume]];
    }
  }
}

/** The facade object of a client: nested groups of methods, exactly as the surface table lists them. */
export function buildFacade(runtime: ServiceRuntime, surface: readonly SurfaceEntry[]): Node {
  const root: Node = {};
  for (const entry of surface) {
    let node = root;
    for (const group of entry.group) node = (node[group] ??= {}) as Node;
    for (const [name, fn] of methodsOf(runtime, entry)) Object.defineProperty(node, name, { value: fn, enumerable: true });
  }
  return root;
}
