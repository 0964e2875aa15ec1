/**
 * Every hand-written behaviour, by operation id, and the read hooks that settle what time changes
 * (billing-policy provisioning, package installs) before a collection is read. Any operation not
 * listed here gets the generic answer of its kind.
 */
import type { Behaviour } from "../operations/operationCall.js";
import type { ReadHook } from "../tenant/emulatorState.js";
import { advisorBehaviours } from "./advisor.js";
import { appBehaviours } from "./apps.js";
import { billingPolicyBehaviours, billingPolicyHooks } from "./billingPolicies.js";
import { cloudFlowBehaviours } from "./cloudFlows.js";
import { connectionBehaviours } from "./connections.js";
import { connectivityBehaviours } from "./connectivity.js";
import { packageInstallBehaviours, packageInstallHooks } from "./packageInstalls.js";
import { rbacAssignmentBehaviours } from "./rbacAssignments.js";
import { resourceQueryBehaviours } from "./resourceQuery.js";
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
    ...ruleAssignmentBehaviours,
    ...rbacAssignmentBehaviours,
    ...resourceQueryBehaviours,
    ...connectivityBehaviours,
    ...advisorBehaviours,
    ...cloudFlowBehaviours,
  }),
);

/** Read hooks by collection template. */
export const readHooks: ReadonlyMap<string, ReadHook> = new Map(Object.entries({ ...billingPolicyHooks, ...packageInstallHooks }));
