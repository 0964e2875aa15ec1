/**
 * What each facade method puts on the wire: the operation, the exact path, the query (with the
 * operation's default api-version from the spec) and the JSON body. Answers are the spec's own
 * examples, served by msw.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { operationTable, type OperationEntry } from "../../../generated/operations.js";
import { BapAdminClient, PowerAppsAdminClient, PowerAutomateAdminClient, PowerPlatformClient } from "../../../src/index.js";
import { BASE_URL, createRecordingServer, staticCredential } from "../../support/recordingServer.js";

const ENV = "Default-1dbbeae5-8fa6-462e-a5a1-9932a520a1dc";
const APP = "3fec9f57-83bc-4fb8-981e-4b6b45aaa2da";
const CONNECTOR = "shared_office365users";
const CONNECTION = "3b4b9592607147258a4f2fb33517e97a";
const USER = "f99f844b-ce3b-49ae-86f3-e374ecae789c";
const POLICY = "3f0c2a9e-1111-4c7b-9a55-000000000001";
const PP_ENV = "0fc02431-15fb-4563-a5ab-8211beb2a86f";
const ISV = "a6d8c4b2-2222-4c7b-9a55-000000000002";

const recording = createRecordingServer();
beforeAll(() => recording.server.listen({ onUnhandledRequest: "error" }));
afterEach(() => recording.reset());
afterAll(() => recording.server.close());

const options = { endpoint: BASE_URL, credential: staticCredential() };
const admin = () => new PowerAppsAdminClient(options);
const pp = () => new PowerPlatformClient(options);
const bap = () => new BapAdminClient(options);
const flows = () => new PowerAutomateAdminClient(options);

/** Reads one page of a paged iterator (one request). */
async function firstPage<T>(iterator: { byPage(): AsyncIterableIterator<T[]> }): Promise<T[]> {
  const page = await iterator.byPage().next();
  return page.value as T[];
}

