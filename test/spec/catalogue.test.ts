/**
 * The Power Platform API spec against the catalogue of documented operations
 * (test/spec/ppapi-catalogue.tsv: namespace, method, path, name — one row per documented operation):
 * every operation of openapi/power-platform.yaml is a catalogue row with exactly its method and
 * path (parameter names and case included), and every catalogue row is in the spec.
 *
 * While the namespaces are written in parallel, rows not written yet are listed in PENDING. The
 * list can only shrink: a row missing from the spec and not pending fails, and so does a pending
 * row that is already in the spec (delete it from the list then).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadSpec, type Json } from "../support/specDocuments.js";

/** Catalogue rows ("METHOD /path") not yet in the spec. Remove each one as it lands; empty means done. */
const PENDING: readonly string[] = [
  // analytics (7)
  "GET /analytics/advisorRecommendations",
  "GET /analytics/advisorRecommendations/scenarios",
  "GET /analytics/advisorRecommendations/{scenario}/actionmetadata/{actionName}",
  "GET /analytics/advisorRecommendations/{scenario}/actions",
  "GET /analytics/advisorRecommendations/{scenario}/resources",
  "POST /analytics/actions/{actionName}",
  "POST /analytics/advisor/chat/messages",
  // authorization (10)
  "DELETE /authorization/environmentGroups/{environmentGroupId}/roleAssignments/{roleAssignmentId}",
  "DELETE /authorization/environments/{environmentId}/roleAssignments/{roleAssignmentId}",
  "DELETE /authorization/roleAssignments/{roleAssignmentId}",
  "GET /authorization/environmentGroups/{environmentGroupId}/roleAssignments",
  "GET /authorization/environments/{environmentId}/roleAssignments",
  "GET /authorization/roleAssignments",
  "GET /authorization/roleDefinitions",
  "POST /authorization/environmentGroups/{environmentGroupId}/roleAssignments",
  "POST /authorization/environments/{environmentId}/roleAssignments",
  "POST /authorization/roleAssignments",
  // connectivity (3)
  "GET /connectivity/environments/{environmentId}/connections",
  "GET /connectivity/environments/{environmentId}/connectors",
  "GET /connectivity/environments/{environmentId}/connectors/{connectorId}",
  // copilotstudio (14)
  "DELETE /copilotstudio/environments/{EnvironmentId}/bots/{BotId}/api/botAdminOperations",
  "GET /copilotstudio/environments/{EnvironmentId}/agents/{AgentId}/channels/{ChannelName}/download",
  "GET /copilotstudio/environments/{EnvironmentId}/bots/{BotId}/api/botQuarantine",
  "GET /copilotstudio/environments/{EnvironmentId}/bots/{BotId}/api/connectorConsentBypass",
  "GET /copilotstudio/environments/{EnvironmentId}/bots/{BotId}/api/makerevaluation/testruns",
  "GET /copilotstudio/environments/{EnvironmentId}/bots/{BotId}/api/makerevaluation/testruns/{TestRunId}",
  "GET /copilotstudio/environments/{EnvironmentId}/bots/{BotId}/api/makerevaluation/testruns/{TestRunId}/snapshot",
  "GET /copilotstudio/environments/{EnvironmentId}/bots/{BotId}/api/makerevaluation/testsets",
  "GET /copilotstudio/environments/{EnvironmentId}/bots/{BotId}/api/makerevaluation/testsets/{TestSetId}",
  "POST /copilotstudio/environments/{EnvironmentId}/bots/{BotId}/api/botAdminOperations/reassign",
  "POST /copilotstudio/environments/{EnvironmentId}/bots/{BotId}/api/botQuarantine/SetAsQuarantined",
  "POST /copilotstudio/environments/{EnvironmentId}/bots/{BotId}/api/botQuarantine/SetAsUnquarantined",
  "POST /copilotstudio/environments/{EnvironmentId}/bots/{BotId}/api/makerevaluation/testsets/{TestSetId}/run",
  "PUT /copilotstudio/environments/{EnvironmentId}/bots/{BotId}/api/connectorConsentBypass",
  // environmentmanagement (34)
  "DELETE /environmentmanagement/environmentGroups/{groupId}",
  "DELETE /environmentmanagement/environments/{environmentId}",
  "DELETE /environmentmanagement/environments/{environmentId}/backups/{backupId}",
  "GET /environmentmanagement/environments/{environmentId}/backups",
  "GET /environmentmanagement/environments/{environmentId}/businessContinuityStateFullSnapshot",
  "GET /environmentmanagement/environments/{environmentId}/operations",
  "GET /environmentmanagement/environments/{environmentId}/settings",
  "GET /environmentmanagement/environments/{sourceEnvironmentId}/copyCandidates",
  "GET /environmentmanagement/environments/{sourceEnvironmentId}/restoreCandidates",
  "GET /environmentmanagement/environments/{targetEnvironmentId}/operations/{operationId}",
  "GET /environmentmanagement/operations/{operationId}",
  "GET /environmentmanagement/provisioning/locations",
  "GET /environmentmanagement/provisioning/locations/{location}/currencies",
  "GET /environmentmanagement/provisioning/locations/{location}/languages",
  "GET /environmentmanagement/provisioning/locations/{location}/templates",
  "PATCH /environmentmanagement/environments/{environmentId}/settings",
  "PATCH /environmentmanagement/provisioning/environments/{environmentId}/link",
  "POST /environmentmanagement/environmentGroups",
  "POST /environmentmanagement/environmentGroups/{groupId}/removeEnvironment/{environmentId}",
  "POST /environmentmanagement/environments/{environmentId}/backups",
  "POST /environmentmanagement/environments/{environmentId}/disableDisasterRecovery",
  "POST /environmentmanagement/environments/{environmentId}/disasterRecoveryDrill",
  "POST /environmentmanagement/environments/{environmentId}/enableDisasterRecovery",
  "POST /environmentmanagement/environments/{environmentId}/failback",
  "POST /environmentmanagement/environments/{environmentId}/forceFailover",
  "POST /environmentmanagement/environments/{environmentId}/governanceSetting/disableManaged",
  "POST /environmentmanagement/environments/{environmentId}/governanceSetting/enableManaged",
  "POST /environmentmanagement/environments/{environmentId}/recover",
  "POST /environmentmanagement/environments/{environmentId}/reset",
  "POST /environmentmanagement/environments/{environmentId}/settings",
  "POST /environmentmanagement/environments/{targetEnvironmentId}/copy",
  "POST /environmentmanagement/environments/{targetEnvironmentId}/restore",
  "POST /environmentmanagement/provisioning/environments",
  "PUT /environmentmanagement/environmentGroups/{groupId}",
  // governance (20)
  "DELETE /governance/ruleSets/{ruleSetId}",
  "GET /governance/crossTenantConnectionReports",
  "GET /governance/crossTenantConnectionReports/{reportId}",
  "GET /governance/environmentGroups/{groupId}/ruleSets",
  "GET /governance/ruleBasedPolicies",
  "GET /governance/ruleBasedPolicies/assignments",
  "GET /governance/ruleBasedPolicies/environmentGroups/{environmentGroupId}/assignments",
  "GET /governance/ruleBasedPolicies/environments/{environmentId}/assignments",
  "GET /governance/ruleBasedPolicies/{policyId}",
  "GET /governance/ruleBasedPolicies/{policyId}/assignments",
  "GET /governance/ruleSets",
  "PATCH /governance/ruleBasedPolicies/{policyId}",
  "PATCH /governance/ruleBasedPolicies/{policyId}/removeRule",
  "POST /governance/crossTenantConnectionReports",
  "POST /governance/environmentGroups/{groupId}/ruleSets",
  "POST /governance/ruleBasedPolicies",
  "POST /governance/ruleBasedPolicies/{policyId}/environmentGroups/{groupId}/assignments",
  "POST /governance/ruleBasedPolicies/{policyId}/environments/{environmentId}/assignments",
  "PUT /governance/ruleBasedPolicies/{policyId}",
  "PUT /governance/ruleSets/{ruleSetId}",
  // powerautomate (3)
  "GET /powerautomate/environments/{environmentId}/cloudFlows",
  "GET /powerautomate/environments/{environmentId}/flowActions",
  "GET /powerautomate/environments/{environmentId}/flowRuns",
  // powerpages (40)
  "DELETE /powerpages/environments/{environmentId}/websites/{id}",
  "DELETE /powerpages/environments/{environmentId}/websites/{id}/certificates",
  "DELETE /powerpages/environments/{environmentId}/websites/{id}/customDomain",
  "DELETE /powerpages/environments/{environmentId}/websites/{id}/sslBindings",
  "GET /powerpages/environments/{environmentId}/exceptions/affectedSites",
  "GET /powerpages/environments/{environmentId}/exceptions/list",
  "GET /powerpages/environments/{environmentId}/websites",
  "GET /powerpages/environments/{environmentId}/websites/{id}",
  "GET /powerpages/environments/{environmentId}/websites/{id}/certificates",
  "GET /powerpages/environments/{environmentId}/websites/{id}/customDomain",
  "GET /powerpages/environments/{environmentId}/websites/{id}/getWafRules",
  "GET /powerpages/environments/{environmentId}/websites/{id}/getWafStatus",
  "GET /powerpages/environments/{environmentId}/websites/{id}/ipaddressrules",
  "GET /powerpages/environments/{environmentId}/websites/{id}/scan/deep/getLatestCompletedReport",
  "GET /powerpages/environments/{environmentId}/websites/{id}/scan/deep/getSecurityScore",
  "GET /powerpages/environments/{environmentId}/websites/{id}/sslBindings",
  "PATCH /powerpages/environments/{environmentId}/websites/{id}/SetPortalBootstrapV5Enabled",
  "POST /powerpages/environments/{environmentId}/exceptions/grant",
  "POST /powerpages/environments/{environmentId}/exceptions/revoke",
  "POST /powerpages/environments/{environmentId}/websites",
  "POST /powerpages/environments/{environmentId}/websites/{id}/certificates",
  "POST /powerpages/environments/{environmentId}/websites/{id}/convertToProduction",
  "POST /powerpages/environments/{environmentId}/websites/{id}/customDomain",
  "POST /powerpages/environments/{environmentId}/websites/{id}/disableWaf",
  "POST /powerpages/environments/{environmentId}/websites/{id}/enableWaf",
  "POST /powerpages/environments/{environmentId}/websites/{id}/ipaddressrules",
  "POST /powerpages/environments/{environmentId}/websites/{id}/removeAllowedIpAddresses",
  "POST /powerpages/environments/{environmentId}/websites/{id}/restart",
  "POST /powerpages/environments/{environmentId}/websites/{id}/scan/deep/start",
  "POST /powerpages/environments/{environmentId}/websites/{id}/scan/quick/execute",
  "POST /powerpages/environments/{environmentId}/websites/{id}/setPortalDataModelVersion",
  "POST /powerpages/environments/{environmentId}/websites/{id}/sslBindings",
  "POST /powerpages/environments/{environmentId}/websites/{id}/start",
  "POST /powerpages/environments/{environmentId}/websites/{id}/stop",
  "POST /powerpages/environments/{environmentId}/websites/{id}/toggleAFDTrafficRouting",
  "POST /powerpages/environments/{environmentId}/websites/{id}/updatePortalSecurityGroup",
  "POST /powerpages/environments/{environmentId}/websites/{id}/updateSiteVisibility",
  "PUT /powerpages/environments/{environmentId}/websites/{id}/createWafRules",
  "PUT /powerpages/environments/{environmentId}/websites/{id}/deleteWafCustomRules",
  "PUT /powerpages/environments/{environmentId}/websites/{id}/updateWafPolicySettings",
  // resourcequery (1)
  "POST /resourcequery/resources/query",
  // usermanagement (1)
  "POST /usermanagement/environments/{environmentId}/user/applyAdminRole",
  // workflowsagent (16)
  "DELETE /workflowsagent/approvals/{approvalId}",
  "DELETE /workflowsagent/connections/{connectionIdentifier}",
  "DELETE /workflowsagent/flows/{flowId}",
  "DELETE /workflowsagent/prompts/{promptId}",
  "GET /workflowsagent/aiFlows/{aiFlowId}/runs/{runId}/actions",
  "GET /workflowsagent/approvals",
  "GET /workflowsagent/connections",
  "GET /workflowsagent/conversationTranscripts",
  "GET /workflowsagent/environments/{environmentId}/aiFlows/{aiFlowId}/runs/{runId}/actions",
  "GET /workflowsagent/environments/{environmentId}/conversationTranscripts",
  "GET /workflowsagent/environments/{environmentId}/flows/{flowId}/flowRuns",
  "GET /workflowsagent/environments/{environmentId}/flows/{flowId}/runs/{runId}/runHistoryData",
  "GET /workflowsagent/flows",
  "GET /workflowsagent/flows/{flowId}/flowRuns",
  "GET /workflowsagent/flows/{flowId}/runs/{runId}/runHistoryData",
  "GET /workflowsagent/prompts",
];

