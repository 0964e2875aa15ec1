/**
 * Answers the two questions admins ask of DLP policies, from policies as the BAP service returns
 * them (openapi/bap.yaml, `DlpPolicy`): does a policy apply to an environment, and how does it
 * classify a connector. Pure functions: no calls, no state.
 */

/** The parts of a stored DLP policy (v2) these functions read. */
export interface DlpPolicyShape {
  policyDefinition?: {
    name?: string;
    displayName?: string;
    environmentType?: string;
    environments?: readonly { name?: string; id?: string }[];
    defaultConnectorsClassification?: string;
    connectorGroups?: readonly { classification?: string; connectors?: readonly { id?: string; name?: string }[] }[];
  };
}

/** How one policy treats one connector. */
export interface DlpConnectorVerdict {
  /** `Confidential` (Business), `General` (Non-business), `Blocked`, or a value the service added. */
  classification: string;
  /** True when the connector is not in any group and gets the policy's default classification. */
  byDefault: boolean;
}

const lastSegment = (value: string): string => value.slice(value.lastIndexOf("/") + 1).toLowerCase();

function definitionOf(policy: DlpPolicyShape): NonNullable<DlpPolicyShape["policyDefinition"]> {
  const definition = policy?.policyDefinition;
  if (!definition || typeof definition !== "object") throw new TypeError("Not a DLP policy: it has no policyDefinition.");
  return definition;
}

/**
 * True when `policy` applies to the environment named `environment` (`Default-<tenantId>` or a
 * GUID; a full environment id is accepted too).
 * @throws RangeError for an `environmentType` this SDK does not know, rather than guessing.
 */
export function dlpPolicyAppliesTo(policy: DlpPolicyShape, environment: string): boolean {
  const definition = definitionOf(policy);
  const wanted = lastSegment(environment);
  const listed = (definition.environments ?? []).some((e) => lastSegment(e.name ?? e.id ?? "") === wanted);
  switch (definition.environmentType) {
    case "AllEnvironments":
      return true;
    case "OnlyEnvironments":
    case "SingleEnvironment":
      return listed;
    case "ExceptEnvironments":
      return !listed;
    default:
      throw new RangeError(
        `DLP policy "${definition.name ?? definition.displayName ?? "?"}" has environmentType "${String(definition.environmentType)}", which this SDK does not know how to apply.`,
      );
  }
}

/**
 * How `policy` classifies `connector` (`shared_twitter` or its full id
 * `/providers/Microsoft.PowerApps/apis/shared_twitter`).
 * @throws TypeError when the policy has no `connectorGroups`: list results leave them out, so read
 * the policy itself (`dlpPolicies.get`) first.
 */
export function dlpConnectorClassification(policy: DlpPolicyShape, connector: string): DlpConnectorVerdict {
  const definition = definitionOf(policy);
  if (!Array.isArray(definition.connectorGroups)) {
    throw new TypeError(
      `DLP policy "${definition.name ?? definition.displayName ?? "?"}" has no connectorGroups: list results leave them out; read the policy with dlpPolicies.get first.`,
    );
  }
  const wanted = lastSegment(connector);
  for (const group of definition.connectorGroups) {
    const connectors: readonly { id?: string; name?: string }[] = group.connectors ?? [];
    if (connectors.some((c) => lastSegment(c.id ?? c.name ?? "") === wanted)) {
      return { classification: String(group.classification), byDefault: false };
    }
  }
  return { classification: String(definition.defaultConnectorsClassification ?? "General"), byDefault: true };
}
