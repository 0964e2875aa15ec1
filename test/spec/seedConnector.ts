/**
 * The "Power Apps for Admins" connector reference (shared/seeds/003_…txt), as data: for each of its 16
 * actions, every parameter key and every "Returns" field path it lists, and the fields of its
 * Definitions. The seed-conformance test checks the spec against this list.
 */
export interface SeedAction {
  /** Parameter keys exactly as the seed spells them. */
  readonly params: readonly string[];
  /** Dotted response paths from the seed's Returns table (arrays are stepped through). */
  readonly returns: readonly string[];
}

export const seedActions: Readonly<Record<string, SeedAction>> = {
  "Edit-AdminAppRoleAssignment": {
    "params": [
      "environment",
      "app",
      "api-version",
      "$filter",
      "roleName",
      "capabilities",
      "NotifyShareTargetOption",
      "email",
      "id",
      "type",
      "tenantId"
    ],
    "returns": [
      "put",
      "put.id",
      "put.properties.roleName",
      "put.properties.scope",
      "put.properties.principal.id",
      "put.properties.principal.email",
      "put.properties.principal.type",
      "put.properties.resourceResponses",
      "put.properties.resourceResponses.id",
      "put.properties.resourceResponses.statusCode",
      "put.properties.resourceResponses.responseCode",
      "put.properties.resourceResponses.message",
      "put.properties.resourceResponses.type"
    ]
  },
  "Edit-AdminConnectionRoleAssignment": {
    "params": [
      "environment",
      "connector",
      "connection",
      "api-version",
      "Content-Type",
      "id",
      "roleName"
    ],
    "returns": []
  },
  "Edit-AdminConnectorRoleAssignment": {
    "params": [
      "environment",
      "connectorName",
      "api-version",
      "Content-Type",
      "id",
      "roleName"
    ],
    "returns": []
  },
  "Get-AdminApp": {
    "params": [
      "environment",
      "app",
      "api-version"
    ],
    "returns": []
  },
  "Get-AdminAppRoleAssignment": {
    "params": [
      "environment",
      "app",
      "api-version",
      "$top"
    ],
    "returns": [
      "value",
      "value.name",
      "value.id",
      "value.type",
      "value.properties.roleName",
      "value.properties.principal.id",
      "value.properties.principal.displayName",
      "value.properties.principal.email",
      "value.properties.principal.type",
      "value.properties.scope",
      "value.properties.notifyShareTargetOption"
    ]
  },
  "Get-AdminApps": {
    "params": [
      "environment",
      "api-version",
      "$top",
      "$skiptoken"
    ],
    "returns": []
  },
  "Get-AdminConnectionRoleAssignment": {
    "params": [
      "environment",
      "connectorName",
      "connectionName",
      "api-version",
      "$top"
    ],
    "returns": [
      "value",
      "value.name",
      "value.id",
      "value.type",
      "value.properties.roleName",
      "value.properties.principal.id",
      "value.properties.principal.displayName",
      "value.properties.principal.email",
      "value.properties.principal.type",
      "value.properties.notifyShareTargetOption"
    ]
  },
  "Get-AdminConnections": {
    "params": [
      "environment",
      "api-version",
      "$top"
    ],
    "returns": [
      "value",
      "value.name",
      "value.id",
      "value.type",
      "value.properties.apiId",
      "value.properties.displayName",
      "value.properties.iconUri",
      "value.properties.statuses",
      "value.properties.statuses.status",
      "value.properties.statuses.target",
      "value.properties.statuses.error.code",
      "value.properties.statuses.error.message",
      "value.properties.connectionParameters.sku",
      "value.properties.connectionParameters.workflowName",
      "value.properties.connectionParameters.workflowPath",
      "value.properties.connectionParameters.workflowEndpoint",
      "value.properties.connectionParameters.workFlowCallbackUri",
      "value.properties.connectionParameters.server",
      "value.properties.connectionParameters.database",
      "value.properties.keywordsRemaining",
      "value.properties.createdBy.id",
      "value.properties.createdBy.displayName",
      "value.properties.createdBy.email",
      "value.properties.createdBy.type",
      "value.properties.createdBy.tenantId",
      "value.properties.createdBy.userPrincipalName",
      "value.properties.createdTime",
      "value.properties.lastModifiedTime",
      "value.properties.environment.id",
      "value.properties.environment.name",
      "value.properties.expirationTime",
      "value.properties.testLinks",
      "value.properties.testLinks.requestUri",
      "value.properties.testLinks.method"
    ]
  },
  "Get-AdminConnectorRoleAssignment": {
    "params": [
      "environment",
      "connectorName",
      "api-version",
      "$top"
    ],
    "returns": [
      "value",
      "value.name",
      "value.id",
      "value.type",
      "value.properties.roleName",
      "value.properties.principal.id",
      "value.properties.principal.displayName",
      "value.properties.principal.email",
      "value.properties.principal.type",
      "value.properties.notifyShareTargetOption"
    ]
  },
  "Get-AdminConnectors": {
    "params": [
      "environment",
      "api-version",
      "$top"
    ],
    "returns": [
      "value",
      "value.name",
      "value.id",
      "value.type",
      "value.properties.displayName",
      "value.properties.iconUri",
      "value.properties.iconBrandColor",
      "value.properties.apiEnvironment",
      "value.properties.isCustomApi",
      "value.properties.runtimeUrls",
      "value.properties.primaryRuntimeUrl",
      "value.properties.metadata.source",
      "value.properties.metadata.brandColor",
      "value.properties.metadata.publisherUrl",
      "value.properties.metadata.serviceUrl",
      "value.properties.metadata.documentationUrl",
      "value.properties.metadata.environment",
      "value.properties.metadata.allowSharing",
      "value.properties.capabilities",
      "value.properties.description",
      "value.properties.apiDefinitions.originalSwaggerUrl",
      "value.properties.apiDefinitions.modifiedSwaggerUrl",
      "value.properties.createdBy.id",
      "value.properties.createdBy.displayName",
      "value.properties.createdBy.email",
      "value.properties.createdBy.type",
      "value.properties.createdBy.tenantId",
      "value.properties.createdBy.userPrincipalName",
      "value.properties.modifiedBy.id",
      "value.properties.modifiedBy.displayName",
      "value.properties.modifiedBy.email",
      "value.properties.modifiedBy.type",
      "value.properties.modifiedBy.tenantId",
      "value.properties.modifiedBy.userPrincipalName",
      "value.properties.createdTime",
      "value.properties.changedTime",
      "value.properties.environment.id",
      "value.properties.environment.name",
      "value.properties.tier",
      "value.properties.publisher"
    ]
  },
  "Get-PowerAppConditionalAccess": {
    "params": [
      "environment",
      "app",
      "api-version"
    ],
    "returns": []
  },
  "Remove-AdminApp": {
    "params": [
      "environment",
      "app",
      "api-version"
    ],
    "returns": []
  },
  "Remove-AdminConnection": {
    "params": [
      "environment",
      "connectorName",
      "connectionName",
      "api-version"
    ],
    "returns": []
  },
  "Set-AdminAppOwner": {
    "params": [
      "environment",
      "app",
      "api-version",
      "Content-Type",
      "roleForOldAppOwner",
      "newAppOwner"
    ],
    "returns": []
  },
  "Set-AppQuarantineState": {
    "params": [
      "environment",
      "app",
      "api-version",
      "Content-Type",
      "quarantineStatus"
    ],
    "returns": []
  },
  "Set-PowerAppConditionalAccess": {
    "params": [
      "environment",
      "app",
      "api-version",
      "Content-Type",
      "authContextIds"
    ],
    "returns": []
  }
};

