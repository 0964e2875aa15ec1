/**
 * Copilot Studio agents and data-subject requests through the facade, against the emulator: agent
 * quarantine and consent bypass read back what was written, a deleted agent is gone from every
 * operation, an evaluation run is recorded and its snapshot downloads as a real ZIP; DSR deletes
 * remove what the DSR reads return (a flow takes its runs and run history along), and malformed
 * ids answer 400.
 */
import { unzipSync, strFromU8 } from "fflate";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createManualClock, PowerPlatformClient, PowerPlatformError } from "../../src/index.js";
import { createEmulator, emulatorCredential } from "../../src/testing/index.js";

const clock = createManualClock();
const emulator = createEmulator({ seed: 17, pageSize: 2, clock, startTime: "2025-06-01T00:00:00Z" });
const server = setupServer(...emulator.handlers);
let pp: PowerPlatformClient;
beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  pp = new PowerPlatformClient({ endpoint: emulator.baseUrl, credential: emulatorCredential() });
});
afterAll(() => server.close());
beforeEach(() => emulator.reset());

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The code of the PowerPlatformError `promise` rejects with. */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PowerPlatformError) return `${error.status} ${error.code}`;
    throw error;
  }
  throw new Error("expected the call to fail");
}

const EnvironmentId = () => emulator.state.environments[0]!.name;
const BotId = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const OtherBot = "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e";

describe("pp.copilotStudio.bots", () => {
  it("quarantine is written, read back and lifted, stamped with the emulator's time", async () => {
    const bot = { EnvironmentId: EnvironmentId(), BotId };
    expect((await pp.copilotStudio.bots.getQuarantine(bot)).isBotQuarantined).toBe(false);
    await clock.advance(60_000);
    expect(await pp.copilotStudio.bots.setQuarantined(bot)).toEqual({ isBotQuarantined: true, lastUpdateTimeUtc: "2025-06-01T00:01:00.000Z" });
    expect(await pp.copilotStudio.bots.getQuarantine(bot)).toEqual({ isBotQuarantined: true, lastUpdateTimeUtc: "2025-06-01T00:01:00.000Z" });
    expect((await pp.copilotStudio.bots.getQuarantine({ ...bot, BotId: OtherBot })).isBotQuarantined).toBe(false);
    await pp.copilotStudio.bots.setUnquarantined(bot);
    expect((await pp.copilotStudio.bots.getQuarantine(bot)).isBotQuarantined).toBe(false);
  });

  it("the connector consent bypass reads back what was set", async () => {
    const bot = { EnvironmentId: EnvironmentId(), BotId };
    expect(await pp.copilotStudio.bots.getConnectorConsentBypass(bot)).toEqual({ adminConsentBypass: false });
    expect(await pp.copilotStudio.bots.setConnectorConsentBypass({ ...bot, adminConsentBypass: true })).toEqual({ adminConsentBypass: true });
    expect(await pp.copilotStudio.bots.getConnectorConsentBypass(bot)).toEqual({ adminConsentBypass: true });
  });

  it("a deleted agent answers 404 BotNotFound everywhere; other agents are untouched", async () => {
    const bot = { EnvironmentId: EnvironmentId(), BotId };
    await expect(pp.copilotStudio.bots.reassign({ ...bot, NewOwnerAadUserId: emulator.state.users[0]!.id })).resolves.toBeUndefined();
    await expect(pp.copilotStudio.bots.delete(bot)).resolves.toBeUndefined();
    expect(await codeOf(pp.copilotStudio.bots.getQuarantine(bot))).toBe("404 BotNotFound");
    expect(await codeOf(pp.copilotStudio.bots.setQuarantined(bot))).toBe("404 BotNotFound");
    expect(await codeOf(pp.copilotStudio.bots.getConnectorConsentBypass(bot))).toBe("404 BotNotFound");
    expect(await codeOf(all(pp.copilotStudio.makerEvaluations.listTestSets(bot)))).toBe("404 BotNotFound");
    expect(await codeOf(pp.copilotStudio.bots.downloadChannelManifest({ EnvironmentId: bot.EnvironmentId, AgentId: BotId, ChannelName: "M365" }))).toBe("404 BotNotFound");
    expect(await codeOf(pp.copilotStudio.bots.delete(bot))).toBe("404 BotNotFound");
    expect((await pp.copilotStudio.bots.getQuarantine({ ...bot, BotId: OtherBot })).isBotQuarantined).toBe(false);
  });

  it("an unknown environment answers 404 before the agent is looked at, with the display-name hint", async () => {
    const failure = pp.copilotStudio.bots.getQuarantine({ EnvironmentId: "Contoso Dev", BotId });
    await expect(failure).rejects.toMatchObject({ status: 404, message: expect.stringContaining('"EnvironmentId" is "Contoso Dev", which is not an environment name') });
  });

  it("the channel manifest is a ZIP with manifest.json, plus the agent schema when asked for", async () => {
    const args = { EnvironmentId: EnvironmentId(), AgentId: BotId, ChannelName: "M365" };
    const plain = await pp.copilotStudio.bots.downloadChannelManifest(args);
    expect(plain.contentType).toBe("application/zip");
    expect(plain.fileName).toBe("download-M365.zip");
    expect(Object.keys(unzipSync(plain.content))).toEqual(["manifest.json"]);
    expect(JSON.parse(strFromU8(unzipSync(plain.content)["manifest.json"]!))).toMatchObject({ agentId: BotId, channel: "M365" });
    const withSchema = await pp.copilotStudio.bots.downloadChannelManifest({ ...args, includeAgentSchema: true });
    expect(Object.keys(unzipSync(withSchema.content)).sort()).toEqual(["agent-schema.json", "manifest.json"]);
  });
});

