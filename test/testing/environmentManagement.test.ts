/**
 * EnvironmentManagement through the SDK against the emulator: lifecycle operations as pollers whose
 * effects show in lists and gets, the 409 while another operation runs (and waiting for that one),
 * the per-environment operation list paged by `limit` + `continuationToken`, and environment-group
 * membership. One virtual clock for both sides: polls and Retry-After waits take no real time.
 */
import { setupServer } from "msw/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createVirtualClock, OperationInProgressError, PowerPlatformClient, PowerPlatformError } from "../../src/index.js";
import { createEmulator, emulatorCredential } from "../../src/testing/index.js";
import { call } from "./emulatorClient.js";

const clock = createVirtualClock();
const emulator = createEmulator({ seed: 23, environments: 4, appsPerEnvironment: 2, clock, operationDurationInMs: 60_000 });
const server = setupServer(...emulator.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());
beforeEach(() => emulator.reset());

const pp = () => new PowerPlatformClient({ endpoint: emulator.baseUrl, credential: emulatorCredential(), clock, pollIntervalInMs: 5_000 });
const sandbox = () => emulator.state.environments.find((e) => e.type !== "Default")!;
const ids = async (iterable: AsyncIterable<{ id: string }>) => {
  const out: string[] = [];
  for await (const item of iterable) out.push(item.id);
  return out;
};

describe("environment lifecycle", () => {
  it("provisions (201 with the operation): Preparing at first, Ready in lists and gets once the poller is done", async () => {
    const client = pp();
    const poller = await client.environments.beginCreate({ displayName: "Contoso Sales Test", environmentSku: "Sandbox", location: "unitedstates", databaseType: "CommonDataService" });
    const created = poller.operation;
    expect(created).toBeUndefined(); // nothing polled yet
    const first = await poller.poll();
    expect(first?.status).toMatch(/^(Queued|InProgress)$/);
    const id = first!.updatedEnvironment!.environmentId!;
    expect((await client.environments.get({ environmentId: id })).state).toBe("Preparing");
    const done = await poller.pollUntilDone();
    expect(done.status).toBe("Succeeded");
    expect(done.name).toBe("Provision");
    expect((await client.environments.get({ environmentId: id })).state).toBe("Ready");
    expect(await ids(client.environments.list())).toContain(id);
  });

  it("deletes (202 + Location): gone from lists and gets; recover brings it back", async () => {
    const client = pp();
    const env = sandbox().id;
    const poller = await client.environments.beginDelete({ environmentId: env });
    expect(poller.operationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await ids(client.environments.list())).toContain(env); // still there while the delete runs
    await poller.pollUntilDone();
    expect(await ids(client.environments.list())).not.toContain(env);
    await expect(client.environments.get({ environmentId: env })).rejects.toMatchObject({ status: 404, code: "EnvironmentNotFound" });
    await (await client.environments.beginRecover({ environmentId: env })).pollUntilDone();
    expect((await client.environments.get({ environmentId: env })).deletedDateTime).toBeNull();
  });

  it("copies over the target with the name override once done; a saved poller resumes elsewhere", async () => {
    const client = pp();
    const [source, target] = emulator.state.environments.filter((e) => e.type !== "Default");
    const poller = await client.environments.beginCopy({
      targetEnvironmentId: target!.id,
      sourceEnvironmentId: source!.id,
      copyType: "Full",
      copyOptions: { environmentNameToOverride: "Test (copy of production)" },
    });
    const saved = poller.toString();
    const resumed = pp().environments.resumeCopy(saved);
    expect(resumed.operationId).toBe(poller.operationId);
    expect((await client.environments.get({ environmentId: target!.id })).displayName).toBe(target!.displayName);
    expect((await resumed.pollUntilDone()).status).toBe("Succeeded");
    expect((await client.environments.get({ environmentId: target!.id })).displayName).toBe("Test (copy of production)");
  });

  it("ValidateOnly ends ValidationPassed (a success) and changes nothing", async () => {
    const client = pp();
    const env = sandbox().id;
    const done = await (await client.environments.beginDelete({ environmentId: env, ValidateOnly: true })).pollUntilDone();
    expect(done.status).toBe("ValidationPassed");
    expect((await client.environments.get({ environmentId: env })).id).toBe(env);
  });

  it("a failed operation rejects with a typed error carrying the service's error detail", async () => {
    const client = pp();
    const poller = await client.environments.beginReset({ environmentId: sandbox().id, displayName: "Again" });
    emulator.faults.add({
      match: { operationId: "GetOperationById" },
      times: 1,
      respond: { status: 200, body: { operationId: poller.operationId, name: "Reset", status: "Failed", errorDetail: { code: "ResetNotAllowed", fieldErrors: {} } } },
    });
    const error = await poller.pollUntilDone().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(error).toMatchObject({ code: "OperationFailed", details: [{ code: "ResetNotAllowed" }] });
  });
});

