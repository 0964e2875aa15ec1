/**
 * Seeded environments: `Default-<tenantId>` first, then environments named by GUIDs, in the
 * Power Platform API's `Environment` shape.
 */
import { ENVIRONMENT_NAMES, ENVIRONMENT_TYPES, GEOS } from "./vocabulary.js";
import type { Environment } from "./wireShapes.js";
import { slug, type SeedContext } from "./seedContext.js";
import { randomInstant, wireTimestamp } from "./timestamps.js";

/** Overridable fields of a new environment. */
export interface EnvironmentSeed {
  name?: string;
  displayName?: string;
  type?: string;
  geo?: string;
}

/** The name of the tenant's default environment. */
export function defaultEnvironmentName(tenantId: string): string {
  return `Default-${tenantId}`;
}

/** Builds environment number `index` (0 is the default environment). */
export function seedEnvironment(ctx: SeedContext, index: number, seed: EnvironmentSeed = {}, createdAt?: string): Environment {
  const { random, tenantId } = ctx;
  const isDefault = index === 0 && seed.name === undefined;
  const baseName = ENVIRONMENT_NAMES[(index - 1 + ENVIRONMENT_NAMES.length) % ENVIRONMENT_NAMES.length] ?? "Environment";
  const round = Math.floor((index - 1) / ENVIRONMENT_NAMES.length);
  const displayName = seed.displayName ?? (isDefault ? "Contoso (default)" : round > 0 ? `${baseName} ${round + 1}` : baseName);
  const geo = GEOS.find((g) => g.geo === seed.geo) ?? (isDefault ? GEOS[0] : random.chance(0.7) ? GEOS[0] : GEOS[1]);
  const place = geo ?? { geo: "unitedstates", regions: ["westus"], crmHost: "crm.dynamics.com" };
  const domainName = isDefault ? "orgcontoso" : `${slug(displayName)}${random.hex(4)}`;
  const creator = random.pick(ctx.directory.ofType("User"));
  return {
    id: seed.name ?? (isDefault ? defaultEnvironmentName(tenantId) : random.guid()),
    type: seed.type ?? (isDefault ? "Default" : random.pick(ENVIRONMENT_TYPES)),
    tenantId,
    displayName,
    domainName,
    url: `https://${domainName}.${place.crmHost}/`,
    createdDateTime: createdAt ?? wireTimestamp(randomInstant(random), random),
    deletedDateTime: null,
    geo: place.geo,
    azureRegion: random.pick(place.regions),
    state: "Ready",
    dataverseId: random.guid(),
    environmentGroupId: !isDefault && random.chance(0.3) ? random.guid() : null,
    version: "9.2.25031.185",
    securityGroupId: !isDefault && random.chance(0.5) ? random.guid() : null,
    adminMode: "Disabled",
    backgroundOperationsState: "Enabled",
    protectionLevel: random.chance(0.5) ? "Standard" : "Basic",
    createdBy: { id: creator.id, type: "User" },
  };
}
