/**
 * Seeded canvas apps: GUID names, an owner (sometimes one that no longer exists), connection
 * references keyed by GUID, a few quarantined, and role assignments (owner plus some shares), in the
 * shape of the Power Apps admin spec's example of one app.
 */
import { APP_DESCRIPTIONS, APP_NAMES, CONNECTORS } from "./vocabulary.js";
import { orphanedPrincipal } from "../tenant/directory.js";
import type { AppRecord, ConnectionRecord, ConnectionReference, CustomConnectorRecord, Environment, Principal } from "./wireShapes.js";
import { appRoleAssignment } from "./roleAssignments.js";
import { environmentReference, type SeedContext } from "./seedContext.js";
import { randomInstant, secondsTimestamp, SEED_REFERENCE_TIME, wireTimestamp } from "./timestamps.js";

/** Overridable facts of a new app (see `state.addApp`). */
export interface AppSeed {
  /** App name (a GUID). Default: random. */
  name?: string;
  displayName?: string;
  description?: string | null;
  /** Object id of the owner. An id the directory does not know reads back as a deleted owner. Default: a random user. */
  ownerId?: string;
  /** Give the app an owner that no longer exists (null mail and name, type `NotSpecified`). */
  orphanedOwner?: boolean;
  quarantined?: boolean;
  /** Conditional-access authentication-context ids. */
  authContextIds?: string[];
  /** Created-time ISO timestamp. Default: random before the seed reference date. */
  createdAt?: string;
}

const SYSTEM_ID = "00000000-0000-0000-0000-5157eaa02fcd";

function systemPrincipal(tenantId: string): Principal {
  return { id: SYSTEM_ID, displayName: "SYSTEM", type: "User", tenantId, userPrincipalName: SYSTEM_ID };
}

function references(ctx: SeedContext, connections: readonly ConnectionRecord[], customConnectors: readonly CustomConnectorRecord[]): Record<string, ConnectionReference> {
  const { random } = ctx;
  const out: Record<string, ConnectionReference> = {};
  const available = [...new Set(connections.map((c) => c.connectorName))];
  for (const connectorName of random.sample(available, random.int(0, Math.min(3, available.length)))) {
    const connector = CONNECTORS.find((c) => c.name === connectorName);
    const connection = connections.find((c) => c.connectorName === connectorName);
    if (!connector || !connection) continue;
    out[random.guid()] = {
      id: `/providers/microsoft.powerapps/apis/${connectorName}`,
      displayName: connector.displayName,
      iconUri: random.chance(0.3) ? null : (connection.connection.properties?.iconUri ?? null),
      dataSources: [connector.dataSource],
      dependencies: [],
      dependents: [],
      isOnPremiseConnection: false,
      bypassConsent: false,
      apiTier: connector.tier,
      isCustomApiConnection: false,
      sharedConnectionId: `/providers/microsoft.powerapps/apis/${connectorName}/connections/${connection.connection.name}`,
    };
  }
  const custom = customConnectors.length > 0 && random.chance(0.15) ? random.pick(customConnectors) : undefined;
  if (custom) {
    const displayName = custom.connector.properties?.displayName ?? custom.connector.name;
    out[random.guid()] = {
      id: `/providers/microsoft.powerapps/apis/${custom.connector.name}`,
      displayName,
      iconUri: custom.connector.properties?.iconUri ?? null,
      dataSources: [displayName.replace(/\s+/g, "")],
      dependencies: [],
      dependents: [],
      isOnPremiseConnection: false,
      bypassConsent: false,
      apiTier: "Premium",
      isCustomApiConnection: true,
    };
  }
  return out;
}