describe("pp.copilotStudio.makerEvaluations", () => {
  it("running a test set records a run that reads back and whose snapshot downloads as a ZIP", async () => {
    const bot = { EnvironmentId: EnvironmentId(), BotId };
    const sets = await all(pp.copilotStudio.makerEvaluations.listTestSets(bot));
    expect(sets.length).toBeGreaterThan(0);
    const set = await pp.copilotStudio.makerEvaluations.getTestSet({ ...bot, TestSetId: sets[0]!.id });
    expect(set).toEqual(sets[0]);

    const started = await pp.copilotStudio.makerEvaluations.runTestSet({ ...bot, TestSetId: set.id, evaluationRunName: "Nightly", runOnPublishedBot: true });
    expect(started).toMatchObject({ state: "Queued", testCasesProcessed: 0, totalTestCases: set.totalTestCases });
    const runId = started.runId!;
    expect(new URL(started.callbackUri!).pathname).toBe(`/copilotstudio/environments/${bot.EnvironmentId}/bots/${BotId}/api/makerevaluation/testruns/${runId}`);

    const run = await pp.copilotStudio.makerEvaluations.getTestRun({ ...bot, TestRunId: runId });
    expect(run).toMatchObject({ id: runId, name: "Nightly", testSetId: set.id, state: "Completed", startTime: started.lastUpdatedAt });
    expect((await all(pp.copilotStudio.makerEvaluations.listTestRuns(bot))).map((r) => r.id)).toContain(runId);

    const snapshot = await pp.copilotStudio.makerEvaluations.downloadSnapshot({ ...bot, TestRunId: runId });
    expect(snapshot.content).toBeInstanceOf(Uint8Array);
    expect(snapshot.contentType).toBe("application/zip");
    expect(snapshot.fileName).toBe(`snapshot-${runId}.zip`);
    const files = unzipSync(snapshot.content);
    expect(JSON.parse(strFromU8(files["content.json"]!))).toMatchObject({ operationId: "DownloadMakerEvaluationSnapshot", parameters: { TestRunId: runId } });
  });

  it("an unknown test set or run answers 404", async () => {
    const bot = { EnvironmentId: EnvironmentId(), BotId };
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(await codeOf(pp.copilotStudio.makerEvaluations.runTestSet({ ...bot, TestSetId: unknown }))).toBe("404 TestSetNotFound");
    expect(await codeOf(pp.copilotStudio.makerEvaluations.getTestRun({ ...bot, TestRunId: unknown }))).toBe("404 TestRunNotFound");
    expect(await codeOf(pp.copilotStudio.makerEvaluations.downloadSnapshot({ ...bot, TestRunId: unknown }))).toBe("404 TestRunNotFound");
  });
});

