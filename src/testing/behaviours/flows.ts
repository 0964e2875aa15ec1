/**
 * Cloud flows beyond storage. A flow turned off reads back `Stopped`, turned on `Started` (which
 * also clears a suspension). A deleted flow stays, soft-deleted (`Deleted`): the list shows it only
 * with `include=softDeletedFlows`, the other actions no longer find it, and restore brings it back
 * turned off. Deleting an unknown or already deleted flow answers 204 (nothing deleted), as the
 * service does. Cancelling a run that is still going marks it `Cancelled`; a finished run is left as
 * it is.
 */
import type { OperationId } from "../../../generated/operations.js";
import { checkParents, emptyAnswer } from "../operations/genericHandlers.js";
import type { Behaviour, OperationCall } from "../operations/operationCall.js";
import { COLLECTIONS, pathOf } from "../tenant/collections.js";
import type { Doc } from "../tenant/resourceStore.js";
import { serviceError } from "../http/wire.js";

const DELETED = "Deleted";
const isDeleted = (flow: Doc) => flow.properties?.state === DELETED;

/** The flow the path names, soft-deleted or not (undefined when there is none). */
function findFlow(call: OperationCall): Doc | undefined {
  checkParents(call);
  const { environment = "", flowName = "" } = call.params;
  return call.state.store.get(pathOf("flows", { environment }), flowName);
}

function flowNotFound(call: OperationCall): Error {
  return serviceError(404, "FlowNotFound", `Could not find flow '${call.params.flowName ?? ""}'.`);
}

/** The flow the path names; 404 `FlowNotFound` when there is none or it is soft-deleted. */
export function requireLiveFlow(call: OperationCall): Doc {
  const flow = findFlow(call);
  if (!flow || isDeleted(flow)) throw flowNotFound(call);
  return flow;
}

function setState(call: OperationCall, flow: Doc, state: string): void {
  flow.properties ??= {};
  flow.properties.state = state;
  if (state !== "Suspended") flow.properties.flowSuspensionReason = "None";
  flow.properties.lastModifiedTime = call.state.time.iso();
}

const list: Behaviour = (call, generic) => {
  const include = (call.url.searchParams.get("include") ?? "").split(",").map((s) => s.trim().toLowerCase());
  if (!include.includes("softdeletedflows")) call.filter = (flow) => !isDeleted(flow);
  return generic();
};

const enable: Behaviour = (call) => {
  setState(call, requireLiveFlow(call), "Started");
  return emptyAnswer(call);
};

const disable: Behaviour = (call) => {
  setState(call, requireLiveFlow(call), "Stopped");
  return emptyAnswer(call);
};

const remove: Behaviour = (call) => {
  const flow = findFlow(call);
  if (!flow || isDeleted(flow)) return { status: 204 };
  setState(call, flow, DELETED);
  return emptyAnswer(call);
};

const restore: Behaviour = (call) => {
  const flow = findFlow(call);
  if (!flow) throw flowNotFound(call);
  if (isDeleted(flow)) setState(call, flow, "Stopped");
  return emptyAnswer(call);
};

const cancelRun: Behaviour = (call) => {
  checkParents(call);
  const { runName = "" } = call.params;
  call.state.settle(COLLECTIONS.flowRuns);
  const run = call.state.store.get(pathOf("flowRuns", call.params), runName, COLLECTIONS.flowRuns);
  if (!run) throw serviceError(404, "WorkflowRunNotFound", `The workflow run '${runName}' could not be found.`);
  if (["Running", "Waiting"].includes(String(run.properties?.status))) {
    run.properties.status = "Cancelled";
    run.properties.endTime = call.state.time.iso();
  }
  return emptyAnswer(call);
};

/** Behaviours by operation id. */
export const flowBehaviours = {
  "Get-AdminFlows": list,
  "Enable-AdminFlow": enable,
  "Disable-AdminFlow": disable,
  "Remove-AdminFlow": remove,
  "Restore-AdminFlow": restore,
  "Stop-FlowRun": cancelRun,
} satisfies Partial<Record<OperationId, Behaviour>>;