/** Builds app number `index` of `environment`, referencing that environment's connections. */
export function seedApp(
  ctx: SeedContext,
  environment: Environment,
  connections: readonly ConnectionRecord[],
  customConnectors: readonly CustomConnectorRecord[],
  index: number,
  seed: AppSeed = {},
): AppRecord {
  const { random, directory, tenantId } = ctx;
  const env = environment.id;
  const name = seed.name ?? random.guid();
  const users = directory.ofType("User");
  const ownerEntry = seed.ownerId ? directory.get(seed.ownerId) : random.pick(users);
  const owner: Principal = seed.orphanedOwner || !ownerEntry ? orphanedPrincipal(seed.ownerId ?? random.guid(), tenantId) : directory.principalOf(ownerEntry);
  const createdMs = seed.createdAt ? Date.parse(seed.createdAt) : randomInstant(random);
  const modifiedMs = randomInstant(random, SEED_REFERENCE_TIME, createdMs);
  const created = seed.createdAt ?? wireTimestamp(createdMs, random);
  const modified = seed.createdAt ?? wireTimestamp(modifiedMs, random);
  const version = secondsTimestamp(seed.createdAt ? createdMs : modifiedMs);
  const minor = random.pick([22112, 23081, 24022, 24112, 25021]);
  const build = random.int(10, 30);
  const clientVersion = { major: 3, minor, build, revision: 0, majorRevision: 0, minorRevision: 0 };
  const phone = random.chance(0.35);
  const baseName = APP_NAMES[index % APP_NAMES.length] ?? "App";
  const displayName = seed.displayName ?? (index >= APP_NAMES.length ? `${baseName} ${Math.floor(index / APP_NAMES.length) + 1}` : baseName);
  const description = seed.description !== undefined ? seed.description : random.chance(0.3) ? null : random.chance(0.3) ? "" : random.pick(APP_DESCRIPTIONS);
  const connectionReferences = references(ctx, connections, customConnectors);
  const premium = Object.values(connectionReferences).some((r) => r.apiTier === "Premium");
  const blob = `https://pafeblobprodam.blob.core.windows.net:443/${version.slice(0, 10).replace(/-/g, "")}t000000z${name.replace(/-/g, "")}`;
  const playUri = `https://apps.powerapps.com/play/e/${env}/a/${name}?tenantId=${tenantId}`;
  const quarantined = seed.quarantined ?? false;
  const app: AppRecord = {
    environment: env,
    app: {
      name,
      id: `/providers/Microsoft.PowerApps/scopes/admin/environments/${env}/apps/${name}`,
      type: "Microsoft.PowerApps/scopes/admin/apps",
      tags: {
        primaryDeviceWidth: phone ? "640" : "1366",
        primaryDeviceHeight: phone ? "1136" : "768",
        sienaVersion: `${version.replace(/[-:]/g, "")}-3.${minor}.${build}.0`,
        deviceCapabilities: "",
        supportsPortrait: phone ? "true" : "false",
        supportsLandscape: phone ? "false" : "true",
        primaryFormFactor: phone ? "Phone" : "Tablet",
        publisherVersion: `3.${minor}.${build}`,
        minimumRequiredApiVersion: "2.2.0",
        hasComponent: "false",
      },
      properties: {
        appVersion: version,
        lifeCycleId: "Published",
        status: "Ready",
        createdByClientVersion: clientVersion,
        minClientVersion: { ...clientVersion },
        owner,
        createdBy: { ...owner },
        lastModifiedBy: random.chance(0.2) ? systemPrincipal(tenantId) : { ...owner },
        lastPublishedBy: { ...owner },
        backgroundColor: random.pick(["RGBA(0,176,240,1)", "RGBA(56,96,178,1)", "RGBA(255,255,255,1)"]),
        backgroundImageUri: random.chance(0.8) ? `${blob}/logoSmallFile?sv=2018-03-28&sr=c&sp=rl` : null,
        displayName,
        description,
        appUris: {
          documentUri: { value: `${blob}/document.msapp?sv=2018-03-28&sr=c&sp=rl`, readonlyValue: `${blob.replace("pafeblobprodam", "pafeblobprodam-secondary").replace(":443", "")}/document.msapp?sv=2018-03-28&sr=c&sp=rl` },
          imageUris: [],
        },
        createdTime: created,
        lastModifiedTime: modified,
        lastPublishTime: version,
        sharedGroupsCount: 0,
        sharedUsersCount: 0,
        appOpenProtocolUri: `ms-apps:///providers/Microsoft.PowerApps/apps/${name}`,
        appOpenUri: playUri,
        appPlayUri: playUri.replace(`/e/${env}/`, `/e/${env.toLowerCase()}/`),
        userAppMetadata: { favorite: "NotSpecified", includeInAppsList: true },
        isFeaturedApp: false,
        bypassConsent: false,
        isHeroApp: false,
        environment: environmentReference(env),
        connectionReferences,
        almMode: random.chance(0.8) ? "Environment" : "Solution",
        executionRestrictions: {
          isTeamsOnly: false,
          dataLossPreventionEvaluationResult: { status: "Compliant", lastEvaluationDate: modified },
          appQuarantineState: { quarantineStatus: quarantined ? "Quarantined" : "Unquarantined" },
          conditionalAccessAuthenticationContextIds: seed.authContextIds ?? (random.chance(0.05) ? ["c1"] : []),
        },
        appPlanClassification: premium ? "Premium" : "Standard",
        usesPremiumApi: premium,
      },
      appLocation: environment.geo ?? "unitedstates",
      isAppComponentLibrary: index % 17 === 16,
      appType: "ClassicCanvasApp",
    },
    roles: new Map(),
  };
  const ownerRole = appRoleAssignment(env, name, owner, "Owner", { createdOn: created, createdBy: owner.id ?? "" });
  app.roles.set(ownerRole.name ?? "", ownerRole);
  const shareTargets = random.sample(
    [...users.filter((u) => u.id !== owner.id), ...directory.ofType("Group")],
    random.int(0, 3),
  );
  for (const target of shareTargets) {
    const role = appRoleAssignment(env, name, directory.principalOf(target), target.type === "Group" ? "CanView" : random.pick(["CanView", "CanEdit"]), {
      createdOn: modified,
      createdBy: owner.id ?? "",
      notifyShareTargetOption: random.pick(["NotSpecified", "Notify"]),
    });
    app.roles.set(role.name ?? target.id, role);
  }
  if (random.chance(0.1)) {
    const tenantShare = appRoleAssignment(env, name, directory.tenantPrincipal(), "CanView", { createdOn: modified, createdBy: owner.id ?? "" });
    app.roles.set(tenantShare.name ?? "", tenantShare);
  }
  return app;
}