describe("pp.dataSubjectRequests", () => {
  it("deleting every approval, connection and prompt the export lists leaves the export empty", async () => {
    const dsr = pp.dataSubjectRequests;
    const approvals = await all(dsr.listApprovals());
    expect(approvals.length).toBeGreaterThan(0);
    for (const approval of approvals) await dsr.deleteApproval({ approvalId: String(approval.id) });
    expect(await all(dsr.listApprovals())).toEqual([]);

    const connections = await all(dsr.listConnections());
    expect(connections.map((c) => c.id)).toContain("shared_office365/4b1c9e7d2a8f4c3e9d0b1a2f3e4d5c6b");
    for (const connection of connections) await dsr.deleteConnection({ connectionIdentifier: String(connection.id) });
    expect(await all(dsr.listConnections())).toEqual([]);

    const prompts = await all(dsr.listPrompts());
    for (const prompt of prompts) await dsr.deletePrompt({ promptId: String(prompt.id) });
    expect(await all(dsr.listPrompts())).toEqual([]);
    expect(await codeOf(dsr.deletePrompt({ promptId: String(prompts[0]!.id) }))).toBe("404 PromptNotFound");
  });

  it("deleting a flow removes it, its runs and its run history from the export", async () => {
    const dsr = pp.dataSubjectRequests;
    const [flow] = await all(dsr.listFlows());
    const flowId = String(flow!.id);
    const runs = await all(dsr.listFlowRuns({ flowId }));
    expect(runs.length).toBeGreaterThan(0);
    const runId = String(runs[0]!.id);
    expect((await all(dsr.listRunHistory({ flowId, runId }))).length).toBeGreaterThan(0);

    await dsr.deleteFlow({ flowId });
    expect((await all(dsr.listFlows())).map((f) => f.id)).not.toContain(flowId);
    expect(await codeOf(all(dsr.listFlowRuns({ flowId })))).toBe("404 FlowNotFound");
    expect(await codeOf(all(dsr.listRunHistory({ flowId, runId })))).toBe("404 FlowNotFound");
  });

  it("environment-scoped reads need an existing environment", async () => {
    const dsr = pp.dataSubjectRequests;
    expect((await all(dsr.listConversationTranscriptsInEnvironment({ environmentId: EnvironmentId() }))).length).toBeGreaterThan(0);
    expect(await codeOf(all(dsr.listConversationTranscriptsInEnvironment({ environmentId: "no-such-environment" })))).toMatch(/^404 /);
    const actions = await all(dsr.listAgentFlowRunActionsInEnvironment({ environmentId: EnvironmentId(), aiFlowId: "4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a", runId: "08584622998765432109876543210CU12" }));
    expect(actions[0]?.actionEvents?.length).toBeGreaterThan(0);
  });

  it("malformed ids answer 400, as the reference documents", async () => {
    const dsr = pp.dataSubjectRequests;
    expect(await codeOf(dsr.deleteApproval({ approvalId: "not-a-guid" }))).toBe("400 InvalidRequestContent");
    expect(await codeOf(dsr.deleteFlow({ flowId: "not-a-guid" }))).toBe("400 InvalidRequestContent");
    expect(await codeOf(dsr.deleteConnection({ connectionIdentifier: "no-slash" }))).toBe("400 InvalidRequestContent");
  });
});
