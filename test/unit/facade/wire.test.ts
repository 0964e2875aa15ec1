/**
 * What each facade method puts on the wire: the operation, the exact path, the query (with the
 * operation's default api-version from the spec) and the JSON body. Answers are the spec's own
 * examples, served by msw.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { operationTable, type OperationEntry } from "../../../generated/operations.js";
import { PowerAppsAdminClient, PowerPlatformClient } from "../../../src/index.js";
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
