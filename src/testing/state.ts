/**
 * `emulator.state`: read access to everything the emulator serves, helpers that change it from a test,
 * and switches for behaviour a test wants to provoke (install outcomes, busy polls, answer shapes).
 * Reads return copies; change the tenant only through the helpers or through requests.
 */
import { appIfPresent, appNames, appRoleIfPresent, appRoleKeys, requireEnvironment } from "./appsBehavior.js";
import { environmentPackages, installOperationsView, tenantPackages } from "./appManagementBehavior.js";
import { CONNECTORS, CUSTOM_CONNECTOR_NAMES } from "./catalog.js";
import { connectionIfPresent, connectionNames, customConnectorIfPresent, customConnectorNames, requireConnection, requireCustomConnector } from "./connectionsBehavior.js";
import type { DirectoryEntry } from "./directory.js";
import { billingPolicyIds, billingPolicyIfPresent, isvContractIds, isvContractIfPresent, policyEnvironmentIds, tenantCapacity } from "./licensingBehavior.js";
import type {
  ApplicationPackage,
  ApplicationPackageOperation,
  AppRoleAssignment,
  BillingPolicy,
  Connection,
  ConnectionRoleAssignment,
  ConnectorRoleAssignment,
  CustomConnector,
  Environment,
  InstallBehavior,
  InstallOperationRecord,
  IsvContract,
  PowerApp,
  TenantApplicationPackage,
  TenantCapacityDetails,
} from "./models.js";
import type { ResolvedEmulatorOptions } from "./options.js";
import { createRandom, type Random } from "./random.js";
import type { ResponseBehavior } from "./runtime.js";
import { seedApp, type AppSeed } from "./seedApps.js";
import { seedConnection, seedCustomConnector } from "./seedConnections.js";
import type { SeedContext } from "./seedContext.js";
import { seedTenant, type TenantData } from "./seedData.js";
import { seedEnvironment, type EnvironmentSeed } from "./seedEnvironments.js";
import { seedEnvironmentPackages } from "./seedPackages.js";
import type { EmulatorTime } from "./time.js";
import { clone } from "./clone.js";

/** An environment as `state` lists it: the Power Platform API shape plus `name` (= `id`, the Power Apps path name). */
export type EmulatorEnvironment = Environment & { name: string };

const withName = (e: Environment): EmulatorEnvironment => ({ name: e.id, ...clone(e) });

const defaultBehavior = (): ResponseBehavior => ({ quarantineStateShape: "string", conditionalAccessShape: "array", writeActionStatus: 200 });

/**
 * The emulator's tenant: reads, test helpers and behaviour switches. It is the `Runtime` the behaviours
 * take (checked where `this` is passed to them); no `implements` clause, because that interface names
 * members marked internal, which the published declarations leave out.
 */
export class EmulatorState {
  private current!: TenantData;
  private runtimeRandom!: Random;
  /** Switches for answers the wire gives in more than one shape; tests may change them. */
  readonly behavior: ResponseBehavior = defaultBehavior();
  /** @internal Install behaviour per lower-case package name (`*` for all); use {@link setInstallBehavior}. */
  readonly installBehaviors = new Map<string, InstallBehavior>();
  /** @internal Install operations by lower-case id. */
  readonly installOperations = new Map<string, InstallOperationRecord>();

  /** @internal Created by `createEmulator`. */
  constructor(
    readonly options: ResolvedEmulatorOptions,
    readonly time: EmulatorTime,
  ) {
    this.reset();
  }

  /** @internal The live tenant data the operations work on. */
  get data(): TenantData {
    return this.current;
  }

  /** @internal The random stream for ids created at run time (deterministic per seed). */
  get random(): Random {
    return this.runtimeRandom;
  }

  /** Restores the seeded tenant and default behaviour; the object stays the same. */
  reset(): void {
    this.current = seedTenant(this.options);
    this.runtimeRandom = createRandom(this.options.seed).fork("runtime");
    Object.assign(this.behavior, defaultBehavior());
    this.installBehaviors.clear();
    this.installOperations.clear();
  }

  // ---------------------------------------------------------------------------------------------
  // Reads
  // ---------------------------------------------------------------------------------------------

  /** The tenant id. */
  get tenantId(): string {
    return this.current.tenantId;
  }

  /** Users, groups and service principals (owners, share targets, new owners). */
  get directory(): DirectoryEntry[] {
    return this.current.directory.all();
  }

