/**
 * Seeded cloud flows, in the Power Automate admin shape (openapi/power-automate-admin.yaml `Flow`),
 * with their role assignments: the creator owns each flow, some are co-owned by a group. Most flows
 * are on, some off, a few suspended; a few are soft-deleted (listed only with
 * `include=softDeletedFlows`).
 */
import type { Principal } from "./wireShapes.js";
import type { SeedContext } from "./seedContext.js";
import { randomInstant, wireTimestamp } from "./timestamps.js";

/** Display names of cloud flows. */
const FLOW_NAMES: readonly string[] = [
  "Notify approvers of new expense reports", "Copy Forms responses to SharePoint", "Daily digest of overdue tasks",
  "Save email attachments to OneDrive", "Post new leads to Teams", "Sync HR changes to Dataverse",
  "Escalate unanswered help desk tickets", "Archive closed projects", "Weekly capacity report",
  "Welcome new starters", "Flag invoices over budget", "Remind managers of pending timesheets",
];

/** Trigger and action kinds a flow's definition summary shows: [trigger type, operation id, actions]. */
const DEFINITIONS: readonly [string, string, readonly string[]][] = [
  ["OpenApiConnectionWebhook", "OnNewChannelMessage", ["CreateTask_V3"]],
  ["Recurrence", "", ["GetItems", "SendEmailV2"]],
  ["OpenApiConnection", "GetOnNewItems", ["PostMessageToConversation", "UpdateItem"]],
  ["Request", "", ["StartAndWaitForAnApproval", "SendEmailV2"]],
];

/** A flow and who may edit it. */
export interface FlowRecord {
  flow: Record<string, any>;
  /** Role assignments keyed by assignment name (the principal id). */
  roles: Map<string, Record<string, any>>;
}

/** What a test may choose of a seeded flow. */
export interface FlowSeed {
  displayName?: string;
  /** `Started` (default for most), `Stopped`, `Suspended` or `Deleted` (soft-deleted). */
  state?: string;
  /** Object id of the creator (the owner); default a user of the directory. */
  creatorId?: string;
}

/** The admin id of a flow (the service answers with the maker form, `/providers/Microsoft.ProcessSimple/environments/...`). */
function flowId(environment: string, flowName: string): string {
  return `/providers/Microsoft.ProcessSimple/environments/${environment}/flows/${flowName}`;
}

/** A principal as the flow permission list shows it: no null fields. */
function flowPrincipal(principal: Principal): Record<string, string> {
  const out: Record<string, string> = { id: String(principal.id), type: String(principal.type) };
  if (principal.displayName) out.displayName = principal.displayName;
  if (principal.email) out.email = principal.email;
  if (principal.tenantId) out.tenantId = principal.tenantId;
  return out;
}

/** A flow role assignment, shaped as the flow owner list reads it back. */
export function flowRoleAssignment(environment: string, flowName: string, principal: Principal, roleName: string): Record<string, any> {
  const name = String(principal.id);
  return {
    name,
    id: `${flowId(environment, flowName)}/permissions/${name}`,
    type: "/providers/Microsoft.ProcessSimple/environments/flows/permissions",
    properties: { roleName, permissionType: "Principal", principal: flowPrincipal(principal) },
  };
}

/** Builds flow number `index` of `environment`. */
export function seedFlow(ctx: SeedContext, environment: string, index: number, seed: FlowSeed = {}): FlowRecord {
  const { random, tenantId, directory } = ctx;
  const name = random.guid();
  const creator = seed.creatorId ? directory.principal(seed.creatorId) : directory.principalOf(random.pick(directory.ofType("User")));
  const [triggerType, triggerOperation, actions] = random.pick(DEFINITIONS);
  const created = randomInstant(random);
  const modified = randomInstant(random, undefined, created);
  const roll = random.next();
  const state = seed.state ?? (roll < 0.75 ? "Started" : roll < 0.93 ? "Stopped" : "Suspended");
  const base = FLOW_NAMES[index % FLOW_NAMES.length]!;
  const round = Math.floor(index / FLOW_NAMES.length);
  const flow = {
    name,
    id: flowId(environment, name),
    type: "Microsoft.ProcessSimple/environments/flows",
    properties: {
      apiId: "/providers/Microsoft.PowerApps/apis/shared_logicflows",
      displayName: seed.displayName ?? (round > 0 ? `${base} (${round + 1})` : base),
      state,
      createdTime: wireTimestamp(created, random),
      lastModifiedTime: wireTimestamp(modified, random),
      flowSuspensionReason: state === "Suspended" ? "DlpPolicyViolation" : "None",
      environment: { name: environment, type: "Microsoft.ProcessSimple/environments", id: `/providers/Microsoft.ProcessSimple/environments/${environment}` },
      definitionSummary: {
        triggers: [{ type: triggerType, ...(triggerOperation ? { swaggerOperationId: triggerOperation } : {}), metadata: {} }],
        actions: actions.map((swaggerOperationId) => ({ type: "OpenApiConnection", swaggerOperationId, metadata: {} })),
      },
      creator: { tenantId, objectId: String(creator.id), userId: String(creator.id), userType: "ActiveDirectory" },
      flowFailureAlertSubscribed: false,
      isManaged: false,
    },
  };
  const roles = new Map<string, Record<string, any>>();
  roles.set(String(creator.id).toLowerCase(), flowRoleAssignment(environment, name, creator, "Owner"));
  if (random.chance(0.3)) {
    const group = directory.principalOf(random.pick(directory.ofType("Group")));
    roles.set(String(group.id).toLowerCase(), flowRoleAssignment(environment, name, group, "CanEdit"));
  }
  return { flow, roles };
}
