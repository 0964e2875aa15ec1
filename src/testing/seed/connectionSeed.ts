/**
 * Seeded connections (to Microsoft's shared connectors) and custom connectors, each with an owner
 * role and sometimes a share, in the shapes of the Power Apps admin spec's examples.
 */
import { CONNECTORS, CUSTOM_CONNECTOR_NAMES, type WellKnownConnector } from "./vocabulary.js";
import type { ConnectionRecord, CustomConnectorRecord } from "./wireShapes.js";
import { connectionRoleAssignment, connectorRoleAssignment } from "./roleAssignments.js";
import { environmentReference, type SeedContext } from "./seedContext.js";
import { randomInstant, wireTimestamp } from "./timestamps.js";

const ICON_RELEASE = "https://connectoricons-prod.azureedge.net/releases/v1.0.1664/1.0.1664.3477";

/** The icon URL of a shared connector. */
export function connectorIconUri(connector: WellKnownConnector): string {
  return `${ICON_RELEASE}/${connector.iconSlug}/icon.png`;
}

/** Looks up a well-known connector by name (e.g. `shared_office365users`). */
export function wellKnownConnector(name: string): WellKnownConnector | undefined {
  return CONNECTORS.find((c) => c.name === name);
}

/** Builds a connection to `connector` in `environment`, owned by a random user (or `ownerId`). */
export function seedConnection(ctx: SeedContext, environment: string, connector: WellKnownConnector, options: { ownerId?: string; createdAt?: string } = {}): ConnectionRecord {
  const { random, directory } = ctx;
  const users = directory.ofType("User");
  const owner = (options.ownerId ? directory.get(options.ownerId) : undefined) ?? random.pick(users);
  const name = random.hex(32);
  const created = options.createdAt ?? wireTimestamp(randomInstant(random), random);
  const displayName =
    connector.name === "shared_sql"
      ? "contoso-sql.database.windows.net contosodb"
      : connector.name === "shared_logicflows"
        ? "Add an item to SharePoint and send an email"
        : connector.userAccount
          ? (owner.email ?? owner.displayName)
          : connector.displayName;
  const healthy = random.chance(0.9);
  const connectionParameters =
    connector.name === "shared_sql"
      ? { server: "contoso-sql.database.windows.net", database: "contosodb" }
      : connector.name === "shared_logicflows"
        ? { workflowName: random.guid(), workflowEndpoint: `https://prod-12.westeurope.logic.azure.com/workflows/${random.hex(32)}` }
        : {};
  const record: ConnectionRecord = {
    environment,
    connectorName: connector.name,
    connection: {
      name,
      id: `/providers/Microsoft.PowerApps/scopes/admin/environments/${environment}/apis/${connector.name}/connections/${name}`,
      type: "Microsoft.PowerApps/scopes/apis/connections",
      properties: {
        apiId: `/providers/Microsoft.PowerApps/apis/${connector.name}`,
        displayName,
        iconUri: connectorIconUri(connector),
        statuses: healthy
          ? [{ status: "Connected" }]
          : [{ status: "Error", target: "token", error: { code: "Unauthorized", message: "The refresh token has expired due to inactivity." } }],
        connectionParameters,
        keywordsRemaining: connector.name === "shared_logicflows" ? random.int(0, 100) : 0,
        createdBy: directory.principalOf(owner),
        createdTime: created,
        lastModifiedTime: created,
        expirationTime: null,
        environment: environmentReference(environment),
        testLinks: connector.userAccount
          ? [{ requestUri: `https://europe-002.azure-apim.net/apim/${connector.iconSlug}/${name}/testconnection`, method: "get" }]
          : [],
      },
    },
    roles: new Map(),
  };
  const ownerRole = connectionRoleAssignment(connector.name, name, directory.principalOf(owner), "Owner");
  record.roles.set(ownerRole.name ?? owner.id, ownerRole);
  if (random.chance(0.3)) {
    const other = random.pick(users.filter((u) => u.id !== owner.id));
    const share = connectionRoleAssignment(connector.name, name, directory.principalOf(other), "CanEdit");
    record.roles.set(share.name ?? other.id, share);
  }
  return record;
}

