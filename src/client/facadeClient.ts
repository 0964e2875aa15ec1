/**
 * What every client is: a service runtime (transport, limiter, token, retries), the facade built
 * from the service's surface table on top of it, and the raw openapi-fetch client beside it.
 */
import type { Client } from "openapi-fetch";
import { lazily, type OperationTable, type TableSource } from "./lazyTables.js";
import type { SurfaceEntry } from "./tables.js";
import type { ServiceDefinition } from "../services/definition.js";
import { buildFacade } from "./facade.js";
import type { ClientOptions } from "./options.js";
import { ServiceRuntime } from "./serviceRuntime.js";

export class FacadeClient<Paths extends {}> {
  /** The underlying openapi-fetch client (same transport): any path of the spec stays reachable. */
  readonly raw: Client<Paths>;
  /** The endpoint origin this client talks to. */
  readonly endpoint: string;

  /** @internal */
  constructor(service: ServiceDefinition, operations: TableSource<OperationTable>, surface: TableSource<readonly SurfaceEntry[]>, options: ClientOptions | undefined) {
    const runtime = new ServiceRuntime<Paths>(service, operations, options);
    // The surface is read now (the facade's shape); the operation table on the first call.
    Object.assign(this, buildFacade(runtime as ServiceRuntime, lazily(surface)()));
    this.raw = runtime.raw;
    this.endpoint = runtime.endpoint;
  }
}