/** Fields of the seed's Definitions, by definition name. */
export const seedDefinitions = {
  "ResourceArrayPowerApp": [
    "value",
    "nextLink"
  ],
  "PowerApp": [
    "id",
    "name",
    "properties.appVersion",
    "properties.createdByClientVersion.major",
    "properties.createdByClientVersion.minor",
    "properties.createdByClientVersion.build",
    "properties.createdByClientVersion.revision",
    "properties.createdByClientVersion.majorRevision",
    "properties.createdByClientVersion.minorRevision",
    "properties.minClientVersion.major",
    "properties.minClientVersion.minor",
    "properties.minClientVersion.build",
    "properties.minClientVersion.revision",
    "properties.minClientVersion.majorRevision",
    "properties.minClientVersion.minorRevision",
    "properties.owner.id",
    "properties.owner.displayName",
    "properties.owner.email",
    "properties.owner.type",
    "properties.owner.tenantId",
    "properties.owner.userPrincipalName",
    "properties.createdBy.id",
    "properties.createdBy.displayName",
    "properties.createdBy.email",
    "properties.createdBy.type",
    "properties.createdBy.tenantId",
    "properties.createdBy.userPrincipalName",
    "properties.lastModifiedBy.id",
    "properties.lastModifiedBy.displayName",
    "properties.lastModifiedBy.email",
    "properties.lastModifiedBy.type",
    "properties.lastModifiedBy.tenantId",
    "properties.lastModifiedBy.userPrincipalName",
    "properties.backgroundColor",
    "properties.backgroundImageUri",
    "properties.displayName",
    "properties.description",
    "properties.appUris.documentUri.value",
    "properties.appUris.documentUri.readonlyValue",
    "properties.appUris.imageUris",
    "properties.createdTime",
    "properties.lastModifiedTime",
    "properties.sharedGroupsCount",
    "properties.sharedUsersCount",
    "properties.appOpenProtocolUri",
    "properties.appOpenUri",
    "properties.userAppMetadata.favorite",
    "properties.userAppMetadata.includeInAppsList",
    "properties.isFeaturedApp",
    "properties.bypassConsent",
    "properties.isHeroApp",
    "properties.environment.id",
    "properties.environment.name",
    "properties.connectionReferences",
    "tags.primaryDeviceWidth",
    "tags.primaryDeviceHeight",
    "tags.sienaVersion",
    "tags.deviceCapabilities",
    "tags.supportsPortrait",
    "tags.supportsLandscape",
    "tags.primaryFormFactor",
    "tags.publisherVersion",
    "tags.minimumRequiredApiVersion",
    "type"
  ],
  "ConnectionReference": [
    "id",
    "displayName",
    "iconUri",
    "dataSources",
    "dependencies",
    "dependents",
    "isOnPremiseConnection",
    "bypassConsent",
    "apiTier",
    "isCustomApiConnection",
    "runtimePolicyName",
    "executionRestrictions",
    "sharedConnectionId"
  ]
} as const;
