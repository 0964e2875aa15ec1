/**
 * The connector catalogue of an environment: the route's required `$filter` names the environment the
 * path already names, so it selects nothing further (the generic OData filter would drop every item).
 */
import type { OperationId } from "../../../generated/operations.js";
import { serveGeneric } from "../operations/genericHandlers.js";
import type { Behaviour } from "../operations/operationCall.js";

const listConnectors: Behaviour = (call) => {
  const url = new URL(call.url);
  url.searchParams.delete("$filter");
  return serveGeneric({ ...call, url });
};

/** Behaviours by operation id. */
export const connectivityBehaviours = { ListConnectors: listConnectors } satisfies Partial<Record<OperationId, Behaviour>>;
