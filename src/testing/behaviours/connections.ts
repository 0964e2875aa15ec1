/**
 * Connections are listed per environment but addressed under their connector: deleting
 * `/apis/{connector}/connections/{name}` removes the connection from the environment's list (404
 * when it does not exist or belongs to another connector), with its role assignments.
 */
import { checkParents, emptyAnswer } from "../operations/genericHandlers.js";
import type { OperationId } from "../../../generated/operations.js";
import type { Behaviour } from "../operations/operationCall.js";
import { pathOf } from "../tenant/collections.js";
import { notFound } from "../http/wire.js";

const removeConnection: Behaviour = (call) => {
  checkParents(call);
  const { environment = "", connectorName = "", connectionName = "" } = call.params;
  const path = pathOf("connections", { environment });
  const connection = call.state.store.get(path, connectionName);
  if (!connection || String(connection.properties?.apiId ?? "").split("/").pop()?.toLowerCase() !== connectorName.toLowerCase()) throw notFound("connectionName", connectionName);
  call.state.store.remove(path, connectionName);
  call.state.store.drop(pathOf("connectionRoles", { environment, connectorName, connectionName }));
  return emptyAnswer(call);
};

/** Behaviours by operation id. */
export const connectionBehaviours = { "Remove-AdminConnection": removeConnection } satisfies Partial<Record<OperationId, Behaviour>>;
