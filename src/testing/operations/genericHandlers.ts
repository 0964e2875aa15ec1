/**
 * The answer of any operation that has no hand-written behaviour, from its kind in the generated
 * model: list (paged in the operation's style, OData options applied when declared), get (404
 * `<Thing>NotFound` in the service's envelope), create (POST on a collection), update (PATCH, or PUT
 * where the collection has a POST create), upsert (PUT elsewhere), delete, action (POST on a
 * resource), and read/write/erase of a single document at a path.
 */
import { clone, invalidBody, jsonAnswer, notFound, serviceError, type WireAnswer } from "../http/wire.js";
import { fromExample } from "../seed/exampleSeed.js";
import { fillTemplate, type Doc } from "../tenant/resourceStore.js";
import { downloadAnswer } from "./downloads.js";
import { applyODataQuery, selectFields } from "./odataQuery.js";
import type { OperationCall } from "./operationCall.js";

const isPlainObject = (v: unknown): v is Doc => typeof v === "object" && v !== null && !Array.isArray(v);

/** Deep merge of plain objects (arrays and scalars replace). */
export function mergeInto(target: Doc, patch: Doc): Doc {
  for (const [key, value] of Object.entries(patch)) {
    if (isPlainObject(value) && isPlainObject(target[key])) mergeInto(target[key], value);
    else target[key] = clone(value);
  }
  return target;
}

/** Checks that every resource the path names exists; 404 `<Thing>NotFound` for the first that does not. */
export function checkParents(call: OperationCall): void {
  const { state, params } = call;
  for (const parent of call.route.parents) {
    state.settle(parent.collection);
    const id = params[parent.param] ?? "";
    if (!state.store.get(fillTemplate(parent.collection, params), id, parent.collection)) throw notFound(parent.param, id);
  }
}

/** The concrete path of the operation's collection. */
export function collectionPath(call: OperationCall): string {
  return fillTemplate(call.operation.collection ?? call.operation.path, call.params);
}

/** The id the path names (its last parameter). */
export function idParam(call: OperationCall): string {
  return call.route.paramNames.at(-1) ?? "";
}

/** The item the path names, or 404. */
export function requireItem(call: OperationCall): Doc {
  const template = call.operation.collection!;
  call.state.settle(template);
  const param = idParam(call);
  const doc = call.state.store.get(collectionPath(call), call.params[param] ?? "", template);
  if (!doc) throw notFound(param, call.params[param] ?? "");
  return doc;
}

/** An answer without a resource: the behaviour switch picks among 200/202/204 when all are declared. */
export function emptyAnswer(call: OperationCall): WireAnswer {
  const statuses = call.operation.successStatuses;
  const status = [200, 202, 204].every((s) => statuses.includes(s)) ? call.state.behavior.writeActionStatus : (statuses[0] ?? 204);
  return status === 200 && (call.operation.responseHasBody || statuses.length > 2) ? jsonAnswer(200, {}) : { status };
}

function stamp(call: OperationCall, doc: Doc, created: boolean): void {
  const now = call.state.time.iso();
  if (created) for (const field of call.operation.timestamps.created) doc[field] = now;
  for (const field of call.operation.timestamps.modified) doc[field] = now;
}

function objectBody(call: OperationCall): Doc {
  if (call.body === undefined) return {};
  if (!isPlainObject(call.body)) throw invalidBody("The request body must be a JSON object.");
  return call.body;
}

function list(call: OperationCall): WireAnswer {
  const { operation, state, url } = call;
  const template = operation.collection!;
  state.settle(template);
  const collection = state.store.collection(collectionPath(call), template);
  const members = () => {
    const entries = [...collection.entries()];
    return applyODataQuery(call.filter ? entries.filter(([, doc]) => call.filter!(doc)) : entries, ([, doc]) => doc, url.searchParams, operation.queryParams);
  };
  const paging = operation.paging ?? { style: "none", itemsKey: "value", nextLinkKey: null, tokenParam: null, sizeParam: null, responseTokenKey: null };
  const project = selectFields(url.searchParams, operation.queryParams, operation.idField ?? "id");
  const present = ([key, doc]: readonly [string, Doc]) => collection.get(key) === doc;
  return jsonAnswer(200, call.pager.page({ operationId: operation.operationId, url, body: call.body, paging, present, project }, members));
}

