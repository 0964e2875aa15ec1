/**
 * The hand-seeded part of the tenant, built deterministically from the options and written into the
 * resource store: directory, environments, apps, connections, custom connectors, licensing and
 * application packages. Collections not seeded here are seeded from the spec's examples on first use. Every section draws from its own
 * random stream, so changing one size leaves the other sections' data as it was.
 */
import { GROUPS, PEOPLE, SERVICE_PRINCIPALS } from "./vocabulary.js";
import { Directory, type DirectoryEntry } from "../tenant/directory.js";
import { COLLECTIONS, pathOf } from "../tenant/collections.js";
import type { ResourceStore } from "../tenant/resourceStore.js";
import type { AppRecord, ConnectionRecord, CustomConnectorRecord, Environment } from "./wireShapes.js";
import type { ResolvedEmulatorOptions } from "../emulatorOptions.js";
import { createRandom, type Random } from "./seededRandom.js";
import { seedApp } from "./appSeed.js";
import { seedConnectionAt, seedCustomConnector } from "./connectionSeed.js";
import type { SeedContext } from "./seedContext.js";
import { seedEnvironment } from "./environmentSeed.js";
import { seedEnvironmentPackages, seedTenantPackages } from "./packageSeed.js";

/** The mail domain of the seeded tenant. */
export const TENANT_DOMAIN = "contoso.com";

/** Builds the directory: the demo users, a few groups and an automation service principal. */
export function seedDirectory(random: Random, tenantId: string): Directory {
  const entries: DirectoryEntry[] = [];
  for (const displayName of PEOPLE) {
    const [first = "user", last = ""] = displayName.toLowerCase().split(" ");
    const mail = `${first}${last.charAt(0)}@${TENANT_DOMAIN}`;
    entries.push({ id: random.guid(), displayName, email: mail, type: "User", userPrincipalName: mail });
  }
  GROUPS.forEach((displayName, i) => {
    const mail = i % 2 === 0 ? `${displayName.toLowerCase().split(" ")[0]}@${TENANT_DOMAIN}` : null;
    entries.push({ id: random.guid(), displayName, email: mail, type: "Group", userPrincipalName: null });
  });
  for (const displayName of SERVICE_PRINCIPALS) entries.push({ id: random.guid(), displayName, email: null, type: "ServicePrincipal", userPrincipalName: null });
  return new Directory(tenantId, entries);
}

/** What the seed returns besides the store's contents. */
export interface SeededTenant {
  tenantId: string;
  directory: Directory;
}

/** Puts an app, connection or connector and its role assignments into the store. */
export function storeApp(store: ResourceStore, record: AppRecord): void {
  const params = { environment: record.environment, app: record.app.name };
  store.put(pathOf("apps", params), record.app.name, record.app);
  const roles = store.claim(pathOf("appRoles", params));
  for (const [key, role] of record.roles) roles.set(key.toLowerCase(), role);
  countShares(store, record.environment, record.app.name);
}

/** Recomputes an app's share counts from its role assignments (the service reports them on the app). */
export function countShares(store: ResourceStore, environment: string, app: string): void {
  const doc = store.get(pathOf("apps", { environment }), app);
  if (!doc?.properties) return;
  const shares = [...store.collection(pathOf("appRoles", { environment, app })).values()].filter((r) => r.properties?.roleName !== "Owner");
  doc.properties.sharedUsersCount = shares.filter((r) => r.properties?.principal?.type === "User").length;
  doc.properties.sharedGroupsCount = shares.filter((r) => r.properties?.principal?.type === "Group").length;
}

function storeConnection(store: ResourceStore, record: ConnectionRecord): void {
  const { environment, connectorName } = record;
  const connectionName = record.connection.name;
  store.put(pathOf("connections", { environment }), connectionName, record.connection);
  const roles = store.claim(pathOf("connectionRoles", { environment, connectorName, connectionName }));
  for (const [key, role] of record.roles) roles.set(key.toLowerCase(), role);
}