  /** The users of the directory. */
  get users(): DirectoryEntry[] {
    return this.current.directory.ofType("User");
  }

  /** Every environment, `Default-<tenantId>` first, in the Power Platform API shape plus `name`. */
  get environments(): EmulatorEnvironment[] {
    return [...this.current.environments.values()].map(withName);
  }

  /** One environment by name (case-insensitive). */
  environment(name: string): EmulatorEnvironment | undefined {
    const found = this.current.environments.get(name.toLowerCase());
    return found ? withName(found) : undefined;
  }

  /** The apps of an environment as Get-AdminApps serves them. Throws for an unknown environment. */
  apps(environment: string): PowerApp[] {
    return this.read(() => appNames(this, environment).flatMap((key) => appIfPresent(this, environment, key) ?? []));
  }

  /** One app, or undefined. */
  app(environment: string, app: string): PowerApp | undefined {
    return appIfPresent(this, environment, app.toLowerCase());
  }

  /** Who an app is shared with, owner included. */
  appRoleAssignments(environment: string, app: string): AppRoleAssignment[] {
    return this.read(() => appRoleKeys(this, environment, app).flatMap((key) => appRoleIfPresent(this, environment, app, key) ?? []));
  }

  /** The connections of an environment. */
  connections(environment: string): Connection[] {
    return this.read(() => connectionNames(this, environment).flatMap((key) => connectionIfPresent(this, environment, key) ?? []));
  }

  /** Who a connection is shared with, owner included. */
  connectionRoleAssignments(environment: string, connectorName: string, connectionName: string): ConnectionRoleAssignment[] {
    return this.read(() => [...requireConnection(this, environment, connectorName, connectionName).roles.values()].map((r) => clone(r)));
  }

  /** The custom connectors of an environment. */
  customConnectors(environment: string): CustomConnector[] {
    return this.read(() => customConnectorNames(this, environment).flatMap((key) => customConnectorIfPresent(this, environment, key) ?? []));
  }

  /** Who a custom connector is shared with, owner included. */
  connectorRoleAssignments(environment: string, connectorName: string): ConnectorRoleAssignment[] {
    return this.read(() => [...requireCustomConnector(this, environment, connectorName).roles.values()].map((r) => clone(r)));
  }

  /** Every billing policy, with its status as of now on the emulator clock. */
  get billingPolicies(): BillingPolicy[] {
    return billingPolicyIds(this).flatMap((key) => billingPolicyIfPresent(this, key) ?? []);
  }

  /** One billing policy, or undefined. */
  billingPolicy(id: string): BillingPolicy | undefined {
    return billingPolicyIfPresent(this, id.toLowerCase());
  }

  /** Ids of the environments linked to a billing policy. Throws for an unknown policy. */
  billingPolicyEnvironments(id: string): string[] {
    return this.read(() => policyEnvironmentIds(this, id));
  }

  /** Every ISV contract. */
  get isvContracts(): IsvContract[] {
    return isvContractIds(this).flatMap((key) => isvContractIfPresent(this, key) ?? []);
  }

  /** The tenant's capacity details. */
  get tenantCapacity(): TenantCapacityDetails {
    return tenantCapacity(this);
  }

  /** The packages the tenant can install. */
  get tenantApplicationPackages(): TenantApplicationPackage[] {
    return tenantPackages(this);
  }

  /** An environment's packages with their install state as of now. */
  applicationPackages(environment: string): ApplicationPackage[] {
    return this.read(() => environmentPackages(this, environment, null));
  }

  /** Every install operation started so far, as a poll would show it now. */
  get operations(): ApplicationPackageOperation[] {
    return installOperationsView(this);
  }

  // ---------------------------------------------------------------------------------------------
  // Test helpers
  // ---------------------------------------------------------------------------------------------

  /** Adds a user (or group / service principal) to the directory; ids default to a new GUID. */
  addUser(entry: Partial<DirectoryEntry> & { displayName: string }): DirectoryEntry {
    const id = entry.id ?? this.random.guid();
    const type = entry.type ?? "User";
    const mail = entry.email !== undefined ? entry.email : type === "User" ? `${entry.displayName.toLowerCase().replace(/[^a-z0-9]+/g, ".")}@contoso.com` : null;
    return this.current.directory.add({ id, displayName: entry.displayName, type, email: mail, userPrincipalName: entry.userPrincipalName ?? (type === "User" ? mail : null) });
  }