describe("BAP reads the same environments", () => {
  it("a delete through the Power Platform API shows in BAP's get (404) and list once it has ended, with no Power Platform API read between", async () => {
    const env = sandbox().id;
    const bapGet = () => call(emulator.baseUrl, "Get-AdminEnvironment", { params: { environment: env } });
    const bapNames = async () => ((await call(emulator.baseUrl, "Get-AdminEnvironments")).body.value as { name: string }[]).map((e) => e.name);
    expect((await call(emulator.baseUrl, "DeleteEnvironmentById", { params: { environmentId: env } })).status).toBe(202);
    expect((await bapGet()).status).toBe(200); // still there while the delete runs
    await clock.sleep(60_000); // the virtual clock jumps to the end of the delete
    expect((await bapGet()).status).toBe(404);
    expect(await bapNames()).not.toContain(env);
  });

  it("BAP's list, read first, leaves the deleted environment out", async () => {
    const env = sandbox().id;
    expect((await call(emulator.baseUrl, "DeleteEnvironmentById", { params: { environmentId: env } })).status).toBe(202);
    await clock.sleep(60_000);
    const names = ((await call(emulator.baseUrl, "Get-AdminEnvironments")).body.value as { name: string }[]).map((e) => e.name);
    expect(names).not.toContain(env);
  });

  it("state.environment() settles too: no environment once the delete has ended", async () => {
    const env = sandbox().id;
    expect((await call(emulator.baseUrl, "DeleteEnvironmentById", { params: { environmentId: env } })).status).toBe(202);
    expect(emulator.state.environment(env)?.id).toBe(env);
    await clock.sleep(60_000);
    expect(emulator.state.environment(env)).toBeUndefined();
  });
});

