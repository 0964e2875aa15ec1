/**
 * Environment management settings: update (PATCH) merges the settings given into the environment's
 * record, which the generic list reads back (with `$select`), and answers the service's envelope
 * `{objectResult, responseMessage, errors}`. Create (POST) is the generic create.
 */
import { checkParents, collectionPath, mergeInto } from "../operations/genericHandlers.js";
import type { OperationId } from "../../../generated/operations.js";
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
export const environmentSettingsBehaviours = {
  UpdateEnvironmentManagementSettings: update,
} satisfies Partial<Record<OperationId, Behaviour>>;
