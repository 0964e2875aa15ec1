/**
 * Advisor action metadata is a JSON schema per scenario and action, not a stored resource: any
 * scenario's action answers with the spec's example schema.
 */
import { checkParents } from "../operations/genericHandlers.js";
import type { OperationId } from "../../../generated/operations.js";
import type { Behaviour } from "../operations/operationCall.js";
import { clone, jsonAnswer } from "../http/wire.js";

const actionSchema: Behaviour = (call) => {
  checkParents(call);
  return jsonAnswer(200, clone(call.operation.example ?? { type: "object" }));
};

/** Behaviours by operation id. */
export const advisorBehaviours = { GetActionSchema: actionSchema } satisfies Partial<Record<OperationId, Behaviour>>;