interface Row {
  namespace: string;
  key: string;
  name: string;
}

const METHODS = ["get", "put", "post", "delete", "patch"] as const;

function catalogue(): Row[] {
  const [header, ...lines] = readFileSync(new URL("./ppapi-catalogue.tsv", import.meta.url), "utf8").split(/\r?\n/).filter((l) => l.trim());
  expect(header!.split("\t")).toEqual(["namespace", "method", "path", "operation"]);
  return lines.map((line) => {
    const [namespace, method, path, name] = line.split("\t");
    return { namespace: namespace!, key: `${method!.toUpperCase()} ${path}`, name: name! };
  });
}

function specOperations(): Map<string, string> {
  const found = new Map<string, string>();
  for (const [path, item] of Object.entries((loadSpec("power-platform").paths ?? {}) as Record<string, Json>)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (op) found.set(`${method.toUpperCase()} ${path}`, String(op.operationId));
    }
  }
  return found;
}

describe("openapi/power-platform.yaml against the catalogue of documented operations", () => {
  const rows = catalogue();
  const keys = new Set(rows.map((r) => r.key));
  const spec = specOperations();

  it("has one row per documented operation (214), each method and path once", () => {
    expect(rows).toHaveLength(214);
    expect(keys.size).toBe(rows.length);
  });

  it("every operation of the spec is a catalogue row, method and path exactly", () => {
    const extra = [...spec].filter(([key]) => !keys.has(key)).map(([key, id]) => `${id}: ${key}`);
    expect(extra, "operations whose method or path is not in the catalogue").toEqual([]);
  });

  it("every catalogue row is in the spec, unless it is still pending", () => {
    const pending = new Set(PENDING);
    const missing = rows.filter((r) => !spec.has(r.key) && !pending.has(r.key)).map((r) => `${r.namespace}: ${r.key} (${r.name})`);
    expect(missing, "catalogue rows missing from the spec").toEqual([]);
  });

  it("the pending list only names catalogue rows that are still missing (so it can only shrink)", () => {
    expect(new Set(PENDING).size, "a pending row is listed twice").toBe(PENDING.length);
    expect(PENDING.filter((key) => !keys.has(key)), "pending rows that are not catalogue rows").toEqual([]);
    expect(PENDING.filter((key) => spec.has(key)), "pending rows already in the spec: remove them from PENDING").toEqual([]);
  });
});
