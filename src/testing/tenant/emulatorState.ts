/**
 * `emulator.state`: the tenant behind the emulator. Reads return copies; test helpers add data;
 * switches provoke answers the wire is known to give in more than one shape. Every resource lives in
 * one {@link ResourceStore}; `resources(path)` reads any collection, hand-seeded or not.
 */
import type { ResolvedEmulatorOptions } from "../emulatorOptions.js";
import { clone } from "../http/wire.js";
import { generatedRouter, type OperationRouter } from "../operations/operationRouter.js";
import { seedApp, type AppSeed } from "../seed/appSeed.js";
import { seedEnvironment, type EnvironmentSeed } from "../seed/environmentSeed.js";
import { exampleSeeder } from "../seed/exampleSeed.js";
import { seedEnvironmentPackages } from "../seed/packageSeed.js";
import { createRandom, type Random } from "../seed/seededRandom.js";
import { seedFlow, type FlowSeed } from "../seed/flowSeed.js";
import { seedTenant, storeApp, storeEnvironment, storeFlow, tenantIdOf } from "../seed/tenantSeed.js";
import type { AppRoleAssignment, BillingPolicy, Connection, ConnectionRoleAssignment, CustomConnector, Environment, InstallBehavior, IsvContract, PowerApp, ApplicationPackage } from "../seed/wireShapes.js";
import { COLLECTIONS, pathOf } from "./collections.js";
import type { Directory, DirectoryEntry } from "./directory.js";
import type { EmulatorTime } from "./emulatorTime.js";
import { ResourceStore, templateKey, type Doc } from "./resourceStore.js";

/** An environment as `state` lists it: the Power Platform API shape plus `name` (= `id`, the Power Apps path name). */
export type EmulatorEnvironment = Environment & { name: string };

/** Switches for answers the wire is known to give in more than one shape. */
export interface ResponseBehavior {
  /** The quarantine-state read: the bare status string (documented, default) or `{quarantineStatus}`. */
  quarantineStateShape: "string" | "object";
  /** The conditional-access read: a string array (documented, default) or `{authContextIds}`. */
  conditionalAccessShape: "array" | "object";
  /** Status of write actions that declare 200, 202 and 204: 200 with `{}` (default), or 202/204 without a body. */
  writeActionStatus: 200 | 202 | 204;
}

const defaultBehavior = (): ResponseBehavior => ({ quarantineStateShape: "string", conditionalAccessShape: "array", writeActionStatus: 200 });
/** Collections the hand-written seed fills (never from the spec's examples). */
const claimedTemplates = new Set<string>(
  (["environments", "apps", "appRoles", "connections", "connectionRoles", "customConnectors", "connectorRoles", "policyEnvironments", "tenantPackages", "environmentPackages", "bapEnvironments", "dlpPolicies", "flows", "flowRoles"] as const).map((c) => templateKey(COLLECTIONS[c])),
);

/** Hooks a behaviour runs before a collection is read (settling what time has changed). */
export type ReadHook = (state: EmulatorState) => void;

/** The emulator's tenant: reads, test helpers and behaviour switches. */
export class EmulatorState {
  /** Switches for answers the wire gives in more than one shape; tests may change them. */
  readonly behavior: ResponseBehavior = defaultBehavior();
  /** @internal Install behaviour per lower-case package name (`*` for all); use {@link setInstallBehavior}. */
  readonly installBehaviors = new Map<string, InstallBehavior>();
  /** @internal Facts of running operations (install or generic long-running) by lower-case id. */
  readonly operationRecords = new Map<string, Doc>();
  private current!: { store: ResourceStore; tenantId: string; directory: Directory; random: Random };
  /** The read hooks by {@link templateKey}: every path that names the same collection finds them. */
  private readonly hooks = new Map<string, ReadHook[]>();

  /**
   * @internal Created by `createEmulator`; `readHooks` (by collection template) settle collections
   * before reads, whichever of a shared collection's paths the read goes through.
   */
  constructor(
    readonly options: ResolvedEmulatorOptions,
    readonly time: EmulatorTime,
    readHooks: ReadonlyMap<string, ReadHook> = new Map(),
    private readonly router: OperationRouter = generatedRouter,
  ) {
    for (const [template, hook] of readHooks) {
      const key = templateKey(template);
      this.hooks.set(key, [...(this.hooks.get(key) ?? []), hook]);
    }
    this.reset();
  }

  /** @internal The resource store the operations work on. */
  get store(): ResourceStore {
    return this.current.store;
  }

  /** @internal The random stream for ids created at run time (deterministic per seed). */
  get random(): Random {
    return this.current.random;
  }

  /** @internal The directory of users, groups and service principals. */
  get directoryIndex(): Directory {
    return this.current.directory;
  }

