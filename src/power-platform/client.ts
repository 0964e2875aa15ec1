/**
 * PowerPlatformClient: the Power Platform API (api.powerplatform.com) — licensing, app management,
 * environments and apps. Argument and result types come from openapi/power-platform.yaml.
 */
import type { Client } from "openapi-fetch";
import type { operations, paths } from "../../generated/power-platform.js";
import type { PagedAsyncIterableIterator } from "../core/paging.js";
import { pollUntilDone } from "../core/poller.js";
import type { ArgsOf, ItemOf, ResultOf } from "../client/facadeTypes.js";
import type { CallOptions, ClientOptions } from "../client/options.js";
import { ServiceRuntime } from "../client/serviceRuntime.js";
import { InstallPackagePoller, pollerStateFromInstall } from "./installPackagePoller.js";

type Op<K extends keyof operations> = operations[K];
/** Licensing lists take `$top` as a string on the wire; callers pass a number. */
type WithNumericTop<A> = Omit<A, "top"> & { top?: number };

/** Billing-policy statuses after which provisioning is over. */
const SETTLED_BILLING_STATUSES = new Set(["enabled", "disabled"]);
/** How long waitForProvisioning waits by default (the Terraform provider uses the same bound). */
const DEFAULT_PROVISIONING_TIMEOUT_IN_MS = 20 * 60_000;

/** Options of `billingPolicies.waitForProvisioning`. */
export interface WaitForProvisioningOptions extends Omit<CallOptions, "apiVersion"> {
  billingPolicyId: string;
  /** Wait between polls (default: the client's pollIntervalInMs). */
  pollIntervalInMs?: number;
  /** Give up after this long with code `Timeout` (default 20 minutes); provisioning goes on. */
  timeoutInMs?: number;
}

export class BillingPoliciesOperations {
  /** @internal */
  constructor(private readonly runtime: ServiceRuntime<paths>) {}

  /** Every billing policy of the tenant (ListBillingPolicies). */
  list(args?: WithNumericTop<ArgsOf<Op<"ListBillingPolicies">>>): PagedAsyncIterableIterator<ItemOf<Op<"ListBillingPolicies">>> {
    return this.runtime.list("ListBillingPolicies", args);
  }

  /** Creates a pay-as-you-go billing policy (CreateBillingPolicy); it starts `Provisioning`, see waitForProvisioning. */
  async create(args: ArgsOf<Op<"CreateBillingPolicy">>): Promise<ResultOf<Op<"CreateBillingPolicy">>> {
    return (await this.runtime.call<ResultOf<Op<"CreateBillingPolicy">>>("CreateBillingPolicy", args)).data;
  }

  /** One billing policy (GetBillingPolicy); unknown ids reject with code `BillingPolicyNotFound`. */
  async get(args: ArgsOf<Op<"GetBillingPolicy">>): Promise<ResultOf<Op<"GetBillingPolicy">>> {
    return (await this.runtime.call<ResultOf<Op<"GetBillingPolicy">>>("GetBillingPolicy", args)).data;
  }

  /** Renames or enables/disables a policy (UpdateBillingPolicy, a PUT of `{name?, status?}`). */
  async update(args: ArgsOf<Op<"UpdateBillingPolicy">>): Promise<ResultOf<Op<"UpdateBillingPolicy">>> {
    const { name, status } = (args ?? {}) as { name?: unknown; status?: unknown };
    if (name === undefined && status === undefined) throw new TypeError('UpdateBillingPolicy: give "name", "status" or both.');
    return (await this.runtime.call<ResultOf<Op<"UpdateBillingPolicy">>>("UpdateBillingPolicy", args)).data;
  }

  /** Deletes a billing policy (DeleteBillingPolicy). */
  async delete(args: ArgsOf<Op<"DeleteBillingPolicy">>): Promise<void> {
    await this.runtime.call("DeleteBillingPolicy", args);
  }

  /** Asks the service to re-check provisioning (RefreshBillingPolicyProvisioningStatus). */
  async refreshProvisioningStatus(
    args: ArgsOf<Op<"RefreshBillingPolicyProvisioningStatus">>,
  ): Promise<ResultOf<Op<"RefreshBillingPolicyProvisioningStatus">>> {
    return (await this.runtime.call<ResultOf<Op<"RefreshBillingPolicyProvisioningStatus">>>("RefreshBillingPolicyProvisioningStatus", args)).data;
  }

