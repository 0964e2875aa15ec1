/**
 * The whole seeded tenant, built deterministically from the options: directory, environments, apps,
 * connections, custom connectors, licensing and application packages. Every section draws from its own
 * random stream, so changing one size leaves the other sections' data as it was.
 */
import { GROUPS, PEOPLE, SERVICE_PRINCIPALS } from "./catalog.js";
import { Directory, type DirectoryEntry } from "./directory.js";
import type {
  AppRecord,
  ApplicationPackage,
  BillingPolicyRecord,
  ConnectionRecord,
  CustomConnectorRecord,
  Environment,
  IsvContract,
  TenantApplicationPackage,
  TenantCapacityDetails,
} from "./models.js";
import type { ResolvedEmulatorOptions } from "./options.js";
import { createRandom, type Random } from "./random.js";
import { seedApp } from "./seedApps.js";
import { seedConnectionAt, seedCustomConnector } from "./seedConnections.js";
import type { SeedContext } from "./seedContext.js";
import { seedEnvironment } from "./seedEnvironments.js";
import { seedBillingPolicy, seedIsvContract, seedTenantCapacity } from "./seedLicensing.js";
import { seedEnvironmentPackages, seedTenantPackages } from "./seedPackages.js";

/** Everything the emulator serves, before any request changes it. Maps are keyed by lower-case name. */
export interface TenantData {
  tenantId: string;
  /** Azure subscription the seeded billing instruments use. */
  subscriptionId: string;
  directory: Directory;
  environments: Map<string, Environment>;
  apps: Map<string, Map<string, AppRecord>>;
  connections: Map<string, Map<string, ConnectionRecord>>;
  customConnectors: Map<string, Map<string, CustomConnectorRecord>>;
  billingPolicies: Map<string, BillingPolicyRecord>;
  isvContracts: Map<string, IsvContract>;
  tenantCapacity: TenantCapacityDetails;
  tenantPackages: TenantApplicationPackage[];
  environmentPackages: Map<string, ApplicationPackage[]>;
}

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

const byName = <T>(items: readonly T[], nameOf: (item: T) => string): Map<string, T> => new Map(items.map((item) => [nameOf(item).toLowerCase(), item]));

/** Builds the tenant for `options` (same seed and sizes, same tenant). */
export function seedTenant(options: ResolvedEmulatorOptions): TenantData {
  const root = createRandom(options.seed);
  const tenantId = options.tenantId ?? root.fork("tenant").guid();
  const directory = seedDirectory(root.fork("directory"), tenantId);
  const ctx = (label: string): SeedContext => ({ random: root.fork(label), tenantId, directory });
  const subscriptionId = root.fork("subscription").guid();

  const environmentList = Array.from({ length: options.environments }, (_, i) => seedEnvironment(ctx(`environment:${i}`), i));
  const data: TenantData = {
    tenantId,
    subscriptionId,
    directory,
    environments: byName(environmentList, (e) => e.id),
    apps: new Map(),
    connections: new Map(),
    customConnectors: new Map(),
    billingPolicies: new Map(),
    isvContracts: new Map(),
    tenantCapacity: seedTenantCapacity(ctx("capacity")),
    tenantPackages: [],
    environmentPackages: new Map(),
  };

  environmentList.forEach((environment, envIndex) => {
    const env = environment.id;
    const key = env.toLowerCase();
    const connectionCtx = ctx(`connections:${envIndex}`);
    const connections = Array.from({ length: options.connectionsPerEnvironment }, (_, i) => seedConnectionAt(connectionCtx, env, i));
    const connectorCtx = ctx(`customConnectors:${envIndex}`);
    const customConnectors = Array.from({ length: options.customConnectorsPerEnvironment }, (_, i) => seedCustomConnector(connectorCtx, env, i));
    const appCtx = ctx(`apps:${envIndex}`);
    const apps = Array.from({ length: options.appsPerEnvironment }, (_, i) =>
      seedApp(appCtx, environment, connections, customConnectors, i, {
        // A few quarantined apps and a few with an owner that no longer exists; the first environment always has both.
        quarantined: (envIndex === 0 && i === 1) || appCtx.random.chance(0.07),
        orphanedOwner: (envIndex === 0 && i === 2) || appCtx.random.chance(0.1),
      }),
    );
    data.connections.set(key, byName(connections, (c) => c.connection.name));
    data.customConnectors.set(key, byName(customConnectors, (c) => c.connector.name));
    data.apps.set(key, byName(apps, (a) => a.app.name));
  });

  const licensingCtx = ctx("billingPolicies");
  const linkable = environmentList.slice(1).map((e) => e.id);
  for (let i = 0; i < options.billingPolicies; i++) {
    const policy = seedBillingPolicy(licensingCtx, i, subscriptionId);
    // Non-default environments are spread over the policies; the default environment stays unlinked.
    const environments = new Set(linkable.filter((_, e) => e % options.billingPolicies === i));
    data.billingPolicies.set(policy.id.toLowerCase(), { policy, desiredStatus: policy.status, provisionedAt: null, environments });
  }
  const isvCtx = ctx("isvContracts");
  for (let i = 0; i < options.isvContracts; i++) {
    const contract = seedIsvContract(isvCtx, i, subscriptionId);
    data.isvContracts.set(contract.id.toLowerCase(), contract);
  }

  const packageCtx = ctx("packages");
  data.tenantPackages = seedTenantPackages(packageCtx);
  environmentList.forEach((environment, envIndex) => {
    data.environmentPackages.set(environment.id.toLowerCase(), seedEnvironmentPackages(ctx(`packages:${envIndex}`), data.tenantPackages, envIndex));
  });
  return data;
}