interface WireCase {
  operationId: string;
  call: () => Promise<unknown>;
  path: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

const adminCases: WireCase[] = [
  { operationId: "Get-AdminApps", call: () => firstPage(admin().apps.list({ environment: ENV, top: 50 })), path: { environment: ENV }, query: { $top: "50" } },
  { operationId: "Get-AdminApp", call: () => admin().apps.get({ environment: ENV, app: APP }), path: { environment: ENV, app: APP } },
  { operationId: "Remove-AdminApp", call: () => admin().apps.remove({ environment: ENV, app: APP }), path: { environment: ENV, app: APP } },
  {
    operationId: "Set-AdminAppOwner",
    call: () => admin().apps.setOwner({ environment: ENV, app: APP, newAppOwner: USER, roleForOldAppOwner: "CanView" }),
    path: { environment: ENV, app: APP },
    body: { newAppOwner: USER, roleForOldAppOwner: "CanView" },
  },
  {
    operationId: "Set-AppQuarantineState",
    call: () => admin().apps.setQuarantineState({ environment: ENV, app: APP, quarantineStatus: "Quarantined" }),
    path: { environment: ENV, app: APP },
    body: { quarantineStatus: "Quarantined" },
  },
  { operationId: "Get-AppQuarantineState", call: () => admin().apps.getQuarantineState({ environment: ENV, app: APP }), path: { environment: ENV, app: APP } },
  {
    operationId: "Get-PowerAppConditionalAccess",
    call: () => admin().apps.getConditionalAccess({ environment: ENV, app: APP }),
    path: { environment: ENV, app: APP },
  },
  {
    operationId: "Set-PowerAppConditionalAccess",
    call: () => admin().apps.setConditionalAccess({ environment: ENV, app: APP, authContextIds: ["c1", "c2"] }),
    path: { environment: ENV, app: APP },
    body: { authContextIds: ["c1", "c2"] },
  },
  {
    operationId: "Get-AdminAppRoleAssignment",
    call: () => firstPage(admin().apps.listRoleAssignments({ environment: ENV, app: APP, filter: `environment eq '${ENV}'` })),
    path: { environment: ENV, app: APP },
    query: { $filter: `environment eq '${ENV}'` },
  },
  {
    operationId: "Edit-AdminAppRoleAssignment",
    call: () =>
      admin().apps.editRoleAssignments({
        environment: ENV,
        app: APP,
        put: [{ properties: { roleName: "CanEdit", principal: { id: USER, type: "User" } } }],
        delete: [{ id: `/providers/Microsoft.PowerApps/apps/${APP}/permissions/${USER}` }],
      }),
    path: { environment: ENV, app: APP },
    body: {
      put: [{ properties: { roleName: "CanEdit", principal: { id: USER, type: "User" } } }],
      delete: [{ id: `/providers/Microsoft.PowerApps/apps/${APP}/permissions/${USER}` }],
    },
  },
  { operationId: "Get-AdminConnections", call: () => firstPage(admin().connections.list({ environment: ENV })), path: { environment: ENV } },
  {
    operationId: "Remove-AdminConnection",
    call: () => admin().connections.remove({ environment: ENV, connectorName: CONNECTOR, connectionName: CONNECTION }),
    path: { environment: ENV, connectorName: CONNECTOR, connectionName: CONNECTION },
  },
  {
    operationId: "Get-AdminConnectionRoleAssignment",
    call: () => firstPage(admin().connections.listRoleAssignments({ environment: ENV, connectorName: CONNECTOR, connectionName: CONNECTION, top: 10 })),
    path: { environment: ENV, connectorName: CONNECTOR, connectionName: CONNECTION },
    query: { $top: "10" },
  },
  {
    operationId: "Edit-AdminConnectionRoleAssignment",
    call: () =>
      admin().connections.editRoleAssignments({
        environment: ENV,
        connectorName: CONNECTOR,
        connectionName: CONNECTION,
        put: [{ properties: { roleName: "CanView", principal: { id: USER } } }],
      }),
    path: { environment: ENV, connectorName: CONNECTOR, connectionName: CONNECTION },
    body: { put: [{ properties: { roleName: "CanView", principal: { id: USER } } }] },
  },
  { operationId: "Get-AdminConnectors", call: () => firstPage(admin().connectors.listCustom({ environment: ENV })), path: { environment: ENV } },
  {
    operationId: "Get-AdminConnectorRoleAssignment",
    call: () => firstPage(admin().connectors.listRoleAssignments({ environment: ENV, connectorName: CONNECTOR })),
    path: { environment: ENV, connectorName: CONNECTOR },
  },
  {
    operationId: "Edit-AdminConnectorRoleAssignment",
    call: () => admin().connectors.editRoleAssignments({ environment: ENV, connectorName: CONNECTOR, delete: [{ id: USER }] }),
    path: { environment: ENV, connectorName: CONNECTOR },
    body: { delete: [{ id: USER }] },
  },
];

const billingInstrument = { subscriptionId: "aaaaaaaa-0000-4000-8000-000000000000", resourceGroup: "rg-pp-billing" };
const isvContract = {
  name: "ContosoIsvContract",
  status: "Enabled" as const,
  geo: ["unitedstates"],
  consumer: { tenantId: "1dbbeae5-8fa6-462e-a5a1-9932a520a1dc" },
  billingInstrument,
  conditions: { apiFilter: { allowOtherPremiumConnectors: false, requiredApis: [{ name: "shared_contosoapi" }] } },
  powerAutomatePolicy: { cloudFlowRunsPayAsYouGoState: "Enabled", desktopFlowAttendedRunsPayAsYouGoState: "Disabled", desktopFlowUnattendedRunsPayAsYouGoState: "Disabled" },
};
const ppCases: WireCase[] = [
  { operationId: "ListBillingPolicies", call: () => firstPage(pp().licensing.billingPolicies.list({ top: 5 })), path: {}, query: { $top: "5" } },
  {
    operationId: "CreateBillingPolicy",
    call: () => pp().licensing.billingPolicies.create({ name: "contosoPayg", location: "unitedstates", status: "Enabled", billingInstrument }),
    path: {},
    body: { name: "contosoPayg", location: "unitedstates", status: "Enabled", billingInstrument },
  },
  { operationId: "GetBillingPolicy", call: () => pp().licensing.billingPolicies.get({ billingPolicyId: POLICY }), path: { billingPolicyId: POLICY } },
  {
    operationId: "UpdateBillingPolicy",
    call: () => pp().licensing.billingPolicies.update({ billingPolicyId: POLICY, status: "Disabled" }),
    path: { billingPolicyId: POLICY },
    body: { status: "Disabled" },
  },
  { operationId: "DeleteBillingPolicy", call: () => pp().licensing.billingPolicies.delete({ billingPolicyId: POLICY }), path: { billingPolicyId: POLICY } },
  {
    operationId: "RefreshBillingPolicyProvisioningStatus",
    call: () => pp().licensing.billingPolicies.refreshProvisioningStatus({ billingPolicyId: POLICY }),
    path: { billingPolicyId: POLICY },
  },
  {
    operationId: "ListBillingPolicyEnvironments",
    call: () => firstPage(pp().licensing.billingPolicies.listEnvironments({ billingPolicyId: POLICY })),
    path: { billingPolicyId: POLICY },
  },
  {
    operationId: "GetBillingPolicyEnvironment",
    call: () => pp().licensing.billingPolicies.getEnvironment({ billingPolicyId: POLICY, environmentId: PP_ENV }),
    path: { billingPolicyId: POLICY, environmentId: PP_ENV },
  },
  {
    operationId: "AddBillingPolicyEnvironments",
    call: () => pp().licensing.billingPolicies.addEnvironments({ billingPolicyId: POLICY, environmentIds: [PP_ENV] }),
    path: { billingPolicyId: POLICY },
    body: { environmentIds: [PP_ENV] },
  },
  {
    operationId: "RemoveBillingPolicyEnvironments",
    call: () => pp().licensing.billingPolicies.removeEnvironments({ billingPolicyId: POLICY, environmentIds: [PP_ENV] }),
    path: { billingPolicyId: POLICY },
    body: { environmentIds: [PP_ENV] },
  },
  {
    operationId: "GetEnvironmentBillingPolicy",
    call: () => pp().licensing.getEnvironmentBillingPolicy({ environmentId: PP_ENV }),
    path: { environmentId: PP_ENV },
  },
  { operationId: "GetTenantCapacityDetails", call: () => pp().licensing.getTenantCapacity(), path: {} },
  { operationId: "ListIsvContracts", call: () => firstPage(pp().licensing.isvContracts.list()), path: {} },
  {
    operationId: "CreateIsvContract",
    call: () => pp().licensing.isvContracts.create(isvContract),
    path: {},
    body: isvContract,
  },
  { operationId: "GetIsvContract", call: () => pp().licensing.isvContracts.get({ isvContractId: ISV }), path: { isvContractId: ISV } },
  {
    operationId: "UpdateIsvContract",
    call: () => pp().licensing.isvContracts.update({ isvContractId: ISV, status: "Disabled" }),
    path: { isvContractId: ISV },
    body: { status: "Disabled" },
  },
  { operationId: "DeleteIsvContract", call: () => pp().licensing.isvContracts.delete({ isvContractId: ISV }), path: { isvContractId: ISV } },
  { operationId: "ListTenantApplicationPackages", call: () => firstPage(pp().appManagement.listTenantPackages()), path: {} },
  {
    operationId: "ListEnvironmentApplicationPackages",
    call: () => firstPage(pp().appManagement.listEnvironmentPackages({ environmentId: PP_ENV, appInstallState: "NotInstalled", lcid: 1033 })),
    path: { environmentId: PP_ENV },
    query: { appInstallState: "NotInstalled", lcid: "1033" },
  },
  {
    operationId: "InstallApplicationPackage",
    call: () => pp().appManagement.beginInstallPackage({ environmentId: PP_ENV, uniqueName: "MicrosoftFormsPro" }),
    path: { environmentId: PP_ENV, uniqueName: "MicrosoftFormsPro" },
    body: {},
  },
  {
    operationId: "GetApplicationPackageOperation",
    call: () => pp().appManagement.getOperation({ environmentId: PP_ENV, operationId: "475af49d-0000-0000-0000-000000000000" }),
    path: { environmentId: PP_ENV, operationId: "475af49d-0000-0000-0000-000000000000" },
  },
  {
    operationId: "ListEnvironments",
    call: () => firstPage(pp().environments.list({ top: 20, filter: "type eq 'Production'", select: "id,displayName", orderby: "displayName" })),
    path: {},
    query: { $top: "20", $filter: "type eq 'Production'", $select: "id,displayName", $orderby: "displayName" },
  },
  { operationId: "GetEnvironment", call: () => pp().environments.get({ environmentId: PP_ENV }), path: { environmentId: PP_ENV } },
  {
    operationId: "ListApps",
    call: () => firstPage(pp().powerApps.listApps({ environmentId: PP_ENV, top: 100 })),
    path: { environmentId: PP_ENV },
    query: { $top: "100" },
  },
  { operationId: "GetApp", call: () => pp().powerApps.getApp({ environmentId: PP_ENV, app: APP }), path: { environmentId: PP_ENV, app: APP } },
];

const BAP_ENV = "5a3e0f7c-9d41-4b8e-a2f6-3c1d7e9b0a24";
const DLP = "2b7e4c1d-5f3a-4e8b-9c0d-6a1f2e3b4c5d";
const TENANT = "1dbbeae5-8fa6-462e-a5a1-9932a520a1dc";
const APP_ID = "31359c7f-bd7e-475c-86db-fdb8c937548e";
const LIFECYCLE = "b03e1e6d-73db-4367-90e1-2e378bf7e2fc";
const dlpPolicy = {
  policyDefinition: {
    displayName: "Block Twitter",
    defaultConnectorsClassification: "General",
    environmentType: "OnlyEnvironments",
    environments: [{ name: BAP_ENV }],
    connectorGroups: [{ classification: "Blocked", connectors: [{ id: "/providers/Microsoft.PowerApps/apis/shared_twitter" }] }],
  },
};
const isolation = { properties: { tenantId: TENANT, isDisabled: false, allowedTenants: [{ tenantId: "*", direction: { inbound: true, outbound: false } }] } };

const bapCases: WireCase[] = [
  {
    operationId: "Get-AdminEnvironments",
    call: () => firstPage(bap().environments.list({ expand: "properties.capacity,properties.addons" })),
    path: {},
    query: { $expand: "properties.capacity,properties.addons" },
  },
  { operationId: "Get-AdminEnvironment", call: () => bap().environments.get({ environment: BAP_ENV }), path: { environment: BAP_ENV } },
  {
    operationId: "Set-AdminEnvironment",
    call: () => bap().environments.update({ environment: BAP_ENV, properties: { displayName: "Finance" } }),
    path: { environment: BAP_ENV },
    body: { properties: { displayName: "Finance" } },
  },
  // The delete reason is optional; the facade sends `{}` without one (TF sends a reason, PS no body).
  { operationId: "Remove-AdminEnvironment", call: () => bap().environments.beginDelete({ environment: BAP_ENV }), path: { environment: BAP_ENV }, body: {} },
  {
    operationId: "Get-AdminLifecycleOperation",
    call: () => bap().environments.getLifecycleOperation({ operationId: LIFECYCLE }),
    path: { operationId: LIFECYCLE },
  },
  { operationId: "Get-DlpPolicies", call: () => firstPage(bap().dlpPolicies.list()), path: {} },
  { operationId: "New-DlpPolicy", call: () => bap().dlpPolicies.create(dlpPolicy), path: {}, body: dlpPolicy },
  { operationId: "Get-DlpPolicy", call: () => bap().dlpPolicies.get({ policyName: DLP }), path: { policyName: DLP } },
  { operationId: "Set-DlpPolicy", call: () => bap().dlpPolicies.update({ policyName: DLP, ...dlpPolicy }), path: { policyName: DLP }, body: dlpPolicy },
  { operationId: "Remove-DlpPolicy", call: () => bap().dlpPolicies.delete({ policyName: DLP }), path: { policyName: DLP } },
  { operationId: "Get-TenantSettings", call: () => bap().tenantSettings.get(), path: {} },
  {
    operationId: "Set-TenantSettings",
    call: () => bap().tenantSettings.update({ disableEnvironmentCreationByNonAdminUsers: true }),
    path: {},
    body: { disableEnvironmentCreationByNonAdminUsers: true },
  },
  { operationId: "Get-TenantIsolationPolicy", call: () => bap().tenantIsolation.get({ tenantId: TENANT }), path: { tenantId: TENANT } },
  {
    operationId: "Set-TenantIsolationPolicy",
    call: () => bap().tenantIsolation.set({ tenantId: TENANT, ...isolation }),
    path: { tenantId: TENANT },
    body: isolation,
  },
  { operationId: "Get-ManagementApps", call: () => firstPage(bap().managementApplications.list()), path: {} },
  { operationId: "Get-ManagementApp", call: () => bap().managementApplications.get({ applicationId: APP_ID }), path: { applicationId: APP_ID } },
  { operationId: "New-ManagementApp", call: () => bap().managementApplications.add({ applicationId: APP_ID }), path: { applicationId: APP_ID } },
  { operationId: "Remove-ManagementApp", call: () => bap().managementApplications.remove({ applicationId: APP_ID }), path: { applicationId: APP_ID } },
];

const FLOW = "7bb4a726-2e02-4b88-ad34-8510bcbbcfa0";
const RUN = "08586653536760200319026785874CU62";
const flowCases: WireCase[] = [
  {
    operationId: "Get-AdminFlows",
    call: () => firstPage(flows().flows.list({ environment: ENV, top: 50, includeSoftDeleted: true })),
    path: { environment: ENV },
    query: { $top: "50", include: "softDeletedFlows" },
  },
  { operationId: "Get-AdminFlow", call: () => flows().flows.get({ environment: ENV, flowName: FLOW }), path: { environment: ENV, flowName: FLOW } },
  { operationId: "Remove-AdminFlow", call: () => flows().flows.delete({ environment: ENV, flowName: FLOW }), path: { environment: ENV, flowName: FLOW } },
  { operationId: "Enable-AdminFlow", call: () => flows().flows.enable({ environment: ENV, flowName: FLOW }), path: { environment: ENV, flowName: FLOW } },
  { operationId: "Disable-AdminFlow", call: () => flows().flows.disable({ environment: ENV, flowName: FLOW }), path: { environment: ENV, flowName: FLOW } },
  { operationId: "Restore-AdminFlow", call: () => flows().flows.restore({ environment: ENV, flowName: FLOW }), path: { environment: ENV, flowName: FLOW } },
  {
    operationId: "Get-AdminFlowOwnerRole",
    call: () => firstPage(flows().flows.owners.list({ environment: ENV, flowName: FLOW })),
    path: { environment: ENV, flowName: FLOW },
  },
  {
    operationId: "Edit-AdminFlowOwnerRole",
    call: () =>
      flows().flows.owners.edit({
        environment: ENV,
        flowName: FLOW,
        put: [{ properties: { roleName: "CanEdit", principal: { id: USER, type: "User" } } }],
        delete: [{ id: "fe36f75e-c103-410b-a18a-2bf6df06ac3a" }],
      }),
    path: { environment: ENV, flowName: FLOW },
    body: {
      put: [{ properties: { roleName: "CanEdit", principal: { id: USER, type: "User" } } }],
      delete: [{ id: "fe36f75e-c103-410b-a18a-2bf6df06ac3a" }],
    },
  },
  {
    operationId: "Get-AdminFlowRuns",
    call: () => firstPage(flows().flows.runs.list({ environment: ENV, flowName: FLOW, filter: "status eq 'Failed'" })),
    path: { environment: ENV, flowName: FLOW },
    query: { $filter: "status eq 'Failed'" },
  },
  {
    operationId: "Get-FlowRun",
    call: () => flows().flows.runs.get({ environment: ENV, flowName: FLOW, runName: RUN }),
    path: { environment: ENV, flowName: FLOW, runName: RUN },
  },
  {
    operationId: "Stop-FlowRun",
    call: () => flows().flows.runs.cancel({ environment: ENV, flowName: FLOW, runName: RUN }),
    path: { environment: ENV, flowName: FLOW, runName: RUN },
  },
];

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name]!));
}