  /**
   * Polls GetBillingPolicy until the policy leaves `Provisioning` (status `Enabled` or `Disabled`)
   * and returns it. Aborting or timing out stops the waiting only.
   */
  async waitForProvisioning(args: WaitForProvisioningOptions): Promise<ResultOf<Op<"GetBillingPolicy">>> {
    const { billingPolicyId, abortSignal, pollIntervalInMs, timeoutInMs } = (args ?? {}) as WaitForProvisioningOptions;
    for (const [name, value] of [["pollIntervalInMs", pollIntervalInMs], ["timeoutInMs", timeoutInMs]] as const) {
      if (value !== undefined && !(typeof value === "number" && value >= 0 && Number.isFinite(value))) {
        throw new RangeError(`waitForProvisioning: "${name}" must be a non-negative number of milliseconds.`);
      }
    }
    return pollUntilDone(
      async (signal) => {
        const policy = await this.get({ billingPolicyId, abortSignal: signal });
        return { done: SETTLED_BILLING_STATUSES.has(String(policy.status).toLowerCase()), value: policy };
      },
      {
        clock: this.runtime.clock,
        intervalInMs: pollIntervalInMs ?? this.runtime.pollIntervalInMs,
        abortSignal,
        timeoutInMs: timeoutInMs ?? DEFAULT_PROVISIONING_TIMEOUT_IN_MS,
        what: `Billing policy ${billingPolicyId} provisioning`,
      },
    );
  }

  /** Environments linked to a policy (ListBillingPolicyEnvironments). */
  listEnvironments(
    args: ArgsOf<Op<"ListBillingPolicyEnvironments">>,
  ): PagedAsyncIterableIterator<ItemOf<Op<"ListBillingPolicyEnvironments">>> {
    return this.runtime.list("ListBillingPolicyEnvironments", args);
  }

  /** One policy ↔ environment link (GetBillingPolicyEnvironment). */
  async getEnvironment(args: ArgsOf<Op<"GetBillingPolicyEnvironment">>): Promise<ResultOf<Op<"GetBillingPolicyEnvironment">>> {
    return (await this.runtime.call<ResultOf<Op<"GetBillingPolicyEnvironment">>>("GetBillingPolicyEnvironment", args)).data;
  }

  /** Links environments to a policy (AddBillingPolicyEnvironments). */
  async addEnvironments(args: ArgsOf<Op<"AddBillingPolicyEnvironments">>): Promise<void> {
    await this.runtime.call("AddBillingPolicyEnvironments", args);
  }

  /** Unlinks environments from a policy (RemoveBillingPolicyEnvironments). */
  async removeEnvironments(args: ArgsOf<Op<"RemoveBillingPolicyEnvironments">>): Promise<void> {
    await this.runtime.call("RemoveBillingPolicyEnvironments", args);
  }
}

export class IsvContractsOperations {
  /** @internal */
  constructor(private readonly runtime: ServiceRuntime<paths>) {}

  /** Every ISV contract (ListIsvContracts). */
  list(args?: WithNumericTop<ArgsOf<Op<"ListIsvContracts">>>): PagedAsyncIterableIterator<ItemOf<Op<"ListIsvContracts">>> {
    return this.runtime.list("ListIsvContracts", args);
  }

  /** Creates an ISV contract (CreateIsvContract). */
  async create(args: ArgsOf<Op<"CreateIsvContract">>): Promise<ResultOf<Op<"CreateIsvContract">>> {
    return (await this.runtime.call<ResultOf<Op<"CreateIsvContract">>>("CreateIsvContract", args)).data;
  }

  /** One ISV contract (GetIsvContract). */
  async get(args: ArgsOf<Op<"GetIsvContract">>): Promise<ResultOf<Op<"GetIsvContract">>> {
    return (await this.runtime.call<ResultOf<Op<"GetIsvContract">>>("GetIsvContract", args)).data;
  }

  /** Updates an ISV contract (UpdateIsvContract). */
  async update(args: ArgsOf<Op<"UpdateIsvContract">>): Promise<ResultOf<Op<"UpdateIsvContract">>> {
    return (await this.runtime.call<ResultOf<Op<"UpdateIsvContract">>>("UpdateIsvContract", args)).data;
  }

  /** Deletes an ISV contract (DeleteIsvContract). */
  async delete(args: ArgsOf<Op<"DeleteIsvContract">>): Promise<void> {
    await this.runtime.call("DeleteIsvContract", args);
  }
}

export class LicensingOperations {
  readonly billingPolicies: BillingPoliciesOperations;
  readonly isvContracts: IsvContractsOperations;

  /** @internal */
  constructor(private readonly runtime: ServiceRuntime<paths>) {
    this.billingPolicies = new BillingPoliciesOperations(runtime);
    this.isvContracts = new IsvContractsOperations(runtime);
  }

  /** The billing policy an environment is linked to (GetEnvironmentBillingPolicy). */
  async getEnvironmentBillingPolicy(args: ArgsOf<Op<"GetEnvironmentBillingPolicy">>): Promise<ResultOf<Op<"GetEnvironmentBillingPolicy">>> {
    return (await this.runtime.call<ResultOf<Op<"GetEnvironmentBillingPolicy">>>("GetEnvironmentBillingPolicy", args)).data;
  }

