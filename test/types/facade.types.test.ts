/**
 * Type tests: the public types of both clients, pinned. `npm run typecheck` (tsc over test/) fails
 * when a pinned type changes or an `@ts-expect-error` line starts to compile; the runtime test below
 * only keeps vitest aware of the file. Argument names, result and item types and enum unions all
 * come from the specs through generated/, so a change here means the public API changed.
 */
import { describe, expectTypeOf, it } from "vitest";
import type {
  ArgsOf,
  BapAdminClient,
  PowerAutomateAdminClient,
  InstallPackagePoller,
  PackageOperation,
  PagedAsyncIterableIterator,
  PowerAppsAdminClient,
  PowerAppsAdminComponents,
  PowerPlatformClient,
  PowerPlatformComponents,
} from "../../src/index.js";

type AdminSchemas = PowerAppsAdminComponents["schemas"];
type PpSchemas = PowerPlatformComponents["schemas"];
type FirstArg<F> = F extends (args: infer A, ...rest: never[]) => unknown ? A : never;
type Result<F> = F extends (...args: never[]) => infer R ? R : never;

declare const admin: PowerAppsAdminClient;
declare const pp: PowerPlatformClient;
declare const bap: BapAdminClient;
declare const automate: PowerAutomateAdminClient;
const ENV = "Default-00000000-0000-0000-0000-000000000000";

describe("public types", () => {
  it("are checked by tsc (npm run typecheck); nothing to run", () => {});
});

// ---- Power Apps admin: argument names -----------------------------------------------------------
function adminArguments(): void {
  expectTypeOf<keyof FirstArg<typeof admin.apps.get>>().toEqualTypeOf<"environment" | "app" | "abortSignal" | "apiVersion">();
  expectTypeOf<keyof FirstArg<typeof admin.apps.list>>().toEqualTypeOf<"environment" | "top" | "abortSignal" | "apiVersion">();
  expectTypeOf<keyof FirstArg<typeof admin.apps.setOwner>>().toEqualTypeOf<
    "environment" | "app" | "newAppOwner" | "roleForOldAppOwner" | "abortSignal" | "apiVersion"
  >();
  expectTypeOf<keyof FirstArg<typeof admin.connections.remove>>().toEqualTypeOf<
    "environment" | "connectorName" | "connectionName" | "abortSignal" | "apiVersion"
  >();
  expectTypeOf<FirstArg<typeof admin.apps.list>["top"]>().toEqualTypeOf<number | undefined>();
  expectTypeOf<FirstArg<typeof admin.apps.get>["environment"]>().toEqualTypeOf<string>();

  // @ts-expect-error a misspelled argument does not compile
  void admin.apps.get({ environment: ENV, ap: "x" });
  // @ts-expect-error a missing path parameter does not compile
  void admin.apps.get({ environment: ENV });
  // @ts-expect-error the paging iterator owns $skiptoken
  void admin.apps.list({ environment: ENV, skiptoken: "x" });
}

// ---- Power Apps admin: closed request enums are unions ------------------------------------------
function adminEnums(): void {
  expectTypeOf<FirstArg<typeof admin.apps.setQuarantineState>["quarantineStatus"]>().toEqualTypeOf<"Quarantined" | "Unquarantined">();
  expectTypeOf<NonNullable<FirstArg<typeof admin.apps.setOwner>["roleForOldAppOwner"]>>().toEqualTypeOf<"CanView" | "CanViewWithShare" | "CanEdit">();
  type PutEntry = NonNullable<FirstArg<typeof admin.apps.editRoleAssignments>["put"]>[number];
  expectTypeOf<PutEntry["properties"]["roleName"]>().toEqualTypeOf<"CanView" | "CanViewWithShare" | "CanEdit">();

  // @ts-expect-error a value outside a closed enum does not compile
  void admin.apps.setQuarantineState({ environment: ENV, app: "a", quarantineStatus: "quarantine" });
  // @ts-expect-error NotSpecified is read back but cannot be set
  void admin.apps.setQuarantineState({ environment: ENV, app: "a", quarantineStatus: "NotSpecified" });
}

// ---- Power Apps admin: results and items --------------------------------------------------------
function adminResults(): void {
  expectTypeOf<Result<typeof admin.apps.get>>().toEqualTypeOf<Promise<AdminSchemas["PowerApp"]>>();
  expectTypeOf<Result<typeof admin.apps.list>>().toEqualTypeOf<PagedAsyncIterableIterator<AdminSchemas["PowerApp"]>>();
  // The service may answer 200 with an ActionResult, or 202/204 with nothing (0.1 declared void).
  expectTypeOf<Result<typeof admin.apps.remove>>().toEqualTypeOf<Promise<AdminSchemas["ActionResult"] | undefined>>();
  expectTypeOf<Result<typeof admin.connections.list>>().toEqualTypeOf<PagedAsyncIterableIterator<AdminSchemas["Connection"]>>();
  expectTypeOf<Result<typeof admin.connectors.listCustom>>().toEqualTypeOf<PagedAsyncIterableIterator<AdminSchemas["CustomConnector"]>>();
  // Read-back enums stay open: the service adds values.
  type Status = NonNullable<NonNullable<NonNullable<AdminSchemas["PowerApp"]["properties"]>["executionRestrictions"]>["appQuarantineState"]>["quarantineStatus"];
  expectTypeOf<string>().toMatchTypeOf<NonNullable<Status>>();
}

