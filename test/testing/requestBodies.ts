/**
 * Valid request bodies the emulator tests send more than once.
 */

/** Subscription id used for billing instruments in tests. */
export const SUBSCRIPTION_ID = "5b1e8a3c-2f6d-4a9b-8c7e-0d1f2a3b4c5d";

/** A CreateBillingPolicy body. */
export function billingPolicyBody(name: string, status?: "Enabled" | "Disabled") {
  return { name, location: "unitedstates", ...(status ? { status } : {}), billingInstrument: { subscriptionId: SUBSCRIPTION_ID, resourceGroup: "rg-pp-billing" } };
}

/** A CreateIsvContract body (every field is required). */
export function isvContractBody(name: string, geo: string[] = ["unitedstates"]) {
  return {
    name,
    status: "Enabled",
    geo,
    consumer: { tenantId: "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f" },
    billingInstrument: { subscriptionId: SUBSCRIPTION_ID, resourceGroup: "rg-isv" },
    conditions: { apiFilter: { allowOtherPremiumConnectors: false, requiredApis: [{ name: "shared_contosoconnector" }] } },
    powerAutomatePolicy: { cloudFlowRunsPayAsYouGoState: "Enabled", desktopFlowAttendedRunsPayAsYouGoState: "Disabled", desktopFlowUnattendedRunsPayAsYouGoState: "Disabled" },
  };
}