  /** The tenant's capacity and consumption (GetTenantCapacityDetails). */
  async getTenantCapacity(args?: ArgsOf<Op<"GetTenantCapacityDetails">>): Promise<ResultOf<Op<"GetTenantCapacityDetails">>> {
    return (await this.runtime.call<ResultOf<Op<"GetTenantCapacityDetails">>>("GetTenantCapacityDetails", args)).data;
  }
}

export class AppManagementOperations {
  /** @internal */
  constructor(private readonly runtime: ServiceRuntime<paths>) {}

  /** Application packages available to the tenant (ListTenantApplicationPackages). */
  listTenantPackages(
    args?: ArgsOf<Op<"ListTenantApplicationPackages">>,
  ): PagedAsyncIterableIterator<ItemOf<Op<"ListTenantApplicationPackages">>> {
    return this.runtime.list("ListTenantApplicationPackages", args);
  }

  /** Packages of one environment, optionally by install state and language (ListEnvironmentApplicationPackages). */
  listEnvironmentPackages(
    args: ArgsOf<Op<"ListEnvironmentApplicationPackages">>,
  ): PagedAsyncIterableIterator<ItemOf<Op<"ListEnvironmentApplicationPackages">>> {
    return this.runtime.list("ListEnvironmentApplicationPackages", args);
  }

  /** The status of an install operation (GetApplicationPackageOperation). */
  async getOperation(args: ArgsOf<Op<"GetApplicationPackageOperation">>): Promise<ResultOf<Op<"GetApplicationPackageOperation">>> {
    return (await this.runtime.call<ResultOf<Op<"GetApplicationPackageOperation">>>("GetApplicationPackageOperation", args)).data;
  }

  /**
   * Starts installing a package in an environment (InstallApplicationPackage, sent once) and
   * returns a poller for the long-running install.
   */
  async beginInstallPackage(args: ArgsOf<Op<"InstallApplicationPackage">>): Promise<InstallPackagePoller> {
    const environmentId = (args as { environmentId?: unknown } | undefined)?.environmentId;
    const { data, response } = await this.runtime.call<unknown>("InstallApplicationPackage", args);
    return new InstallPackagePoller(this.runtime, pollerStateFromInstall(this.runtime, String(environmentId), response, data));
  }

  /** A poller for an install started earlier, from its `toString()`. Sends nothing until polled. */
  resumeInstallPackage(serializedState: string): InstallPackagePoller {
    return new InstallPackagePoller(this.runtime, InstallPackagePoller.parseState(serializedState));
  }
}

export class EnvironmentsOperations {
  /** @internal */
  constructor(private readonly runtime: ServiceRuntime<paths>) {}

  /** Environments of the tenant (ListEnvironments), with OData `filter`, `select`, `orderby`, `top`. */
  list(args?: ArgsOf<Op<"ListEnvironments">>): PagedAsyncIterableIterator<ItemOf<Op<"ListEnvironments">>> {
    return this.runtime.list("ListEnvironments", args);
  }

  /** One environment (GetEnvironment). */
  async get(args: ArgsOf<Op<"GetEnvironment">>): Promise<ResultOf<Op<"GetEnvironment">>> {
    return (await this.runtime.call<ResultOf<Op<"GetEnvironment">>>("GetEnvironment", args)).data;
  }
}

export class PowerAppsOperations {
  /** @internal */
  constructor(private readonly runtime: ServiceRuntime<paths>) {}

  /** Apps of an environment through the Power Platform API (ListApps). */
  listApps(args: ArgsOf<Op<"ListApps">, "skiptoken">): PagedAsyncIterableIterator<ItemOf<Op<"ListApps">>> {
    return this.runtime.list("ListApps", args);
  }

  /** One app through the Power Platform API (GetApp). */
  async getApp(args: ArgsOf<Op<"GetApp">>): Promise<ResultOf<Op<"GetApp">>> {
    return (await this.runtime.call<ResultOf<Op<"GetApp">>>("GetApp", args)).data;
  }
}

/**
 * Client for the Power Platform API (`https://api.powerplatform.com`, scope
 * `https://api.powerplatform.com/.default` in the public cloud).
 */
export class PowerPlatformClient {
  readonly licensing: LicensingOperations;
  readonly appManagement: AppManagementOperations;
  readonly environments: EnvironmentsOperations;
  readonly powerApps: PowerAppsOperations;
  /** The underlying openapi-fetch client (same transport): any path of the spec stays reachable. */
  readonly raw: Client<paths>;
  /** The endpoint origin this client talks to. */
  readonly endpoint: string;

  constructor(options?: ClientOptions) {
    const runtime = new ServiceRuntime<paths>("powerPlatform", options);
    this.licensing = new LicensingOperations(runtime);
    this.appManagement = new AppManagementOperations(runtime);
    this.environments = new EnvironmentsOperations(runtime);
    this.powerApps = new PowerAppsOperations(runtime);
    this.raw = runtime.raw;
    this.endpoint = runtime.endpoint;
  }
}