  /** @internal Runs the read hooks of a collection, by any template that names it (aliases included). */
  settle(template: string): void {
    for (const hook of this.hooks.get(templateKey(template)) ?? []) hook(this);
  }

  /** Restores the seeded tenant and default behaviour; the object stays the same. */
  reset(): void {
    const counts = { [COLLECTIONS.billingPolicies]: this.options.billingPolicies, [COLLECTIONS.isvContracts]: this.options.isvContracts };
    const seeder = exampleSeeder(this.router.routes.map((r) => r.operation), { seed: this.options.seed, tenantId: () => tenantIdOf(this.options), claimed: (t) => claimedTemplates.has(templateKey(t)), counts });
    const store = new ResourceStore(seeder);
    const { tenantId, directory } = seedTenant(this.options, store);
    this.current = { store, tenantId, directory, random: createRandom(this.options.seed).fork("runtime") };
    Object.assign(this.behavior, defaultBehavior());
    this.installBehaviors.clear();
    this.operationRecords.clear();
  }

  /** Copies of the items of any collection, by its concrete path (e.g. `/licensing/isvContracts`); empty when there is none. */
  resources(path: string, template?: string): Doc[] {
    const match = this.router.match("GET", path);
    const collectionTemplate = template ?? ("route" in match ? (match.route.operation.collection ?? undefined) : undefined);
    if (collectionTemplate) this.settle(collectionTemplate);
    return [...this.store.collection(path, collectionTemplate).values()].map((d) => clone(d));
  }

