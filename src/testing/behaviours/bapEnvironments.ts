/**
 * BAP's admin environments are the tenant's environments (the ones every other service addresses; the
 * store reads BAP's environment paths as that collection),
 * shown in the BAP shape: list and get read them, `$expand=properties.capacity` adds storage use,
 * PATCH renames or describes one (the Power Platform API reads the new name too), and DELETE removes
 * it at once and answers 202 with a `Location` to a lifecycle operation, whose `state.id` reads
 * `Running`, then `Succeeded`.
 */
import type { OperationId } from "../../../generated/operations.js";
import { startLongRunning } from "../operations/longRunning.js";
import type { Behaviour, OperationCall } from "../operations/operationCall.js";
import { generatedRouter } from "../operations/operationRouter.js";
import type { Environment } from "../seed/wireShapes.js";
import { COLLECTION_OPERATIONS, COLLECTIONS, pathOf } from "../tenant/collections.js";
import { fillTemplate, type Doc } from "../tenant/resourceStore.js";
import { clone, jsonAnswer, notFound, serviceError, type WireAnswer } from "../http/wire.js";

const BAP_ENVIRONMENTS = COLLECTIONS.bapEnvironments;

/** Storage use per environment, stable for a given environment name. */
function capacity(environment: Environment, updatedOn: string): Doc[] {
  const seed = [...environment.id].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  const database = 200 + (seed % 3000);
  const file = 100 + ((seed >>> 8) % 2000);
  return [
    { capacityType: "Database", actualConsumption: database, ratedConsumption: database, capacityUnit: "MB", updatedOn },
    { capacityType: "File", actualConsumption: file, ratedConsumption: file, capacityUnit: "MB", updatedOn },
  ];
}

/** What only BAP records of an environment (its description), by the tenant's environment document. */
const descriptions = new WeakMap<Doc, string>();

/** The BAP view of one of the tenant's environments. */
function bapEnvironment(call: OperationCall, environment: Environment): Doc {
  const expand = (call.url.searchParams.get("$expand") ?? "").toLowerCase();
  const creator = call.state.directoryIndex.get(environment.createdBy?.id ?? "");
  const properties: Doc = {
    tenantId: environment.tenantId,
    azureRegion: environment.azureRegion,
    displayName: environment.displayName,
    description: descriptions.get(environment) ?? "",
    createdTime: environment.createdDateTime,
    createdBy: { id: environment.createdBy?.id ?? "SYSTEM", displayName: creator?.displayName ?? "SYSTEM", type: environment.createdBy?.type ?? "NotSpecified" },
    provisioningState: "Succeeded",
    environmentSku: environment.type,
    isDefault: environment.type === "Default",
    databaseType: environment.dataverseId ? "CommonDataService" : "None",
    linkedEnvironmentMetadata: { domainName: environment.domainName, instanceUrl: environment.url, version: environment.version, instanceState: environment.state },
    states: { management: { id: environment.type === "Default" ? "NotSpecified" : "Ready" }, runtime: { id: "Enabled" } },
  };
  if (expand.includes("properties.capacity")) properties.capacity = capacity(environment, call.state.time.iso());
  if (expand.includes("properties.addons")) properties.addons = [];
  return { id: `${BAP_ENVIRONMENTS}/${environment.id}`, type: "Microsoft.BusinessAppPlatform/scopes/environments", location: environment.geo, name: environment.id, properties };
}

/** The tenant's environment the path names, or 404 `EnvironmentNotFound`. */
function requireEnvironment(call: OperationCall): Environment {
  const name = call.params.environment ?? "";
  call.state.settle(BAP_ENVIRONMENTS); // lifecycle operations that have ended (the Power Platform API's too)
  const found = call.state.store.get(pathOf("environments"), name);
  if (!found) throw notFound("environment", name);
  return found as Environment;
}

const list: Behaviour = (call) => {
  call.state.settle(BAP_ENVIRONMENTS);
  const environments = call.state.store.collection(pathOf("environments"));
  const paging = call.operation.paging!;
  const present = ([key]: readonly [string, Doc]) => environments.has(key);
  const page = call.pager.page(
    { operationId: call.operation.operationId, url: call.url, body: call.body, paging, present, project: (doc) => bapEnvironment(call, doc as Environment) },
    () => [...environments.entries()],
  );
  return jsonAnswer(200, page);
};

const get: Behaviour = (call) => jsonAnswer(200, bapEnvironment(call, requireEnvironment(call)));

const update: Behaviour = (call) => {
  const environment = requireEnvironment(call);
  const changes = (call.body?.properties ?? {}) as Doc;
  if (typeof changes.displayName === "string") {
    if (changes.displayName.trim() === "") throw serviceError(400, "InvalidRequestContent", "'properties.displayName' must not be empty.");
    environment.displayName = changes.displayName;
  }
  if (typeof changes.description === "string") descriptions.set(environment, changes.description);
  return jsonAnswer(200, bapEnvironment(call, environment));
};

/** Removes the environment now; the lifecycle operation reports the delete as running for a while. */
const remove: Behaviour = (call) => {
  const environment = requireEnvironment(call);
  if (environment.type === "Default") throw serviceError(400, "CannotDeleteDefaultEnvironment", "The default environment cannot be deleted.");
  call.state.store.remove(pathOf("environments"), environment.id);
  const status = generatedRouter.route(call.operation.lro!.statusOperationId!).operation;
  const answer = startLongRunning(call, { status: 204 }, status);
  const id = new URL(answer.headers!.Location!).pathname.split("/").pop()!;
  const record = call.state.operationRecords.get(id.toLowerCase());
  if (record) record.environment = environment.id;
  return answer;
};

/**
 * The generic status answer in the lifecycle shape: `state.id`, the operation type and the
 * environment it acts on; while running, 202 with the same document (and `Location`, `Retry-After`).
 */
const lifecycle: Behaviour = (call, generic) => {
  const answer: WireAnswer = generic();
  const id = String(call.params.operationId ?? "");
  const record = call.state.operationRecords.get(id.toLowerCase());
  const running = answer.status === 202 && !answer.json;
  if (running || (answer.json && typeof answer.json === "object")) {
    const doc: Doc = running ? { id: record?.id ?? id, createdDateTime: call.state.time.iso(Number(record?.startedAt ?? 0)) } : (clone(answer.json) as Doc);
    doc.state = { id: running ? "Running" : (doc.state?.id ?? doc.status) };
    delete doc.status;
    doc.type = { id: "Delete" };
    doc.typeDisplayName = "Delete";
    doc.links = {
      self: { path: fillTemplate(call.operation.path, { ...call.params, operationId: String(doc.id) }) },
      ...(record?.environment ? { environment: { path: `/providers/Microsoft.BusinessAppPlatform/environments/${String(record.environment)}` } } : {}),
    };
    delete doc.stages;
    return { ...answer, json: doc };
  }
  return answer;
};

/** Behaviours by operation id. */
export const bapEnvironmentBehaviours = {
  "Get-AdminEnvironments": list,
  [COLLECTION_OPERATIONS.bapEnvironments]: get,
  "Set-AdminEnvironment": update,
  "Remove-AdminEnvironment": remove,
  "Get-AdminLifecycleOperation": lifecycle,
} satisfies Partial<Record<OperationId, Behaviour>>;
