/**
 * Data-subject requests (workflowsagent) beyond storage. The export reads and the deletes share their
 * collections, so a deleted approval, connection, flow or prompt is gone from the reads, and deleting
 * a flow takes its runs and run history with it: its run list answers 404 (the flow is the runs'
 * parent) and so does its run history, which the store would otherwise seed anew. Ids that the
 * reference types as GUIDs, and connections not named `apiName/connectionName`, answer 400 on delete,
 * as the service documents.
 */
import { checkParents } from "../operations/genericHandlers.js";
import type { OperationId } from "../../../generated/operations.js";
import type { Behaviour, OperationCall } from "../operations/operationCall.js";
import { invalidBody, notFound } from "../http/wire.js";
import { COLLECTIONS } from "../tenant/collections.js";

const FLOWS = COLLECTIONS.dsrFlows;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 400 unless the path parameter is a GUID. */
function requireGuid(call: OperationCall, param: string): void {
  const value = call.params[param] ?? "";
  if (!GUID.test(value)) throw invalidBody(`'${param}' must be a GUID; got '${value}'.`);
}

/** The generic answer once `param` is a GUID. */
const guidChecked = (param: string): Behaviour => (call, generic) => {
  requireGuid(call, param);
  return generic();
};

/** 400 unless the connection is named `apiName/connectionName`. */
const connectionChecked: Behaviour = (call, generic) => {
  const value = call.params.connectionIdentifier ?? "";
  if (!/^[^/]+\/[^/]+$/.test(value)) throw invalidBody(`'connectionIdentifier' must be 'apiName/connectionName'; got '${value}'.`);
  return generic();
};

/** A run's history exists only while its flow does. */
const runHistory: Behaviour = (call, generic) => {
  requireGuid(call, "flowId");
  checkParents(call);
  call.state.settle(FLOWS);
  const flowId = call.params.flowId ?? "";
  if (!call.state.store.get(FLOWS, flowId, FLOWS)) throw notFound("flowId", flowId);
  return generic();
};

/** Behaviours by operation id. */
export const dataSubjectRequestBehaviours = {
  DeleteApproval: guidChecked("approvalId"),
  DeleteConnection: connectionChecked,
  DeleteFlow: guidChecked("flowId"),
  DeletePrompt: guidChecked("promptId"),
  GetRunHistoryData: runHistory,
} satisfies Partial<Record<OperationId, Behaviour>>;