/** Builds connection number `index` of an environment, cycling through the well-known connectors. */
export function seedConnectionAt(ctx: SeedContext, environment: string, index: number): ConnectionRecord {
  const connector = CONNECTORS[index % CONNECTORS.length] as WellKnownConnector;
  return seedConnection(ctx, environment, connector);
}

/** Builds a custom connector in `environment`, owned by a random user, sometimes shared with a group. */
export function seedCustomConnector(ctx: SeedContext, environment: string, index: number, options: { displayName?: string; createdAt?: string } = {}): CustomConnectorRecord {
  const { random, directory } = ctx;
  const base = CUSTOM_CONNECTOR_NAMES[index % CUSTOM_CONNECTOR_NAMES.length] ?? "Custom API";
  const displayName = options.displayName ?? (index >= CUSTOM_CONNECTOR_NAMES.length ? `${base} ${Math.floor(index / CUSTOM_CONNECTOR_NAMES.length) + 1}` : base);
  const apiSlug = `${displayName.toLowerCase().replace(/[^a-z0-9 ]/g, "").replace(/ /g, "-20")}-5f${random.hex(16)}`;
  const name = `shared_${apiSlug}`;
  const owner = random.pick(directory.ofType("User"));
  const ownerPrincipal = directory.principalOf(owner);
  const created = options.createdAt ?? wireTimestamp(randomInstant(random), random);
  const color = random.pick(["#007ee5", "#da3b01", "#107c10", "#5c2d91"]);
  const storage = `https://paeu2weu8.blob.core.windows.net/api-swagger-files/${apiSlug}`;
  const record: CustomConnectorRecord = {
    environment,
    connector: {
      name,
      id: `/providers/Microsoft.PowerApps/scopes/admin/environments/${environment}/apis/${name}`,
      type: "Microsoft.PowerApps/apis",
      properties: {
        displayName,
        iconUri: random.chance(0.8) ? "https://az787822.vo.msecnd.net/defaulticons/api-dedicated.png" : null,
        iconBrandColor: color,
        apiEnvironment: "Environment",
        isCustomApi: true,
        connectionParameters: {},
        runtimeUrls: [`https://europe-002.azure-apim.net/apim/${apiSlug}`],
        primaryRuntimeUrl: `https://europe-002.azure-apim.net/apim/${apiSlug}`,
        metadata: {
          source: "powerapps-user-defined",
          brandColor: color,
          contact: {},
          license: {},
          publisherUrl: null,
          serviceUrl: null,
          documentationUrl: null,
          environment,
          allowSharing: false,
        },
        capabilities: [],
        description: random.chance(0.7) ? `${displayName} for the ${random.pick(["finance", "sales", "operations", "HR"])} back office.` : null,
        apiDefinitions: {
          originalSwaggerUrl: `${storage}.json_original?sv=2018-03-28&sr=b&sp=r`,
          modifiedSwaggerUrl: `${storage}.json?sv=2018-03-28&sr=b&sp=r`,
        },
        createdBy: ownerPrincipal,
        modifiedBy: ownerPrincipal,
        createdTime: created,
        changedTime: created,
        environment: environmentReference(environment),
        tier: "Premium",
        publisher: owner.displayName,
      },
    },
    roles: new Map(),
  };
  const ownerRole = connectorRoleAssignment(environment, name, ownerPrincipal, "Owner");
  record.roles.set(ownerRole.name ?? owner.id, ownerRole);
  const groups = directory.ofType("Group");
  if (groups.length > 0 && random.chance(0.5)) {
    const share = connectorRoleAssignment(environment, name, directory.principalOf(random.pick(groups)), "CanView");
    record.roles.set(share.name ?? "", share);
  }
  return record;
}
