/**
 * PowerAppsAdminClient: the Power Apps admin API (api.powerapps.com), one method per action of the
 * "Power Apps for Admins" connector plus the quarantine read-back. Every argument and result type
 * comes from openapi/powerapps-admin.yaml through generated/.
 */
import type { Client } from "openapi-fetch";
import type { operations, paths } from "../../generated/powerapps-admin.js";
import type { PagedAsyncIterableIterator } from "../core/paging.js";
import type { ArgsOf, ItemOf, ResultOf } from "../client/facadeTypes.js";
import type { ClientOptions } from "../client/options.js";
import { requireSomeEdit } from "../client/roleAssignmentEdits.js";
import { ServiceRuntime } from "../client/serviceRuntime.js";

type Op<K extends keyof operations> = operations[K];

/** Apps: inventory, ownership, quarantine, conditional access, sharing. */
export class AppsOperations {
  /** @internal */
  constructor(private readonly runtime: ServiceRuntime<paths>) {}

  /** Every app of an environment (Get-AdminApps); pages follow the service's next links. */
  list(args: ArgsOf<Op<"Get-AdminApps">, "skiptoken">): PagedAsyncIterableIterator<ItemOf<Op<"Get-AdminApps">>> {
    return this.runtime.list("Get-AdminApps", args);
  }

  /** One app (Get-AdminApp); an unknown app rejects with code `AppNotFound`. */
  async get(args: ArgsOf<Op<"Get-AdminApp">>): Promise<ResultOf<Op<"Get-AdminApp">>> {
    return (await this.runtime.call<ResultOf<Op<"Get-AdminApp">>>("Get-AdminApp", args)).data;
  }

  /** Deletes an app (Remove-AdminApp). The service answers 403, not 404, for an unknown app. */
  async remove(args: ArgsOf<Op<"Remove-AdminApp">>): Promise<void> {
    await this.runtime.call("Remove-AdminApp", args);
  }

  /**
   * Makes `newAppOwner` (an Entra object id) the owner (Set-AdminAppOwner). Without
   * `roleForOldAppOwner` the previous owner loses access; with it they keep that role.
   */
  async setOwner(args: ArgsOf<Op<"Set-AdminAppOwner">>): Promise<ResultOf<Op<"Set-AdminAppOwner">> | undefined> {
    return (await this.runtime.call<ResultOf<Op<"Set-AdminAppOwner">> | undefined>("Set-AdminAppOwner", args)).data;
  }

  /** Quarantines or releases an app (Set-AppQuarantineState). */
  async setQuarantineState(args: ArgsOf<Op<"Set-AppQuarantineState">>): Promise<ResultOf<Op<"Set-AppQuarantineState">> | undefined> {
    return (await this.runtime.call<ResultOf<Op<"Set-AppQuarantineState">> | undefined>("Set-AppQuarantineState", args)).data;
  }

  /** Reads an app's quarantine state back (Get-AppQuarantineState). */
  async getQuarantineState(args: ArgsOf<Op<"Get-AppQuarantineState">>): Promise<ResultOf<Op<"Get-AppQuarantineState">>> {
    return (await this.runtime.call<ResultOf<Op<"Get-AppQuarantineState">>>("Get-AppQuarantineState", args)).data;
  }

  /** An app's conditional-access authentication context ids (Get-PowerAppConditionalAccess). */
  async getConditionalAccess(args: ArgsOf<Op<"Get-PowerAppConditionalAccess">>): Promise<ResultOf<Op<"Get-PowerAppConditionalAccess">>> {
    return (await this.runtime.call<ResultOf<Op<"Get-PowerAppConditionalAccess">>>("Get-PowerAppConditionalAccess", args)).data;
  }

  /** Sets the authentication context ids (Set-PowerAppConditionalAccess); an empty array clears them. */
  async setConditionalAccess(
    args: ArgsOf<Op<"Set-PowerAppConditionalAccess">>,
  ): Promise<ResultOf<Op<"Set-PowerAppConditionalAccess">> | undefined> {
    return (await this.runtime.call<ResultOf<Op<"Set-PowerAppConditionalAccess">> | undefined>("Set-PowerAppConditionalAccess", args)).data;
  }

  /** Who has which role on an app (Get-AdminAppRoleAssignment). */
  listRoleAssignments(
    args: ArgsOf<Op<"Get-AdminAppRoleAssignment">>,
  ): PagedAsyncIterableIterator<ItemOf<Op<"Get-AdminAppRoleAssignment">>> {
    return this.runtime.list("Get-AdminAppRoleAssignment", args);
  }