function storeConnector(store: ResourceStore, record: CustomConnectorRecord): void {
  const connectorName = record.connector.name;
  store.put(pathOf("customConnectors", { environment: record.environment }), connectorName, record.connector);
  const roles = store.claim(pathOf("connectorRoles", { environment: record.environment, connectorName }));
  for (const [key, role] of record.roles) roles.set(key.toLowerCase(), role);
}

/** Adds an environment and its (empty) collections, with the package catalog. */
export function storeEnvironment(store: ResourceStore, environment: Environment, packages: ReturnType<typeof seedEnvironmentPackages>): void {
  store.put(pathOf("environments"), environment.id, environment);
  for (const name of ["apps", "connections", "customConnectors"] as const) store.claim(pathOf(name, { environment: environment.id }));
  const list = store.claim(pathOf("environmentPackages", { environmentId: environment.id }));
  for (const p of packages) list.set(p.uniqueName.toLowerCase(), p);
}

/** The tenant id of `options`: the given one, or one drawn from the seed. */
export function tenantIdOf(options: ResolvedEmulatorOptions): string {
  return options.tenantId ?? createRandom(options.seed).fork("tenant").guid();
}

/** Fills `store` with the tenant for `options` (same seed and sizes, same tenant); licensing comes from the spec's examples. */
export function seedTenant(options: ResolvedEmulatorOptions, store: ResourceStore): SeededTenant {
  const root = createRandom(options.seed);
  const tenantId = tenantIdOf(options);
  const directory = seedDirectory(root.fork("directory"), tenantId);
  const ctx = (label: string): SeedContext => ({ random: root.fork(label), tenantId, directory });
  for (const name of ["environments", "tenantPackages"] as const) store.claim(pathOf(name));
  const tenantPackages = seedTenantPackages(ctx("packages"));
  for (const p of tenantPackages) store.put(pathOf("tenantPackages"), p.uniqueName, p);
  const environments = Array.from({ length: options.environments }, (_, i) => seedEnvironment(ctx(`environment:${i}`), i));
  environments.forEach((environment, envIndex) => {
    storeEnvironment(store, environment, seedEnvironmentPackages(ctx(`packages:${envIndex}`), tenantPackages, envIndex));
    const env = environment.id;
    const connectionCtx = ctx(`connections:${envIndex}`);
    const connections = Array.from({ length: options.connectionsPerEnvironment }, (_, i) => seedConnectionAt(connectionCtx, env, i));
    const connectorCtx = ctx(`customConnectors:${envIndex}`);
    const customConnectors = Array.from({ length: options.customConnectorsPerEnvironment }, (_, i) => seedCustomConnector(connectorCtx, env, i));
    const appCtx = ctx(`apps:${envIndex}`);
    for (const c of connections) storeConnection(store, c);
    for (const c of customConnectors) storeConnector(store, c);
    for (let i = 0; i < options.appsPerEnvironment; i++) {
      const app = seedApp(appCtx, environment, connections, customConnectors, i, {
        // A few quarantined apps and a few with an owner that no longer exists; the first environment always has both.
        quarantined: (envIndex === 0 && i === 1) || appCtx.random.chance(0.07),
        orphanedOwner: (envIndex === 0 && i === 2) || appCtx.random.chance(0.1),
      });
      storeApp(store, app);
    }
  });

  // Non-default environments are spread over the policies; the default environment stays unlinked.
  const policies = [...store.collection(pathOf("billingPolicies"), COLLECTIONS.billingPolicies).values()];
  const linkable = environments.slice(1).map((e) => e.id);
  policies.forEach((policy, i) => {
    const links = store.claim(pathOf("policyEnvironments", { billingPolicyId: policy.id }));
    for (const environmentId of linkable.filter((_, e) => e % policies.length === i)) links.set(environmentId.toLowerCase(), { billingPolicyId: policy.id, environmentId });
  });
  return { tenantId, directory };
}
