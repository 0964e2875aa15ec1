/**
 * The emulator's state for governance, role-based access and the resource query, through the
 * facade: role assignments created appear in their scope's list and leave it when deleted; policy
 * assignments appear in the tenant list and in the list of their policy, environment or group; the
 * resource query reads the emulator's own environments and apps, page by page with Top/SkipToken.
 */
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { PowerPlatformClient, PowerPlatformError } from "../../src/index.js";
import { emulatorCredential } from "../../src/testing/index.js";
import { mount } from "./emulatorClient.js";

const m = mount({ seed: 5, environments: 3, appsPerEnvironment: 4 });
afterAll(() => m.close());
beforeEach(() => m.emulator.reset());
const pp = () => new PowerPlatformClient({ endpoint: m.emulator.baseUrl, credential: emulatorCredential(), rateLimit: false });
const all = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};
const tenant = () => m.emulator.state.tenantId;

describe("role assignments", () => {
  it("a tenant assignment appears in the tenant list (200, one object) and is gone after delete", async () => {
    const client = pp();
    const before = await all(client.authorization.roleAssignments.list());
    const created = await client.authorization.roleAssignments.create({
      principalObjectId: "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
      principalType: "Group",
      roleDefinitionId: "0cb07c69-1631-4725-ab35-e59e001c51ea",
      scope: `/tenants/${tenant()}`,
    });
    expect(created).toMatchObject({ principalType: "Group", scope: `/tenants/${tenant()}`, roleAssignmentId: expect.any(String) });
    const listed = await all(client.authorization.roleAssignments.list());
    expect(listed).toHaveLength(before.length + 1);
    expect(listed.map((a) => a.roleAssignmentId)).toContain(created.roleAssignmentId);
    const removed = await client.authorization.roleAssignments.delete({ roleAssignmentId: created.roleAssignmentId! });
    expect(removed).toMatchObject({ roleAssignmentId: created.roleAssignmentId });
    expect((await all(client.authorization.roleAssignments.list())).map((a) => a.roleAssignmentId)).not.toContain(created.roleAssignmentId);
  });

  it("scopes are separate: an environment assignment is listed under its environment only, and the wrong kind of scope is 400", async () => {
    const client = pp();
    const env = m.emulator.state.environments[1]!.name;
    const created = await client.authorization.roleAssignments.createForEnvironment({
      environmentId: env,
      principalObjectId: "b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e",
      principalType: "User",
      roleDefinitionId: "ff954d61-a89a-4fbe-ace9-01c367b9bab2",
      scope: `/tenants/${tenant()}/environments/${env}`,
    });
    expect((await all(client.authorization.roleAssignments.listForEnvironment({ environmentId: env }))).map((a) => a.roleAssignmentId)).toContain(created.roleAssignmentId);
    expect((await all(client.authorization.roleAssignments.list())).map((a) => a.roleAssignmentId)).not.toContain(created.roleAssignmentId);
    await expect(client.authorization.roleAssignments.delete({ roleAssignmentId: created.roleAssignmentId! })).rejects.toMatchObject({ status: 404, code: "RoleAssignmentNotFound" });
    await expect(
      client.authorization.roleAssignments.create({ principalObjectId: "p", principalType: "User", roleDefinitionId: "r", scope: `/tenants/${tenant()}/environments/${env}` }),
    ).rejects.toMatchObject({ status: 400, code: "WrongResourceTypeForUrlContext" });
    await client.authorization.roleAssignments.deleteForEnvironment({ environmentId: env, roleAssignmentId: created.roleAssignmentId! });
    expect(await all(client.authorization.roleAssignments.listForEnvironment({ environmentId: env }))).not.toContainEqual(expect.objectContaining({ roleAssignmentId: created.roleAssignmentId }));
  });
});