  private read<T extends Doc>(collection: keyof typeof COLLECTIONS, params: Record<string, string> = {}, parent?: [keyof typeof COLLECTIONS, Record<string, string>, string]): T[] {
    if (parent && !this.store.get(pathOf(parent[0], parent[1]), parent[2])) throw new Error(`emulator state: no ${parent[0].replace(/s$/, "")} '${parent[2]}'`);
    return this.resources(pathOf(collection, params), COLLECTIONS[collection]) as T[];
  }

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
    return this.read<Environment>("environments").map((e) => ({ name: e.id, ...e }));
  }

  /** One environment by name (case-insensitive). */
  environment(name: string): EmulatorEnvironment | undefined {
    this.settle(COLLECTIONS.environments);
    const found = this.store.get(pathOf("environments"), name);
    return found ? { name: found.id, ...clone(found as Environment) } : undefined;
  }

  private envParent(environment: string): [keyof typeof COLLECTIONS, Record<string, string>, string] {
    return ["environments", {}, environment];
  }

  /** The apps of an environment as the admin apps list serves them. Throws for an unknown environment. */
  apps(environment: string): PowerApp[] {
    return this.read<PowerApp>("apps", { environment }, this.envParent(environment));
  }

  /** One app, or undefined. */
  app(environment: string, app: string): PowerApp | undefined {
    const found = this.store.has(pathOf("apps", { environment })) ? this.store.get(pathOf("apps", { environment }), app) : undefined;
    return found ? clone(found as PowerApp) : undefined;
  }

  /** Who an app is shared with, owner included. */
  appRoleAssignments(environment: string, app: string): AppRoleAssignment[] {
    return this.read("appRoles", { environment, app }, ["apps", { environment }, app]);
  }

  /** The connections of an environment. */
  connections(environment: string): Connection[] {
    return this.read("connections", { environment }, this.envParent(environment));
  }

  /** Who a connection is shared with, owner included. */
  connectionRoleAssignments(environment: string, connectorName: string, connectionName: string): ConnectionRoleAssignment[] {
    return this.read("connectionRoles", { environment, connectorName, connectionName }, ["connections", { environment }, connectionName]);
  }

  /** The custom connectors of an environment. */
  customConnectors(environment: string): CustomConnector[] {
    return this.read("customConnectors", { environment }, this.envParent(environment));
  }

  /**
   * The cloud flows of an environment as the flow list serves them: soft-deleted ones (state
   * `Deleted`) only with `includeSoftDeleted`. Throws for an unknown environment.
   */
  flows(environment: string, options: { includeSoftDeleted?: boolean } = {}): Doc[] {
    const all = this.read("flows", { environment }, this.envParent(environment));
    return options.includeSoftDeleted ? all : all.filter((f) => f.properties?.state !== "Deleted");
  }

  /** One flow (soft-deleted ones too), or undefined. */
  flow(environment: string, flowName: string): Doc | undefined {
    const found = this.store.has(pathOf("flows", { environment })) ? this.store.get(pathOf("flows", { environment }), flowName) : undefined;
    return found ? clone(found) : undefined;
  }

  /** Who owns or may edit a flow. */
  flowRoleAssignments(environment: string, flowName: string): Doc[] {
    return this.read("flowRoles", { environment, flowName }, ["flows", { environment }, flowName]);
  }

  /** Adds a flow to an environment; see {@link FlowSeed} for what can be chosen. */
  addFlow(environment: string, seed: FlowSeed = {}): Doc {
    const env = this.environment(environment);
    if (!env) throw new Error(`emulator state: no environment '${environment}'`);
    const flows = this.store.collection(pathOf("flows", { environment: env.id }));
    storeFlow(this.store, env.id, seedFlow(this.context(), env.id, flows.size, seed));
    return clone([...flows.values()].at(-1)!);
  }

  /** Every DLP policy, as reading one policy answers it (connector groups included). */
  get dlpPolicies(): Doc[] {
    return this.read("dlpPolicies");
  }

  /** Every billing policy, with its status as of now on the emulator clock. */
  get billingPolicies(): BillingPolicy[] {
    return this.read("billingPolicies");
  }

  /** One billing policy, or undefined. */
  billingPolicy(id: string): BillingPolicy | undefined {
    return this.billingPolicies.find((p) => p.id.toLowerCase() === id.toLowerCase());
  }

  /** Ids of the environments linked to a billing policy. Throws for an unknown policy. */
  billingPolicyEnvironments(id: string): string[] {
    return this.read<{ environmentId: string }>("policyEnvironments", { billingPolicyId: id }, ["billingPolicies", {}, id]).map((l) => l.environmentId);
  }

  /** Every ISV contract. */
  get isvContracts(): IsvContract[] {
    return this.read("isvContracts");
  }

  /** An environment's packages with their install state as of now. */
  applicationPackages(environment: string): ApplicationPackage[] {
    return this.read("environmentPackages", { environmentId: environment }, this.envParent(environment));
  }

  /** Adds a user (or group / service principal) to the directory; ids default to a new GUID. */
  addUser(entry: Partial<DirectoryEntry> & { displayName: string }): DirectoryEntry {
    const type = entry.type ?? "User";
    const mail = entry.email !== undefined ? entry.email : type === "User" ? `${entry.displayName.toLowerCase().replace(/[^a-z0-9]+/g, ".")}@contoso.com` : null;
    return this.current.directory.add({ id: entry.id ?? this.random.guid(), displayName: entry.displayName, type, email: mail, userPrincipalName: entry.userPrincipalName ?? (type === "User" ? mail : null) });
  }

  /** Adds an environment (with no apps and the package catalog). */
  addEnvironment(seed: EnvironmentSeed = {}): EmulatorEnvironment {
    const index = this.store.collection(pathOf("environments")).size;
    const env = seedEnvironment(this.context(), index, seed, this.time.iso());
    if (this.store.get(pathOf("environments"), env.id)) throw new Error(`environment ${env.id} already exists`);
    const catalog = [...this.store.collection(pathOf("tenantPackages")).values()] as unknown as Parameters<typeof seedEnvironmentPackages>[1];
    storeEnvironment(this.store, env, seedEnvironmentPackages(this.context(), catalog, index));
    return { name: env.id, ...clone(env) };
  }

  /** Adds an app to an environment; see {@link AppSeed} for what can be chosen. */
  addApp(environment: string, seed: AppSeed = {}): PowerApp {
    const env = this.environment(environment);
    if (!env) throw new Error(`emulator state: no environment '${environment}'`);
    const apps = this.store.collection(pathOf("apps", { environment: env.id }));
    const connections = [...this.store.collection(pathOf("connections", { environment: env.id })).values()].map((connection) => ({
      environment: env.id,
      connectorName: String(connection.properties?.apiId ?? "").split("/").pop() ?? "",
      connection: connection as Connection,
      roles: new Map(),
    }));
    const record = seedApp(this.context(), env, connections, [], apps.size, { createdAt: this.time.iso(), ...seed });
    if (apps.has(record.app.name.toLowerCase())) throw new Error(`app ${record.app.name} already exists in ${env.id}`);
    storeApp(this.store, record);
    return this.app(env.id, record.app.name)!;
  }

  /** Removes an app; false when it did not exist. */
  removeApp(environment: string, app: string): boolean {
    return this.store.has(pathOf("apps", { environment })) && this.store.remove(pathOf("apps", { environment }), app);
  }

  /**
   * Sets how installs of `uniqueName` (or of every package, `*`, the default) behave from now on:
   * fail, answer 200 instead of 202, or answer 409 to the first polls. `undefined` restores the default.
   */
  setInstallBehavior(behavior: InstallBehavior | undefined, uniqueName = "*"): void {
    if (behavior) this.installBehaviors.set(uniqueName.toLowerCase(), { ...behavior });
    else this.installBehaviors.delete(uniqueName.toLowerCase());
  }

  private context() {
    return { random: this.random, tenantId: this.current.tenantId, directory: this.current.directory };
  }
}