function describeCases(service: keyof typeof operationTable, cases: WireCase[]) {
  const table = operationTable[service] as Record<string, OperationEntry>;
  describe(service, () => {
    // Every operation is covered by surfaceWire.test.ts (from the tables); these cases pin exact bodies.
    it("names only operations of the spec", () => {
      expect(cases.map((c) => c.operationId).filter((id) => !(id in table))).toEqual([]);
    });
    for (const c of cases) {
      it(`${c.operationId}: sends ${table[c.operationId]!.method.toUpperCase()} ${table[c.operationId]!.path}`, async () => {
        const entry = table[c.operationId]!;
        await c.call();
        expect(recording.requests).toHaveLength(1);
        const [sent] = recording.requests;
        expect(sent!.operationId).toBe(c.operationId);
        expect(sent!.method).toBe(entry.method.toUpperCase());
        expect(sent!.url.pathname).toBe(fill(entry.path, c.path));
        expect(Object.fromEntries(sent!.url.searchParams)).toEqual({ ...c.query, "api-version": entry.defaultApiVersion });
        expect(sent!.body).toEqual(c.body);
        expect(sent!.headers.get("authorization")).toBe("Bearer test-token");
      });
    }
  });
}

describeCases("powerAppsAdmin", adminCases);
describeCases("powerPlatform", ppCases);
describeCases("bap", bapCases);
describeCases("powerAutomateAdmin", flowCases);
