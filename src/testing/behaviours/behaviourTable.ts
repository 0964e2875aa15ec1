/**
 * Every hand-written behaviour, by operation id, and the read hooks that settle what time changes
 * (billing-policy provisioning, package installs) before a collection is read. Any operation not
 * listed here gets the generic answer of its kind.
 */
import type { Behaviour } from "../operations/operationCall.js";
import type { ReadHook } from "../tenant/emulatorState.js";
import { appBehaviours } from "./apps.js";
import { billingPolicyBehaviours, billingPolicyHooks } from "./billingPolicies.js";
import { connectionBehaviours } from "./connections.js";
import { packageInstallBehaviours, packageInstallHooks } from "./packageInstalls.js";
import { roleEditBehaviours } from "./roleEdits.js";

/** Hand-written behaviours by operation id. */
export const behaviours: ReadonlyMap<string, Behaviour> = new Map(
  Object.entries({ ...appBehaviours, ...roleEditBehaviours, ...connectionBehaviours, ...billingPolicyBehaviours, ...packageInstallBehaviours }),
);

/** Read hooks by collection template. */
export const readHooks: ReadonlyMap<string, ReadHook> = new Map(Object.entries({ ...billingPolicyHooks, ...packageInstallHooks }));