describe("one lifecycle operation per environment", () => {
  it("a second start is an OperationInProgressError naming the running one; waiting for it, then starting again, works", async () => {
    const client = pp();
    const env = sandbox().id;
    const running = await client.environments.disasterRecovery.beginEnable({ environmentId: env });
    const refused = await client.environments.beginReset({ environmentId: env, displayName: "Contoso Test" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OperationInProgressError);
    expect(refused).toBeInstanceOf(PowerPlatformError);
    const error = refused as OperationInProgressError;
    expect(error.status).toBe(409);
    expect(error.code).toBe("LifecycleOperationInProgress");
    expect(error.message).toContain("resumeReset(error.runningOperation.resumeState)");
    expect(error.details[0]).toMatchObject({ code: "OperationNotStartable" });
    expect(error.runningOperation.operationId).toBe(running.operationId);
    expect(JSON.parse(JSON.stringify(error)).runningOperation.operationId).toBe(running.operationId);

    const waited = await client.environments.resumeReset(error.runningOperation.resumeState).pollUntilDone();
    expect(waited).toMatchObject({ operationId: running.operationId, status: "Succeeded" });
    const reset = await (await client.environments.beginReset({ environmentId: env, displayName: "Contoso Test" })).pollUntilDone();
    expect(reset.status).toBe("Succeeded");
  });
});

describe("operations of an environment (limit + continuationToken)", () => {
  it("lists every operation exactly once, page by page, and resumes from a page's continuationToken", async () => {
    const client = pp();
    const env = sandbox().id;
    const started: string[] = [];
    for (let i = 0; i < 5; i++) {
      const poller = await client.environments.managed[i % 2 === 0 ? "beginEnable" : "beginDisable"]({ environmentId: env });
      started.push(poller.operationId);
      await poller.pollUntilDone();
    }
    const seen: string[] = [];
    const sizes: number[] = [];
    let token: string | undefined;
    for await (const page of client.environments.operations.list({ environmentId: env }).byPage({ maxPageSize: 2 })) {
      sizes.push(page.length);
      seen.push(...page.map((op) => op.operationId));
      if (seen.length === 2) token = page.continuationToken;
    }
    expect(sizes).toEqual([2, 2, 1]);
    expect([...seen].sort()).toEqual([...started].sort());
    const rest: string[] = [];
    for await (const page of client.environments.operations.list({ environmentId: env }).byPage({ continuationToken: token })) rest.push(...page.map((op) => op.operationId));
    expect(rest).toEqual(seen.slice(2));
    const items: string[] = [];
    for await (const op of client.environments.operations.list({ environmentId: env, limit: "3" })) items.push(op.operationId);
    expect(items).toEqual(seen);
    expect((await client.environments.operations.get({ operationId: started[0]! })).status).toBe("Succeeded");
    expect((await client.environments.operations.getForEnvironment({ targetEnvironmentId: env, operationId: started[0]! })).name).toBe("EnableManaged");
  });
});

describe("environment groups", () => {
  it("creates a group, moves an environment in and out (202 + Location, polled on state.id), and a second remove is 204", async () => {
    const client = pp();
    const env = sandbox().id;
    const group = await client.environmentGroups.create({ displayName: "Sales", description: "Sales environments" });
    expect(group.displayName).toBe("Sales");
    const added = await (await client.environmentGroups.beginAddEnvironment({ groupId: group.id, environmentId: env })).pollUntilDone();
    expect(added.state?.id).toBe("Succeeded");
    expect((await client.environments.get({ environmentId: env })).environmentGroupId).toBe(group.id);
    const removing = await client.environmentGroups.beginRemoveEnvironment({ groupId: group.id, environmentId: env });
    const saved = removing.toString();
    await client.environmentGroups.resumeRemoveEnvironment(saved).pollUntilDone();
    expect((await client.environments.get({ environmentId: env })).environmentGroupId).toBeNull();
    const noop = await client.environmentGroups.beginRemoveEnvironment({ groupId: group.id, environmentId: env });
    expect(noop.isDone()).toBe(true);
    expect((await noop.pollUntilDone()).state?.id).toBe("Succeeded");
    expect(client.environmentGroups.resumeRemoveEnvironment(noop.toString()).isDone()).toBe(true);
  });

  it("deleting a group leaves its environments in no group; renames show in gets", async () => {
    const client = pp();
    const env = sandbox().id;
    const group = await client.environmentGroups.create({ displayName: "Temp" });
    await (await client.environmentGroups.beginAddEnvironment({ groupId: group.id, environmentId: env })).pollUntilDone();
    const renamed = await client.environmentGroups.update({ groupId: group.id, displayName: "Temporary" });
    expect(renamed.displayName).toBe("Temporary");
    expect((await client.environmentGroups.get({ groupId: group.id })).displayName).toBe("Temporary");
    await client.environmentGroups.delete({ groupId: group.id });
    await expect(client.environmentGroups.get({ groupId: group.id })).rejects.toMatchObject({ status: 404 });
    expect((await client.environments.get({ environmentId: env })).environmentGroupId).toBeNull();
  });
});

describe("environments and their settings", () => {
  it("the $top/$skip environment list yields every environment once and resumes from a page's continuationToken", async () => {
    const client = pp();
    const all = emulator.state.environments.map((e) => e.id);
    const seen: string[] = [];
    let token: string | undefined;
    for await (const page of client.environments.list().byPage({ maxPageSize: 2 })) {
      seen.push(...page.map((e) => e.id));
      token ??= page.continuationToken;
    }
    expect([...seen].sort()).toEqual([...all].sort());
    const rest: string[] = [];
    for await (const page of client.environments.list().byPage({ continuationToken: token })) rest.push(...page.map((e) => e.id));
    expect(rest).toEqual(seen.slice(2));
  });

  it("settings written with PascalCase names read back, merged", async () => {
    const client = pp();
    const env = sandbox().id;
    await client.environments.settings.update({ environmentId: env, PowerApps_AllowCodeApps: false });
    await client.environments.settings.update({ environmentId: env, PowerApps_CopilotChat: true });
    const records = [];
    for await (const record of client.environments.settings.list({ environmentId: env })) records.push(record);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ PowerApps_AllowCodeApps: false, PowerApps_CopilotChat: true });
  });
});

