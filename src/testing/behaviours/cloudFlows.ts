/**
 * The Dataverse-backed flow lists (cloud flows, their steps, their runs): an environment without a
 * Dataverse database answers 404; the filters are applied (a query parameter named like an item field
 * matches it, case-insensitively; `<field>StartDate`/`<field>EndDate` bound `<field>` by day); and
 * when nothing matches the answer is 204 with no body, as the service sends.
 */
import type { OperationId } from "../../../generated/operations.js";
import { checkParents } from "../operations/genericHandlers.js";
import type { Behaviour, OperationCall } from "../operations/operationCall.js";
import { serviceError } from "../http/wire.js";
import type { Doc } from "../tenant/resourceStore.js";

function matcher(call: OperationCall): (doc: Doc) => boolean {
  const tests: ((doc: Doc) => boolean)[] = [];
  for (const [name, value] of call.url.searchParams) {
    if (name === "api-version" || name.startsWith("$")) continue;
    const range = /^(.+)(Start|End)Date$/.exec(name);
    if (range) {
      const [, field, edge] = range;
      const day = value.slice(0, 10);
      tests.push((doc) => {
        const at = String(doc[field!] ?? "").slice(0, 10);
        return at !== "" && (edge === "Start" ? at >= day : at <= day);
      });
    } else {
      tests.push((doc) => !(name in doc) || String(doc[name]).toLowerCase() === value.toLowerCase());
    }
  }
  return (doc) => tests.every((test) => test(doc));
}

const dataverseList: Behaviour = (call, generic) => {
  checkParents(call);
  const environmentId = call.params.environmentId ?? "";
  const environment = call.state.environment(environmentId);
  if (environment && !environment.dataverseId) {
    throw serviceError(404, "NotFound", `The environment '${environmentId}' does not have a Dataverse database.`);
  }
  call.filter = matcher(call);
  const answer = generic();
  const body = answer.json as { value?: unknown[] } & Record<string, unknown>;
  const nextLinkKey = call.operation.paging?.nextLinkKey;
  const more = nextLinkKey != null && body?.[nextLinkKey] !== undefined;
  return Array.isArray(body?.value) && body.value.length === 0 && !more ? { status: 204 } : answer;
};

/** Behaviours by operation id. */
export const cloudFlowBehaviours = {
  ListCloudFlows: dataverseList,
  ListFlowActions: dataverseList,
  ListFlowRuns: dataverseList,
} satisfies Partial<Record<OperationId, Behaviour>>;
