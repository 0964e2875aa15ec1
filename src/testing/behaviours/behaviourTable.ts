/**
 * Every hand-written behaviour, by operation id, and the read hooks that settle what time changes
 * (billing-policy provisioning, package installs) before a collection is read. Any operation not
 * listed here gets the generic answer of its kind.
 */
import type { Behaviour } from "../operations/operationCall.js";
import { COLLECTIONS } from "../tenant/collections.js";
import type { ReadHook } from "../tenant/emulatorState.js";
import { advisorBehaviours } from "./advisor.js";
import { appBehaviours } from "./apps.js";
import { bapEnvironmentBehaviours } from "./bapEnvironments.js";
import { dlpPolicyBehaviours } from "./dlpPolicies.js";
import { flowBehaviours } from "./flows.js";
import { tenantGovernanceBehaviours } from "./tenantGovernance.js";
import { billingPolicyBehaviours, billingPolicyHooks } from "./billingPolicies.js";
import { cloudFlowBehaviours } from "./cloudFlows.js";
import { connectionBehaviours } from "./connections.js";
import { environmentGroupBehaviours, settleEnvironments } from "./environmentGroups.js";
import { environmentLifecycleBehaviours } from "./environmentLifecycle.js";
import { connectivityBehaviours } from "./connectivity.js";
import { copilotStudioBehaviours } from "./copilotStudio.js";
import { dataSubjectRequestBehaviours } from "./dataSubjectRequests.js";
import { environmentSettingsBehaviours } from "./environmentSettings.js";
import { packageInstallBehaviours, packageInstallHooks } from "./packageInstalls.js";
import { rbacAssignmentBehaviours } from "./rbacAssignments.js";
import { resourceQueryBehaviours } from "./resourceQuery.js";
import { powerPagesWebsiteBehaviours, powerPagesWebsiteHooks } from "./powerPagesWebsites.js";
import { roleEditBehaviours } from "./roleEdits.js";
import { ruleAssignmentBehaviours } from "./ruleAssignments.js";

/** Hand-written behaviours by operation id. */
export const behaviours: ReadonlyMap<string, Behaviour> = new Map(
  Object.entries({
    ...appBehaviours,
    ...roleEditBehaviours,
    ...connectionBehaviours,
    ...billingPolicyBehaviours,
    ...packageInstallBehaviours,
    ...bapEnvironmentBehaviours,
    ...dlpPolicyBehaviours,
    ...tenantGovernanceBehaviours,
    ...flowBehaviours,
    ...environmentLifecycleBehaviours,
    ...environmentGroupBehaviours,
    ...ruleAssignmentBehaviours,
    ...rbacAssignmentBehaviours,
    ...resourceQueryBehaviours,
    ...connectivityBehaviours,
    ...advisorBehaviours,
    ...cloudFlowBehaviours,
    ...powerPagesWebsiteBehaviours,
    ...copilotStudioBehaviours,
    ...dataSubjectRequestBehaviours,
    ...environmentSettingsBehaviours,
  }),
);

/** Read hooks by collection template. */
export const readHooks: ReadonlyMap<string, ReadHook> = new Map(
  Object.entries({ ...billingPolicyHooks, ...packageInstallHooks, ...powerPagesWebsiteHooks, [COLLECTIONS.environments]: settleEnvironments }),
);
