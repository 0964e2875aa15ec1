/**
 * Fixed vocabularies the seed draws from: people, groups, app and environment names, the well-known
 * connectors, and the Microsoft application packages. Plain data, no logic.
 */

/** Display names of the tenant's users (the usual Microsoft demo tenant). */
export const PEOPLE: readonly string[] = [
  "Megan Bowen", "Adele Vance", "Alex Wilber", "Diego Siciliani", "Isaiah Langer", "Johanna Lorenz",
  "Joni Sherman", "Lee Gu", "Lidia Holloway", "Lynne Robbins", "Miriam Graham", "Nestor Wilke",
  "Patti Fernandez", "Pradeep Gupta", "Grady Archie", "Henrietta Mueller",
];

/** Display names of security groups apps get shared with. */
export const GROUPS: readonly string[] = ["Finance team", "Field Engineers", "HR Business Partners", "Sales Europe"];

/** Display names of service principals (automation accounts). */
export const SERVICE_PRINCIPALS: readonly string[] = ["CoE Automation"];

/** Display names of non-default environments. */
export const ENVIRONMENT_NAMES: readonly string[] = [
  "Contoso Production", "Contoso Test", "Finance Apps", "HR Sandbox", "Field Service", "Marketing Dev",
  "Operations", "Sales Europe", "Training", "Integration",
];

/** Environment types (SKUs) of non-default environments. */
export const ENVIRONMENT_TYPES: readonly string[] = ["Production", "Sandbox", "Production", "Developer", "Sandbox", "Trial"];

/** Geographies with their Azure regions and Dataverse URL host. */
export const GEOS: readonly { geo: string; regions: readonly string[]; crmHost: string }[] = [
  { geo: "unitedstates", regions: ["westus", "eastus"], crmHost: "crm.dynamics.com" },
  { geo: "europe", regions: ["westeurope", "northeurope"], crmHost: "crm4.dynamics.com" },
];

/** Display names of canvas apps. */
export const APP_NAMES: readonly string[] = [
  "Expense Tracker", "Site Inspection", "Leave Request", "Asset Checkout", "Help Desk", "Room Booking",
  "Onboarding Checklist", "Timesheet", "Inventory Counter", "Visitor Sign-in", "Travel Request",
  "Budget Planner", "Safety Audit", "Purchase Approvals", "Event Registration", "Project Tracker",
  "Fleet Log", "Service Desk", "Contract Review", "Meeting Notes", "Time Off Planner", "Lunch Orders",
  "Training Catalog", "Vendor Portal", "Maintenance Requests", "Badge Requests", "Sales Pipeline",
  "Customer Feedback", "Shift Swap", "Equipment Loans",
];

/** Sentences used as app descriptions. */
export const APP_DESCRIPTIONS: readonly string[] = [
  "Submit and approve requests.", "Used by the field team every day.", "Replaces the old spreadsheet.",
  "Pilot for the operations department.", "Tracks items and who has them.",
];

/** A connector the seed creates connections for. */
export interface WellKnownConnector {
  name: string;
  displayName: string;
  iconSlug: string;
  tier: "Standard" | "Premium";
  dataSource: string;
  /** True when the connection signs in as a user (its display name is the user's mail). */
  userAccount: boolean;
}

/** Microsoft's shared connectors, by connector name. */
export const CONNECTORS: readonly WellKnownConnector[] = [
  { name: "shared_office365users", displayName: "Office 365 Users", iconSlug: "office365users", tier: "Standard", dataSource: "Office365Users", userAccount: true },
  { name: "shared_sharepointonline", displayName: "SharePoint", iconSlug: "sharepointonline", tier: "Standard", dataSource: "SharePoint", userAccount: true },
  { name: "shared_office365", displayName: "Office 365 Outlook", iconSlug: "office365", tier: "Standard", dataSource: "Office365Outlook", userAccount: true },
  { name: "shared_teams", displayName: "Microsoft Teams", iconSlug: "teams", tier: "Standard", dataSource: "MicrosoftTeams", userAccount: true },
  { name: "shared_onedriveforbusiness", displayName: "OneDrive for Business", iconSlug: "onedriveforbusiness", tier: "Standard", dataSource: "OneDriveForBusiness", userAccount: true },
  { name: "shared_approvals", displayName: "Approvals", iconSlug: "approvals", tier: "Standard", dataSource: "Approvals", userAccount: false },
  { name: "shared_excelonlinebusiness", displayName: "Excel Online (Business)", iconSlug: "excelonlinebusiness", tier: "Standard", dataSource: "ExcelOnlineBusiness", userAccount: true },
  { name: "shared_commondataserviceforapps", displayName: "Microsoft Dataverse", iconSlug: "commondataserviceforapps", tier: "Premium", dataSource: "Dataverse", userAccount: true },
  { name: "shared_sql", displayName: "SQL Server", iconSlug: "sql", tier: "Premium", dataSource: "SqlServer", userAccount: false },
  { name: "shared_logicflows", displayName: "Logic flows", iconSlug: "logicflows", tier: "Standard", dataSource: "LogicFlows", userAccount: false },
];

/** Display names of custom connectors. */
export const CUSTOM_CONNECTOR_NAMES: readonly string[] = [
  "Contoso API", "Fabrikam Orders", "Northwind Inventory", "Tailspin Flights", "Woodgrove Payments", "Litware HR",
];

/** A Microsoft application package the tenant can install. */
export interface PackageDefinition {
  uniqueName: string;
  name: string;
  description: string;
  version: string;
  catalogVisibility: string;
  applicationVisibility: string;
  learnMoreUrl: string | null;
}

/** The application packages of the tenant's catalog. */
export const PACKAGES: readonly PackageDefinition[] = [
  { uniqueName: "MicrosoftFormsPro", name: "Dynamics 365 Customer Voice", description: "Collect and analyse customer feedback with surveys.", version: "2.0.0.45", catalogVisibility: "None", applicationVisibility: "All", learnMoreUrl: "https://go.microsoft.com/fwlink/?linkid=2108406" },
  { uniqueName: "msdyn_ProjectServiceCore", name: "Project Operations", description: "Plan, deliver and bill projects.", version: "4.100.0.12", catalogVisibility: "AdminCenter", applicationVisibility: "OneAdminCenter", learnMoreUrl: null },
  { uniqueName: "msdyn_FieldServiceAnchor", name: "Field Service", description: "Schedule and dispatch field technicians.", version: "8.8.112.23", catalogVisibility: "AdminCenter", applicationVisibility: "All", learnMoreUrl: "https://go.microsoft.com/fwlink/?linkid=2166813" },
  { uniqueName: "msdyn_CreatorKitCore", name: "Creator Kit", description: "Components and templates for app makers.", version: "1.0.20240304.1", catalogVisibility: "All", applicationVisibility: "All", learnMoreUrl: "https://aka.ms/creatorkit" },
  { uniqueName: "msdyn_AppProfileManagerAnchor", name: "App profile manager", description: "Manage app profiles for Customer Service.", version: "1.1.5.12", catalogVisibility: "AdminCenter", applicationVisibility: "OneAdminCenter", learnMoreUrl: null },
];

/** Publisher of the Microsoft packages. */
export const PACKAGE_PUBLISHER = { id: "7ea093b9-8c1d-4e2f-93a4-b5c6d7e8f9a0", name: "Microsoft Dynamics 365" } as const;
