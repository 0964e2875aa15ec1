/**
 * Long-running operations answered the way the spec declares them: the operation's effect happens,
 * the answer is 202 with `Operation-Location` (or `Location`) pointing at the spec's status
 * operation, and that status (in the field the spec's `x-ppadmin.poll.statusField` names, `status` by
 * default) reads `Running` until `operationDurationInMs` has passed on the emulator clock, then
 * `Succeeded`. With `final-state-via: location` the status URL answers 202 while running.
 */
import type { EmulatorOperation } from "../../../generated/emulator-model.js";
import { clone, jsonAnswer, notFound, type WireAnswer } from "../http/wire.js";
import { fillTemplate, type Doc } from "../tenant/resourceStore.js";
import type { OperationCall } from "./operationCall.js";

/** What the emulator remembers of a started operation. */
export interface OperationRecord extends Doc {
  id: string;
  startedAt: number;
  durationMs: number;
  via: string;
  /** The dotted field of the status document that holds the status. */
  statusField: string;
  /** The effect's answer body, shown as the result once done. */
  result: unknown;
}

/** The status URL of an operation id, on the status operation's route and default api-version. */
export function statusUrl(call: OperationCall, statusPath: string, statusApiVersion: string, id: string): string {
  const last = [...statusPath.matchAll(/\{([^}]+)\}/g)].at(-1)?.[1] ?? "operationId";
  const url = new URL(`${call.baseUrl}${fillTemplate(statusPath, { ...call.params, [last]: encodeURIComponent(id) })}`);
  url.searchParams.set("api-version", statusApiVersion);
  return url.toString();
}

/** Seconds a client should wait before polling, from the time left. */
export function retryAfterSeconds(remainingMs: number): string {
  return String(Math.max(1, Math.ceil(remainingMs / 1000)));
}

/** Starts an operation whose effect already produced `effect`; answers 202 with a link to `status`. */
export function startLongRunning(call: OperationCall, effect: WireAnswer, status: EmulatorOperation): WireAnswer {
  const { operation, state } = call;
  if (effect.status >= 300) return effect;
  const id = state.random.guid();
  const record: OperationRecord = { id, startedAt: state.time.now(), durationMs: state.options.operationDurationInMs, via: operation.lro!.via, statusField: operation.lro!.statusField, result: effect.json };
  state.operationRecords.set(id.toLowerCase(), record);
  const header = operation.lro!.via === "location" ? "Location" : "Operation-Location";
  const accepted = operation.successStatuses.includes(202) ? 202 : effect.status;
  return { status: accepted, headers: { [header]: statusUrl(call, status.path, status.defaultApiVersion, id), "Retry-After": retryAfterSeconds(record.durationMs / 2) } };
}

/** Sets a dotted field, creating the objects on the way. */
function setField(doc: Doc, dotted: string, value: unknown): void {
  const keys = dotted.split(".");
  let node = doc;
  for (const key of keys.slice(0, -1)) node = typeof node[key] === "object" && node[key] !== null ? node[key] : (node[key] = {});
  node[keys.at(-1)!] = value;
}

/** The answer of a status operation: the status document as of now. */
export function serveStatus(call: OperationCall): WireAnswer {
  const param = call.route.paramNames.at(-1) ?? "operationId";
  const id = call.params[param] ?? "";
  const record = call.state.operationRecords.get(id.toLowerCase()) as OperationRecord | undefined;
  if (!record || record.startedAt === undefined) throw notFound(param, id);
  const { state, operation } = call;
  const now = state.time.now();
  const end = record.startedAt + record.durationMs;
  const done = now >= end;
  const doc: Doc = operation.example && typeof operation.example === "object" ? clone(operation.example as Doc) : {};
  doc[operation.idField && operation.idField !== "id" ? operation.idField : "id"] = record.id;
  setField(doc, record.statusField, done ? "Succeeded" : "Running");
  for (const field of operation.timestamps.created) doc[field] = state.time.iso(record.startedAt);
  for (const field of operation.timestamps.modified) doc[field] = state.time.iso(done ? end : now);
  if (!done && record.via === "location") return { status: 202, headers: { Location: call.url.toString(), "Retry-After": retryAfterSeconds(end - now) } };
  return jsonAnswer(200, doc, done ? undefined : { "Retry-After": retryAfterSeconds(end - now) });
}
