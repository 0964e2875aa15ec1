/**
 * Seeded licensing data: billing policies (with their linked environments), ISV contracts and the
 * tenant's capacity, in the shapes of the Power Platform spec's examples.
 */
import type { BillingPolicy, IsvContract, TenantCapacityDetails } from "./wireShapes.js";
import type { SeedContext } from "./seedContext.js";
import { randomInstant, secondsTimestamp, wireTimestamp } from "./timestamps.js";

const POLICY_NAMES: readonly string[] = ["contosoPayg", "contosoEuropePayg", "financePayg", "fieldOpsPayg", "trainingPayg"];

/** The ARM id of the Power Platform account behind a billing instrument. */
export function billingAccountId(subscriptionId: string, resourceGroup: string, name: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.PowerPlatform/accounts/${name}`;
}

/** Builds seeded billing policy number `index` (already provisioned). */
export function seedBillingPolicy(ctx: SeedContext, index: number, subscriptionId: string): BillingPolicy {
  const { random, directory } = ctx;
  const base = POLICY_NAMES[index % POLICY_NAMES.length] ?? "payg";
  const name = index >= POLICY_NAMES.length ? `${base}${Math.floor(index / POLICY_NAMES.length) + 1}` : base;
  const europe = name.toLowerCase().includes("europe");
  const resourceGroup = europe ? "rg-pp-eu" : `rg-pp-${name.replace(/Payg.*$/, "").toLowerCase()}`;
  const creator = random.pick(directory.ofType("User"));
  const createdMs = randomInstant(random);
  return {
    id: random.guid(),
    name,
    type: "TenantOwned",
    status: index % 3 === 2 ? "Disabled" : "Enabled",
    location: europe ? "europe" : "unitedstates",
    billingInstrument: { id: billingAccountId(subscriptionId, resourceGroup, name), subscriptionId, resourceGroup },
    createdOn: wireTimestamp(createdMs, random),
    createdBy: { id: creator.id, type: "User" },
    lastModifiedOn: wireTimestamp(randomInstant(random, undefined, createdMs), random),
    lastModifiedBy: { id: creator.id, type: "User" },
  };
}

/** Builds seeded ISV contract number `index`. */
export function seedIsvContract(ctx: SeedContext, index: number, subscriptionId: string): IsvContract {
  const { random, directory } = ctx;
  const name = `contosoIsvFabrikam${String(index + 1).padStart(2, "0")}`;
  const creator = random.pick(directory.ofType("User"));
  const created = secondsTimestamp(randomInstant(random));
  return {
    id: random.guid(),
    name,
    status: "Enabled",
    geo: "unitedstates",
    consumer: { tenantId: random.guid() },
    billingInstrument: { id: billingAccountId(subscriptionId, "rg-isv-billing", name), subscriptionId, resourceGroup: "rg-isv-billing" },
    conditions: { apiFilter: { allowOtherPremiumConnectors: false, requiredApis: [{ name: "shared_contosoconnector" }] } },
    powerAutomatePolicy: {
      cloudFlowRunsPayAsYouGoState: "Enabled",
      desktopFlowAttendedRunsPayAsYouGoState: "Disabled",
      desktopFlowUnattendedRunsPayAsYouGoState: "Disabled",
    },
    createdOn: created,
    createdBy: { id: creator.id, type: "User" },
    lastModifiedOn: created,
    lastModifiedBy: { id: creator.id, type: "User" },
  };
}

/** Builds the tenant's capacity: storage-driven, with database, file and log capacity. */
export function seedTenantCapacity(ctx: SeedContext): TenantCapacityDetails {
  const { random, tenantId } = ctx;
  const updated = "2025-03-14T06:00:00Z";
  const capacity = (capacityType: string, total: number) => {
    const actual = Math.round(total * (0.2 + random.next() * 0.6) * 100) / 100;
    return {
      capacityType,
      capacityUnits: "MB",
      totalCapacity: total,
      maxCapacity: total,
      consumption: { actual, rated: actual, actualUpdatedOn: updated, ratedUpdatedOn: updated },
      status: "Available",
      overflowCapacity: [],
      capacityEntitlements: [
        {
          capacityType,
          capacitySubType: `${capacityType}Base`,
          totalCapacity: total,
          maxNextLifecycleDate: "2026-01-31T00:00:00Z",
          licenses: [
            {
              entitlementCode: "CDS_BASE",
              displayName: "Dataverse default capacity",
              paid: { enabled: 1, warning: 0, suspended: 0 },
              trial: { enabled: 0, warning: 0, suspended: 0 },
              totalCapacity: total,
              skuId: random.guid(),
              servicePlanId: random.guid(),
              capabilityStatus: "Enabled",
              isTemporaryLicense: false,
              nextLifecycleDate: "2026-01-31T00:00:00Z",
              temporaryLicenseExpiryDate: null,
            },
          ],
        },
      ],
    };
  };
  return {
    tenantId,
    licenseModelType: "StorageDriven",
    capacitySummary: {
      status: "Available",
      statusMessage: "All capacity is available.",
      statusMessageCode: "AllCapacityAvailable",
      finOpsStatus: "NotAvailable",
      finOpsStatusMessage: null,
      finOpsStatusMessageCode: "FinOpsNotAvailable",
    },
    tenantCapacities: [capacity("Database", 30720), capacity("File", 102400), capacity("Log", 2048)],
    legacyModelCapacity: null,
    temporaryLicenseInfo: { hasTemporaryLicense: false, temporaryLicenseExpiryDate: null },
  };
}
