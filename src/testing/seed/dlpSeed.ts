/**
 * Seeded DLP policies (v2 shape, openapi/bap.yaml `DlpPolicy`) over the seeded environments: a
 * tenant-wide baseline, a policy for every environment but the last (social media blocked), and one
 * for the first non-default environment only (file sharing blocked). So "which policies apply to
 * environment X, and is connector Y blocked there?" has a different answer per environment.
 */
import { COLLECTIONS } from "../tenant/collections.js";
import type { SeedContext } from "./seedContext.js";
import { randomInstant, wireTimestamp } from "./timestamps.js";

/** Connectors the seeded policies classify: name → display name. */
const CONNECTOR_DISPLAY_NAMES: Readonly<Record<string, string>> = {
  shared_sharepointonline: "SharePoint",
  shared_office365: "Office 365 Outlook",
  shared_teams: "Microsoft Teams",
  shared_commondataserviceforapps: "Microsoft Dataverse",
  shared_twitter: "X (formerly Twitter)",
  shared_facebook: "Facebook",
  shared_dropbox: "Dropbox",
  shared_webcontents: "HTTP with Microsoft Entra ID",
};

/** A connector as a policy's connector group lists it. */
function dlpConnectorRef(name: string): { id: string; name: string; type: string } {
  return { id: `/providers/Microsoft.PowerApps/apis/${name}`, name: CONNECTOR_DISPLAY_NAMES[name] ?? name, type: "Microsoft.PowerApps/apis" };
}

/** An environment as a policy lists it. */
function dlpEnvironmentRef(environment: string): { id: string; name: string; type: string } {
  return { id: `${COLLECTIONS.bapEnvironments}/${environment}`, name: environment, type: "Microsoft.BusinessAppPlatform/scopes/environments" };
}

interface PolicyPlan {
  displayName: string;
  environmentType: string;
  environments: readonly string[];
  business: readonly string[];
  blocked: readonly string[];
}

/** The seeded policies for the tenant's environments (`Default-<tenantId>` first). */
export function seedDlpPolicies(ctx: SeedContext, environments: readonly string[]): Record<string, any>[] {
  const { random, directory } = ctx;
  const plans: PolicyPlan[] = [
    { displayName: "Tenant baseline", environmentType: "AllEnvironments", environments: [], business: ["shared_sharepointonline", "shared_office365", "shared_teams"], blocked: [] },
  ];
  if (environments.length > 1) {
    plans.push({ displayName: "Block social media outside the sandbox", environmentType: "ExceptEnvironments", environments: environments.slice(-1), business: [], blocked: ["shared_twitter", "shared_facebook"] });
    plans.push({ displayName: "Business data stays in Microsoft 365", environmentType: "OnlyEnvironments", environments: environments.slice(1, 2), business: ["shared_commondataserviceforapps", "shared_sharepointonline"], blocked: ["shared_dropbox"] });
  }
  return plans.map((plan) => {
    const author = random.pick(directory.ofType("User")).displayName;
    const created = wireTimestamp(randomInstant(random), random);
    return {
      policyDefinition: {
        name: random.guid(),
        displayName: plan.displayName,
        defaultConnectorsClassification: "General",
        environmentType: plan.environmentType,
        environments: plan.environments.map(dlpEnvironmentRef),
        connectorGroups: [
          { classification: "Confidential", connectors: plan.business.map(dlpConnectorRef) },
          { classification: "General", connectors: [] },
          { classification: "Blocked", connectors: plan.blocked.map(dlpConnectorRef) },
        ],
        createdBy: { displayName: author },
        createdTime: created,
        lastModifiedBy: { displayName: author },
        lastModifiedTime: created,
        etag: random.guid(),
        isLegacySchemaVersion: false,
      },
      connectorConfigurationsDefinition: null,
      customConnectorUrlPatternsDefinition: { rules: [{ order: 1, customConnectorRuleClassification: "Ignore", pattern: "*" }] },
    };
  });
}