  /** Adds an environment (with an empty app list and the package catalog). */
  addEnvironment(seed: EnvironmentSeed = {}): EmulatorEnvironment {
    const index = this.current.environments.size;
    const env = seedEnvironment(this.context(), index, seed, this.time.iso());
    if (this.current.environments.has(env.id.toLowerCase())) throw new Error(`environment ${env.id} already exists`);
    const key = env.id.toLowerCase();
    this.current.environments.set(key, env);
    this.current.apps.set(key, new Map());
    this.current.connections.set(key, new Map());
    this.current.customConnectors.set(key, new Map());
    this.current.environmentPackages.set(key, seedEnvironmentPackages(this.context(), this.current.tenantPackages, index));
    return withName(env);
  }

  /** Adds an app to an environment; see {@link AppSeed} for what can be chosen. */
  addApp(environment: string, seed: AppSeed = {}): PowerApp {
    const env = this.read(() => requireEnvironment(this, environment));
    const key = env.id.toLowerCase();
    const apps = this.current.apps.get(key) ?? new Map();
    this.current.apps.set(key, apps);
    const connections = [...(this.current.connections.get(key)?.values() ?? [])];
    const connectors = [...(this.current.customConnectors.get(key)?.values() ?? [])];
    const record = seedApp(this.context(), env, connections, connectors, apps.size, { createdAt: this.time.iso(), ...seed });
    if (apps.has(record.app.name.toLowerCase())) throw new Error(`app ${record.app.name} already exists in ${env.id}`);
    apps.set(record.app.name.toLowerCase(), record);
    return appIfPresent(this, env.id, record.app.name.toLowerCase()) as PowerApp;
  }

  /** Removes an app; false when it did not exist. */
  removeApp(environment: string, app: string): boolean {
    return this.current.apps.get(environment.toLowerCase())?.delete(app.toLowerCase()) ?? false;
  }

  /** Adds a connection to a well-known connector (default `shared_office365users`), owned by `ownerId` or a random user. */
  addConnection(environment: string, connectorName = "shared_office365users", ownerId?: string): Connection {
    const env = this.read(() => requireEnvironment(this, environment));
    const connector = CONNECTORS.find((c) => c.name === connectorName);
    if (!connector) throw new Error(`emulator state: ${connectorName} is not one of ${CONNECTORS.map((c) => c.name).join(", ")}`);
    const record = seedConnection(this.context(), env.id, connector, { createdAt: this.time.iso(), ...(ownerId ? { ownerId } : {}) });
    const key = env.id.toLowerCase();
    const map = this.current.connections.get(key) ?? new Map();
    this.current.connections.set(key, map);
    map.set(record.connection.name.toLowerCase(), record);
    return clone(record.connection);
  }

  /** Adds a custom connector to an environment. */
  addCustomConnector(environment: string, displayName?: string): CustomConnector {
    const env = this.read(() => requireEnvironment(this, environment));
    const key = env.id.toLowerCase();
    const map = this.current.customConnectors.get(key) ?? new Map();
    this.current.customConnectors.set(key, map);
    const record = seedCustomConnector(this.context(), env.id, map.size % CUSTOM_CONNECTOR_NAMES.length, { createdAt: this.time.iso(), ...(displayName ? { displayName } : {}) });
    map.set(record.connector.name.toLowerCase(), record);
    return clone(record.connector);
  }

  /**
   * Sets how installs of `uniqueName` (or of every package, `*`, the default) behave from now on:
   * fail, answer 200 instead of 202, or answer 409 to the first polls. `undefined` restores the default.
   */
  setInstallBehavior(behavior: InstallBehavior | undefined, uniqueName = "*"): void {
    if (behavior) this.installBehaviors.set(uniqueName.toLowerCase(), { ...behavior });
    else this.installBehaviors.delete(uniqueName.toLowerCase());
  }

  /** Makes the next `polls` polls of an existing install operation answer 409 "still busy". */
  makeOperationBusy(operationId: string, polls: number): void {
    const op = this.installOperations.get(operationId.toLowerCase());
    if (!op) throw new Error(`no install operation ${operationId}`);
    op.busyPolls = polls;
  }

  private context(): SeedContext {
    return { random: this.random, tenantId: this.current.tenantId, directory: this.current.directory };
  }

  // Reads for a test: an unknown environment or resource is a plain Error, not an HTTP answer.
  private read<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw new Error(`emulator state: ${error instanceof Error && "body" in error ? JSON.stringify((error as { body: unknown }).body) : String(error)}`);
    }
  }
}
