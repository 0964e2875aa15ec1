/**
 * Copilot Studio agents beyond storage. The API lists no bots, so any bot id names an agent until it
 * is deleted: after that every operation on the agent (its `{BotId}`, or `{AgentId}` for channel
 * downloads) answers 404 `BotNotFound`. Quarantine and unquarantine write the flag (with the
 * emulator's time) that the quarantine read returns. Running a test set records a run
 * that the run reads and the snapshot download find; the emulator evaluates at once, so the stored
 * run is `Completed` while the start answer still says `Queued`, as the service's does. The channel
 * manifest download is a ZIP with `manifest.json` (and `agent-schema.json` when asked for).
 */
import { emulatorModel } from "../../../generated/emulator-model.js";
import { checkParents } from "../operations/genericHandlers.js";
import { downloadAnswer, type ArchiveFile } from "../operations/downloads.js";
import type { OperationId } from "../../../generated/operations.js";
import type { Behaviour, OperationCall } from "../operations/operationCall.js";
import { fillTemplate, type Doc } from "../tenant/resourceStore.js";
import { jsonAnswer, serviceError } from "../http/wire.js";
import { COLLECTIONS } from "../tenant/collections.js";

/** Where the emulator keeps the ids of deleted agents of an environment (not a route of the API). */
const deletedBots = (call: OperationCall) => call.state.store.claim(`/copilotstudio/environments/${call.params.EnvironmentId ?? ""}/deletedBots`);

const botIdOf = (call: OperationCall) => call.params.BotId ?? call.params.AgentId ?? "";

/** 404 `BotNotFound` when the agent the call names was deleted. */
function requireBot(call: OperationCall): void {
  const id = botIdOf(call);
  if (deletedBots(call).has(id.toLowerCase())) throw serviceError(404, "BotNotFound", `The bot '${id}' could not be found in environment '${call.params.EnvironmentId ?? ""}'.`);
}

/** The concrete path of the document at `template` (e.g. the agent's botQuarantine). */
const documentPath = (call: OperationCall, template: string) => fillTemplate(template, call.params);

const QUARANTINE = COLLECTIONS.botQuarantine;
const TEST_RUNS = COLLECTIONS.makerTestRuns;
const TEST_SETS = COLLECTIONS.makerTestSets;

function setQuarantine(quarantined: boolean): Behaviour {
  return (call) => {
    checkParents(call);
    requireBot(call);
    const doc: Doc = { isBotQuarantined: quarantined, lastUpdateTimeUtc: call.state.time.iso() };
    call.state.store.setDocument(documentPath(call, QUARANTINE), doc);
    return jsonAnswer(200, { ...doc });
  };
}

const deleteBot: Behaviour = (call, generic) => {
  requireBot(call);
  const answer = generic();
  deletedBots(call).set(botIdOf(call).toLowerCase(), { id: botIdOf(call), deletedAt: call.state.time.iso() });
  return answer;
};

const runTestSet: Behaviour = (call) => {
  checkParents(call);
  requireBot(call);
  const { state, params } = call;
  const testSet = state.store.get(documentPath(call, TEST_SETS), params.TestSetId ?? "", TEST_SETS);
  const now = state.time.iso();
  const id = state.random.guid();
  const total = typeof testSet?.totalTestCases === "number" ? testSet.totalTestCases : 0;
  const name = typeof call.body?.evaluationRunName === "string" ? call.body.evaluationRunName : `${String(testSet?.displayName ?? "Test set")} - ${now}`;
  const run: Doc = {
    id,
    name,
    environmentId: params.EnvironmentId,
    cdsBotId: params.BotId,
    testSetId: params.TestSetId,
    ownerId: state.directoryIndex.ofType("ServicePrincipal")[0]?.id ?? state.tenantId,
    ...(typeof call.body?.mcsConnectionId === "string" && { mcsConnectionId: call.body.mcsConnectionId }),
    state: "Completed",
    startTime: now,
    endTime: now,
    totalTestCases: total,
    testCasesResults: [],
  };
  state.store.put(documentPath(call, TEST_RUNS), id, run, TEST_RUNS);
  const link = new URL(`${call.baseUrl}${documentPath(call, TEST_RUNS)}/${id}`);
  link.searchParams.set("api-version", call.apiVersion);
  return jsonAnswer(200, { runId: id, state: "Queued", executionState: "Queued", lastUpdatedAt: now, testCasesProcessed: 0, totalTestCases: total, callbackUri: link.toString() });
};

const downloadChannelManifest: Behaviour = (call) => {
  checkParents(call);
  requireBot(call);
  const { AgentId, ChannelName, EnvironmentId } = call.params;
  const files: ArchiveFile[] = [{ name: "manifest.json", content: JSON.stringify({ agentId: AgentId, channel: ChannelName, environmentId: EnvironmentId }, null, 2) }];
  if (call.url.searchParams.get("includeAgentSchema")?.toLowerCase() === "true") {
    files.push({ name: "agent-schema.json", content: JSON.stringify({ agentId: AgentId, schemaVersion: "1.0" }, null, 2) });
  }
  return downloadAnswer(call, files);
};

/** Every other Copilot Studio operation: the generic answer, once the agent is known not to be deleted. */
const onLiveBot: Behaviour = (call, generic) => {
  requireBot(call);
  return generic();
};

const copilotStudioOperations = emulatorModel.flatMap((m) => m.operations).filter((o) => o.path.startsWith("/copilotstudio/"));

/** Behaviours by operation id. */
export const copilotStudioBehaviours: Partial<Record<OperationId, Behaviour>> = {
  // Every Copilot Studio route answers only for a live bot (ids from the model, so typed loosely here).
  ...(Object.fromEntries(copilotStudioOperations.map((o) => [o.operationId, onLiveBot])) as Partial<Record<OperationId, Behaviour>>),
  ...({
    DeleteCopilotAgent: deleteBot,
    SetBotAsQuarantined: setQuarantine(true),
    SetBotAsUnquarantined: setQuarantine(false),
    RunMakerEvaluationTestSet: runTestSet,
    DownloadAgentChannelManifest: downloadChannelManifest,
  } satisfies Partial<Record<OperationId, Behaviour>>),
};