describe("rule-based policy assignments", () => {
  it("an assignment is stored once per policy and resource and read back by tenant, policy, environment and group", async () => {
    const client = pp();
    const policy = await client.governance.ruleBasedPolicies.create({ name: "Guardrails", ruleSets: [{ id: "Sharing", version: "1", inputs: {} }] });
    const env = m.emulator.state.environments[2]!.name;
    const group = "7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f";
    const first = await client.governance.ruleBasedPolicies.assignments.createForEnvironment({ policyId: policy.id!, environmentId: env });
    expect(first).toMatchObject({ policyId: policy.id, resourceId: env, resourceType: "Environment", ruleSetCount: 1 });
    await client.governance.ruleBasedPolicies.assignments.createForEnvironment({ policyId: policy.id!, environmentId: env });
    await client.governance.ruleBasedPolicies.assignments.createForEnvironmentGroup({ policyId: policy.id!, groupId: group, assignmentOverrides: [{ behaviorType: "Exclude", resourceId: env, resourceType: "Environment" }] });

    const mine = (list: { policyId?: string }[]) => list.filter((a) => a.policyId === policy.id);
    expect(mine(await all(client.governance.ruleBasedPolicies.assignments.list({ includeRuleSetCounts: true })))).toHaveLength(2);
    expect(await all(client.governance.ruleBasedPolicies.assignments.listForPolicy({ policyId: policy.id! }))).toHaveLength(2);
    expect(await all(client.governance.ruleBasedPolicies.assignments.listForEnvironment({ environmentId: env }))).toEqual([expect.objectContaining({ policyId: policy.id, resourceType: "Environment" })]);
    expect(await all(client.governance.ruleBasedPolicies.assignments.listForEnvironmentGroup({ environmentGroupId: group }))).toEqual([expect.objectContaining({ policyId: policy.id, resourceType: "EnvironmentGroup" })]);
    await expect(client.governance.ruleBasedPolicies.assignments.createForEnvironment({ policyId: "no-such-policy", environmentId: env })).rejects.toMatchObject({ status: 404 });
  });
});

describe("resource query", () => {
  it("reads the emulator's environments and apps, every row exactly once across Top/SkipToken pages", async () => {
    const client = pp();
    const state = m.emulator.state;
    const apps = state.environments.flatMap((e) => state.apps(e.name).map((a) => a.name));
    const query = { TableName: "PowerPlatformResources", Clauses: [{ $type: "where", FieldName: "type", Operator: "==", Values: ["'microsoft.powerapps/canvasapps'"] }] };
    const pages = await all(client.resources.query(query).byPage({ maxPageSize: 5 }));
    expect(pages.length).toBe(Math.ceil(apps.length / 5));
    expect(pages.slice(0, -1).every((p) => p.length === 5 && typeof p.continuationToken === "string")).toBe(true);
    expect(pages.at(-1)!.continuationToken).toBeUndefined();
    const names = pages.flat().map((row) => row.name);
    expect(names.sort()).toEqual([...apps].sort());
    const environments = await all(client.resources.query({ TableName: "PowerPlatformResources", Clauses: [{ $type: "where", FieldName: "type", Operator: "==", Values: ["'microsoft.powerplatform/environments'"] }, { $type: "project", FieldList: ["name", "properties.displayName"] }] }));
    expect(environments.map((e) => e.name).sort()).toEqual(state.environments.map((e) => e.name).sort());
    expect(Object.keys(environments[0]!)).toEqual(["name", "properties"]);
    await expect(all(client.resources.query({ TableName: "PowerPlatformResources", Clauses: [{ $type: "join" }] }))).rejects.toMatchObject({ status: 400 });
  });
});

describe("cloud flows", () => {
  it("filters by the query, answers 204 (an empty list) when nothing matches, and 404 with the hint without Dataverse", async () => {
    const client = pp();
    const env = m.emulator.state.environments[1]!.name;
    const flows = await all(client.flows.list({ environmentId: env }));
    expect(flows.length).toBeGreaterThan(0);
    const workflowId = flows[0]!.workflowId!;
    expect(await all(client.flows.list({ environmentId: env, workflowId }))).toEqual([flows[0]]);
    expect(await all(client.flows.list({ environmentId: env, workflowId: "00000000-0000-4000-8000-000000000009" }))).toEqual([]);
    expect(await all(client.flows.list({ environmentId: env, modifiedOnStartDate: "2999-01-01" }))).toEqual([]);
    expect(m.emulator.log.filter((e) => e.operationId === "ListCloudFlows").map((e) => e.status)).toEqual([200, 200, 204, 204]);

    m.emulator.state.store.get("/environmentmanagement/environments", env)!.dataverseId = null;
    const error = await all(client.flows.runs.list({ environmentId: env, workflowId })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(error).toMatchObject({ status: 404 });
    expect((error as Error).message).toMatch(/Note: .*no Dataverse database/);
  });
});