function create(call: OperationCall): WireAnswer {
  const { operation, state } = call;
  const idField = operation.idField ?? "id";
  const body = objectBody(call);
  const id = typeof body[idField] === "string" && body[idField] !== "" ? (body[idField] as string) : state.random.guid();
  const path = collectionPath(call);
  if (state.store.get(path, id, operation.collection!)) throw serviceError(409, "Conflict", `A resource with id '${id}' already exists.`);
  const doc = mergeInto(fromExample(operation.example, state.tenantId), body);
  doc[idField] = id;
  stamp(call, doc, true);
  state.store.put(path, id, doc, operation.collection!);
  return jsonAnswer(operation.successStatuses[0] ?? 201, doc);
}

function update(call: OperationCall): WireAnswer {
  const doc = mergeInto(requireItem(call), objectBody(call));
  stamp(call, doc, false);
  return call.operation.responseHasBody ? jsonAnswer(call.operation.successStatuses[0] ?? 200, doc) : emptyAnswer(call);
}

function upsert(call: OperationCall): WireAnswer {
  const { operation, state, params } = call;
  const id = params[idParam(call)] ?? "";
  const path = collectionPath(call);
  const existing = state.store.get(path, id, operation.collection!);
  const doc: Doc = { ...objectBody(call), [operation.idField ?? "id"]: existing?.[operation.idField ?? "id"] ?? id };
  stamp(call, doc, !existing);
  state.store.put(path, id, doc, operation.collection!);
  const status = !existing && operation.successStatuses.includes(201) ? 201 : (operation.successStatuses[0] ?? 200);
  return operation.responseHasBody || status === 201 ? jsonAnswer(status, doc) : emptyAnswer(call);
}

function remove(call: OperationCall): WireAnswer {
  const doc = requireItem(call);
  call.state.store.remove(collectionPath(call), String(call.params[idParam(call)] ?? doc[call.operation.idField ?? "id"]));
  return emptyAnswer(call);
}

/** The resource an action acts on (the path without its last segment), when that is an item. */
export function actionTarget(call: OperationCall): Doc | undefined {
  const segments = call.operation.path.split("/").slice(0, -1);
  const last = segments.at(-1);
  if (!last?.startsWith("{")) return undefined;
  const template = segments.slice(0, -1).join("/");
  call.state.settle(template);
  return call.state.store.get(fillTemplate(template, call.params), call.params[last.slice(1, -1)] ?? "", template);
}

function action(call: OperationCall): WireAnswer {
  const { operation } = call;
  if (operation.returnsTarget) {
    const target = actionTarget(call);
    if (target) return jsonAnswer(operation.successStatuses[0] ?? 200, target);
  }
  return operation.responseHasBody && operation.example !== null ? jsonAnswer(operation.successStatuses[0] ?? 200, clone(operation.example)) : emptyAnswer(call);
}

function singleDocument(call: OperationCall): WireAnswer {
  const { operation, state } = call;
  const path = fillTemplate(operation.path, call.params);
  let doc = state.store.document(path);
  if (operation.kind === "erase") {
    state.store.setDocument(path, undefined);
    return emptyAnswer(call);
  }
  if (!doc) state.store.setDocument(path, (doc = fromExample(operation.example, state.tenantId)));
  if (operation.kind === "write") mergeInto(doc, objectBody(call));
  return operation.responseHasBody ? jsonAnswer(operation.successStatuses[0] ?? 200, doc) : emptyAnswer(call);
}

const byKind: Record<string, (call: OperationCall) => WireAnswer> = {
  list,
  get: (call) => jsonAnswer(call.operation.successStatuses[0] ?? 200, requireItem(call)),
  create,
  update,
  upsert,
  delete: remove,
  action,
  read: singleDocument,
  write: singleDocument,
  erase: singleDocument,
};

/** The generic answer of an operation (parents checked first). */
export function serveGeneric(call: OperationCall): WireAnswer {
  checkParents(call);
  if (call.operation.download) return downloadAnswer(call);
  return byKind[call.operation.kind]!(call);
}