  /** Grants (`put`) and revokes (`delete`) app roles in one call (Edit-AdminAppRoleAssignment). */
  async editRoleAssignments(args: ArgsOf<Op<"Edit-AdminAppRoleAssignment">>): Promise<ResultOf<Op<"Edit-AdminAppRoleAssignment">> | undefined> {
    requireSomeEdit("Edit-AdminAppRoleAssignment", args);
    return (await this.runtime.call<ResultOf<Op<"Edit-AdminAppRoleAssignment">> | undefined>("Edit-AdminAppRoleAssignment", args)).data;
  }
}

/** Connections: inventory, removal, sharing. */
export class ConnectionsOperations {
  /** @internal */
  constructor(private readonly runtime: ServiceRuntime<paths>) {}

  /** Every connection of an environment (Get-AdminConnections). */
  list(args: ArgsOf<Op<"Get-AdminConnections">>): PagedAsyncIterableIterator<ItemOf<Op<"Get-AdminConnections">>> {
    return this.runtime.list("Get-AdminConnections", args);
  }

  /** Deletes a connection (Remove-AdminConnection). */
  async remove(args: ArgsOf<Op<"Remove-AdminConnection">>): Promise<void> {
    await this.runtime.call("Remove-AdminConnection", args);
  }

  /** Who has which role on a connection (Get-AdminConnectionRoleAssignment). */
  listRoleAssignments(
    args: ArgsOf<Op<"Get-AdminConnectionRoleAssignment">>,
  ): PagedAsyncIterableIterator<ItemOf<Op<"Get-AdminConnectionRoleAssignment">>> {
    return this.runtime.list("Get-AdminConnectionRoleAssignment", args);
  }

  /** Grants and revokes connection roles (Edit-AdminConnectionRoleAssignment). */
  async editRoleAssignments(
    args: ArgsOf<Op<"Edit-AdminConnectionRoleAssignment">>,
  ): Promise<ResultOf<Op<"Edit-AdminConnectionRoleAssignment">> | undefined> {
    requireSomeEdit("Edit-AdminConnectionRoleAssignment", args);
    return (await this.runtime.call<ResultOf<Op<"Edit-AdminConnectionRoleAssignment">> | undefined>("Edit-AdminConnectionRoleAssignment", args)).data;
  }
}

/** Custom connectors: inventory and sharing. */
export class ConnectorsOperations {
  /** @internal */
  constructor(private readonly runtime: ServiceRuntime<paths>) {}

  /** Every custom connector of an environment (Get-AdminConnectors). */
  listCustom(args: ArgsOf<Op<"Get-AdminConnectors">>): PagedAsyncIterableIterator<ItemOf<Op<"Get-AdminConnectors">>> {
    return this.runtime.list("Get-AdminConnectors", args);
  }

  /** Who has which role on a custom connector (Get-AdminConnectorRoleAssignment). */
  listRoleAssignments(
    args: ArgsOf<Op<"Get-AdminConnectorRoleAssignment">>,
  ): PagedAsyncIterableIterator<ItemOf<Op<"Get-AdminConnectorRoleAssignment">>> {
    return this.runtime.list("Get-AdminConnectorRoleAssignment", args);
  }

  /** Grants and revokes connector roles (Edit-AdminConnectorRoleAssignment). */
  async editRoleAssignments(
    args: ArgsOf<Op<"Edit-AdminConnectorRoleAssignment">>,
  ): Promise<ResultOf<Op<"Edit-AdminConnectorRoleAssignment">> | undefined> {
    requireSomeEdit("Edit-AdminConnectorRoleAssignment", args);
    return (await this.runtime.call<ResultOf<Op<"Edit-AdminConnectorRoleAssignment">> | undefined>("Edit-AdminConnectorRoleAssignment", args)).data;
  }
}

/**
 * Client for the Power Apps admin API (`https://api.powerapps.com`, scope
 * `https://service.powerapps.com/.default` in the public cloud).
 */
export class PowerAppsAdminClient {
  readonly apps: AppsOperations;
  readonly connections: ConnectionsOperations;
  readonly connectors: ConnectorsOperations;
  /** The underlying openapi-fetch client (same transport): any path of the spec stays reachable. */
  readonly raw: Client<paths>;
  /** The endpoint origin this client talks to. */
  readonly endpoint: string;

  constructor(options?: ClientOptions) {
    const runtime = new ServiceRuntime<paths>("powerAppsAdmin", options);
    this.apps = new AppsOperations(runtime);
    this.connections = new ConnectionsOperations(runtime);
    this.connectors = new ConnectorsOperations(runtime);
    this.raw = runtime.raw;
    this.endpoint = runtime.endpoint;
  }
}
