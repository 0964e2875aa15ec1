/**
 * What the route handlers share: the origin they serve, the request pipeline, the tenant state and
 * the pager.
 */
import type { operationTable, ServiceName } from "../../generated/operations.js";
import type { Pager } from "./paging.js";
import type { OperationImpl, RequestPipeline } from "./pipeline.js";
import { routeOf } from "./routes.js";
import type { EmulatorState } from "./state.js";

/** Collaborators of the route handlers. */
export interface HandlerDeps {
  baseUrl: string;
  pipeline: RequestPipeline;
  state: EmulatorState;
  pager: Pager;
}

/** The answer of a write action per the state's behaviour switch: 200 `{}` or an empty 202/204. */
export function writeActionResponse(state: EmulatorState): Response {
  const status = state.behavior.writeActionStatus;
  return status === 200 ? Response.json({}, { status }) : new Response(null, { status });
}

/** The part of openapi-msw's resolver info the runner needs. */
export interface ResolverInfo<R> {
  request: Request;
  response: { untyped(response: Response): R };
}

/**
 * Binds a service's operations to the pipeline: `run(info, operationId, impl)` sends the request
 * through every gate and answers with what `impl` returns, typed for openapi-msw.
 */
export function operationRunner<S extends ServiceName>(pipeline: RequestPipeline, service: S) {
  return <R>(info: ResolverInfo<R>, operationId: keyof (typeof operationTable)[S] & string, impl: OperationImpl): Promise<R> =>
    pipeline.handle(info.request, routeOf(service, operationId), impl).then((response) => info.response.untyped(response));
}