// ---- Power Platform ----------------------------------------------------------------------------
function powerPlatform(): void {
  expectTypeOf<keyof FirstArg<typeof pp.licensing.billingPolicies.get>>().toEqualTypeOf<"billingPolicyId" | "abortSignal" | "apiVersion">();
  expectTypeOf<NonNullable<FirstArg<typeof pp.licensing.billingPolicies.list>>["top"]>().toEqualTypeOf<number | undefined>();
  expectTypeOf<Result<typeof pp.licensing.billingPolicies.get>>().toEqualTypeOf<Promise<PpSchemas["BillingPolicy"]>>();
  expectTypeOf<Result<typeof pp.licensing.billingPolicies.list>>().toEqualTypeOf<PagedAsyncIterableIterator<PpSchemas["BillingPolicy"]>>();
  expectTypeOf<Result<typeof pp.licensing.billingPolicies.delete>>().toEqualTypeOf<Promise<void>>();
  expectTypeOf<Result<typeof pp.licensing.billingPolicies.waitForProvisioning>>().toEqualTypeOf<Promise<PpSchemas["BillingPolicy"]>>();
  expectTypeOf<keyof FirstArg<typeof pp.licensing.billingPolicies.waitForProvisioning>>().toEqualTypeOf<
    "billingPolicyId" | "abortSignal" | "pollIntervalInMs" | "timeoutInMs"
  >();
  expectTypeOf<Result<typeof pp.environments.list>>().toEqualTypeOf<PagedAsyncIterableIterator<PpSchemas["Environment"]>>();
  expectTypeOf<Result<typeof pp.appManagement.beginInstallPackage>>().toEqualTypeOf<Promise<InstallPackagePoller>>();
  expectTypeOf<Result<typeof pp.appManagement.resumeInstallPackage>>().toEqualTypeOf<InstallPackagePoller>();
  expectTypeOf<Result<InstallPackagePoller["pollUntilDone"]>>().toEqualTypeOf<Promise<PackageOperation>>();
  expectTypeOf<ArgsOf<never>>().not.toBeAny();

  // Arguments may be left out only where nothing is required.
  void pp.licensing.billingPolicies.list();
  void pp.environments.list();
  // @ts-expect-error GetBillingPolicy needs billingPolicyId
  void pp.licensing.billingPolicies.get();
  // @ts-expect-error no such group
  void pp.licensing.billingPolicy;
}

// ---- Power Platform: governance, authorization, resource query, flows, advisor --------------------
function governanceAndMore(): void {
  // A list whose items are under `data` and whose token travels in the body (x-ppadmin-continuation).
  expectTypeOf<Result<typeof pp.resources.query>>().toEqualTypeOf<PagedAsyncIterableIterator<PpSchemas["ResourceQueryItem"]>>();
  // `$skipToken` belongs to the advisor iterators, as `$skiptoken` does elsewhere.
  expectTypeOf<keyof NonNullable<FirstArg<typeof pp.advisor.recommendations.list>>>().toEqualTypeOf<"abortSignal" | "apiVersion">();
  expectTypeOf<keyof FirstArg<typeof pp.advisor.recommendations.listResources>>().toEqualTypeOf<"scenario" | "abortSignal" | "apiVersion">();
  expectTypeOf<Result<typeof pp.advisor.recommendations.getScenarios>>().toEqualTypeOf<Promise<PpSchemas["AdvisorScenario"][]>>();
  // Create answers with the one assignment (200), delete with the removed one or nothing (204).
  expectTypeOf<Result<typeof pp.authorization.roleAssignments.create>>().toEqualTypeOf<Promise<PpSchemas["RoleAssignment"]>>();
  expectTypeOf<Result<typeof pp.authorization.roleAssignments.delete>>().toEqualTypeOf<Promise<PpSchemas["RoleAssignment"] | undefined>>();
  expectTypeOf<NonNullable<FirstArg<typeof pp.governance.ruleBasedPolicies.assignments.list>>["includeRuleSetCounts"]>().toEqualTypeOf<boolean>();
  expectTypeOf<Result<typeof pp.flows.runs.list>>().toEqualTypeOf<PagedAsyncIterableIterator<PpSchemas["PowerAutomateFlowRun"]>>();
  expectTypeOf<Result<typeof pp.users.applyAdminRole>>().toEqualTypeOf<Promise<void>>();
  // @ts-expect-error flow runs need workflowId
  void pp.flows.runs.list({ environmentId: ENV });
  // @ts-expect-error the iterator owns the skip token
  void pp.advisor.recommendations.list({ skipToken: "t" });
}

void [adminArguments, adminEnums, adminResults, powerPlatform, governanceAndMore, bapAndFlowTypes];

function bapAndFlowTypes(): void {
  // flows.list takes includeSoftDeleted as a boolean flag next to the wire's include.
  expectTypeOf<FirstArg<typeof automate.flows.list>>().toHaveProperty("includeSoftDeleted").toEqualTypeOf<boolean | undefined>();
  void automate.flows.list({ environment: ENV, includeSoftDeleted: true, top: 50 });
  // @ts-expect-error the flag is a boolean, not the wire value
  void automate.flows.list({ environment: ENV, includeSoftDeleted: "softDeletedFlows" });

  // A DLP policy's definition and the lifecycle poller are typed from the spec.
  expectTypeOf<Awaited<Result<typeof bap.dlpPolicies.get>>["policyDefinition"]["environmentType"]>().toEqualTypeOf<string | undefined>();
  expectTypeOf<Awaited<ReturnType<Awaited<Result<typeof bap.environments.beginDelete>>["pollUntilDone"]>>>().toHaveProperty("state");
  // @ts-expect-error a DLP policy is addressed by policyName
  void bap.dlpPolicies.get({ name: "x" });
}
