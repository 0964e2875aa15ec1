/**
 * Tenant-wide BAP documents: the tenant settings (read with a POST, changed by a partial update that
 * merges what it is sent and answers every setting), and the tenant isolation policy (404 until one
 * has been set; a PUT replaces it).
 */
import type { OperationId } from "../../../generated/operations.js";
import { mergeInto } from "../operations/genericHandlers.js";
import type { Behaviour, OperationCall } from "../operations/operationCall.js";
import { generatedRouter } from "../operations/operationRouter.js";
import { fillTemplate, type Doc } from "../tenant/resourceStore.js";
import { clone, invalidBody, jsonAnswer } from "../http/wire.js";

/** The operation that reads the settings; the settings document lives at its path. */
const READ_SETTINGS = "Get-TenantSettings" satisfies OperationId;
const SETTINGS_PATH = generatedRouter.route(READ_SETTINGS).operation.path;

function settings(call: OperationCall): Doc {
  const { store } = call.state;
  let doc = store.document(SETTINGS_PATH);
  if (!doc) store.setDocument(SETTINGS_PATH, (doc = clone((generatedRouter.route(READ_SETTINGS).operation.example ?? {}) as Doc)));
  return doc;
}

const getSettings: Behaviour = (call) => jsonAnswer(200, settings(call));

const updateSettings: Behaviour = (call) => {
  if (typeof call.body !== "object" || call.body === null || Array.isArray(call.body)) throw invalidBody("The request body must be a JSON object.");
  return jsonAnswer(200, mergeInto(settings(call), call.body as Doc));
};

const isolationPath = (call: OperationCall) => fillTemplate(call.operation.path, call.params);

const getIsolation: Behaviour = (call) => {
  const doc = call.state.store.document(isolationPath(call));
  // The spec declares the 404 without a body: no public capture of one exists.
  return doc ? jsonAnswer(200, doc) : { status: 404 };
};

const setIsolation: Behaviour = (call) => {
  const body = call.body as Doc;
  const properties = clone((body.properties ?? body) as Doc);
  properties.tenantId ??= call.params.tenantId;
  const doc: Doc = { id: isolationPath(call), properties };
  call.state.store.setDocument(isolationPath(call), doc);
  return jsonAnswer(200, doc);
};

/** Behaviours by operation id. */
export const tenantGovernanceBehaviours = {
  [READ_SETTINGS]: getSettings,
  "Set-TenantSettings": updateSettings,
  "Get-TenantIsolationPolicy": getIsolation,
  "Set-TenantIsolationPolicy": setIsolation,
} satisfies Partial<Record<OperationId, Behaviour>>;
