/**
 * Environment management settings: one record per environment, read by the generic list (with
 * `$select`) and written by create (POST) and update (PATCH), both merging the settings given.
 * Both writes answer the service's envelope, `{objectResult, responseMessage, errors}`.
 */
import { checkParents, collectionPath, mergeInto } from "../operations/genericHandlers.js";
import type { Behaviour, OperationCall } from "../operations/operationCall.js";
import type { Doc } from "../tenant/resourceStore.js";
import { invalidBody, jsonAnswer } from "../http/wire.js";

function settingsOf(call: OperationCall): Map<string, Doc> {
  checkParents(call);
  return call.state.store.collection(collectionPath(call), call.operation.collection ?? call.operation.path);
}

function writtenBody(call: OperationCall): Doc {
  const body = call.body;
  if (!body || typeof body !== "object" || Array.isArray(body)) throw invalidBody("The request body must be a JSON object of settings.");
  return body as Doc;
}

const envelope = (objectResult: unknown) => jsonAnswer(200, { objectResult, responseMessage: null, errors: null });

const create: Behaviour = (call) => {
  const records = settingsOf(call);
  const body = writtenBody(call);
  // Every environment of the emulator starts with a record (seeded from the spec's example), so a
  // create writes over it rather than answering 409 every time.
  const current = [...records.values()][0];
  if (current) {
    mergeInto(current, body);
    return envelope(String(current.id ?? call.params.environmentId));
  }
  const id = call.params.environmentId ?? call.state.random.guid();
  records.set(id.toLowerCase(), { id, tenantId: call.state.tenantId, ...body });
  return envelope(id);
};

const update: Behaviour = (call) => {
  const records = settingsOf(call);
  const body = writtenBody(call);
  const current = [...records.values()][0];
  if (!current) {
    const id = call.params.environmentId ?? call.state.random.guid();
    records.set(id.toLowerCase(), { id, tenantId: call.state.tenantId, ...body });
    return envelope({ id, ...body });
  }
  mergeInto(current, body);
  return envelope(current);
};

/** Behaviours by operation id. */
export const environmentSettingsBehaviours: Record<string, Behaviour> = {
  CreateEnvironmentManagementSettings: create,
  UpdateEnvironmentManagementSettings: update,
};
