/** power-platform-admin: the public surface, and nothing else. */
export { PowerAppsAdminClient } from "./powerapps-admin/client.js";
export { PowerPlatformClient, type WaitForProvisioningOptions } from "./power-platform/client.js";
// Every group interface of each client (AppsOperations, BillingPoliciesOperations, ...), as generated:
// a new group of the spec is exported without an edit here, and a name two services share fails to compile.
export type * from "../generated/powerapps-admin.facade.js";
export type * from "../generated/power-platform.facade.js";
export { BapAdminClient } from "./bap/client.js";
// BAP and Power Automate admin share group names with the others (`environments`), so their
// interfaces are listed by name, the shared ones under a prefixed alias.
export type {
  BapAdminSurface,
  DlpPoliciesOperations,
  EnvironmentsOperations as BapEnvironmentsOperations,
  ManagementApplicationsOperations,
  TenantIsolationOperations,
  TenantSettingsOperations,
} from "../generated/bap.facade.js";
export { dlpConnectorClassification, dlpPolicyAppliesTo, type DlpConnectorVerdict, type DlpPolicyShape } from "./bap/dlpEvaluation.js";
export { PowerAutomateAdminClient } from "./power-automate-admin/client.js";
export type {
  FlowsOperations,
  OwnersOperations as FlowOwnersOperations,
  PowerAutomateAdminSurface,
  FlowsRunsOperations as FlowRunsOperations,
} from "../generated/power-automate-admin.facade.js";
export { InstallPackagePoller, type InstallPackagePollerState, type PackageOperation } from "./power-platform/installPackagePoller.js";
export {
  OperationPoller,
  type OperationPollerState,
  type OperationStatusDocument,
  type PollUntilDoneOptions,
} from "./client/operationPoller.js";
export { OperationInProgressError, type RunningOperation } from "./client/operationInProgress.js";
export type { ClientOptions, CallOptions } from "./client/options.js";
export type { ArgsOf, CallResultOf, ItemOf, ListArgsOf, ResultOf, WaitArgsOf } from "./client/facadeTypes.js";
export type { Download } from "./client/download.js";
export type { PowerAppsAdminOperationId } from "../generated/powerapps-admin.operations.js";
export type { PowerPlatformOperationId } from "../generated/power-platform.operations.js";
export type { BapOperationId } from "../generated/bap.operations.js";
export type { PowerAutomateAdminOperationId } from "../generated/power-automate-admin.operations.js";
export { RateLimiter, type RateLimiterOptions } from "./core/rateLimiter.js";
export type { Limiter } from "./core/limiter.js";
export { PowerPlatformError, type PowerPlatformErrorOptions } from "./core/errors.js";
export type { Page, PageSettings, PagedAsyncIterableIterator } from "./core/paging.js";
export type { AccessToken, GetTokenOptions, TokenCredential } from "./core/credential.js";
export { clouds, type CloudEndpoints } from "./services/clouds.js";
export type { CloudName, ServiceDefinition, ServiceEndpoint } from "./services/definition.js";
export type { RetryOptions } from "./core/retryPolicy.js";
export type { LogEvent } from "./core/transport.js";
export type { PipelinePolicy, PipelineRequest, PipelineResponse, SendRequest } from "./core/pipeline/pipeline.js";
export type { AdditionalPolicy } from "./core/pipeline/sdkPipeline.js";
export type { Clock } from "./core/clock.js";
export { createManualClock, type ManualClock } from "./core/manualClock.js";
export { createScaledClock, epochClock, type ScaledClockOptions } from "./core/scaledClock.js";
export { createVirtualClock, type VirtualClock } from "./core/virtualClock.js";
export type { components as PowerAppsAdminComponents, operations as PowerAppsAdminOperationTypes, paths as PowerAppsAdminPaths } from "../generated/powerapps-admin.js";
export type { components as PowerPlatformComponents, operations as PowerPlatformOperationTypes, paths as PowerPlatformPaths } from "../generated/power-platform.js";
export type { components as BapComponents, operations as BapOperationTypes, paths as BapPaths } from "../generated/bap.js";
export type {
  components as PowerAutomateAdminComponents,
  operations as PowerAutomateAdminOperationTypes,
  paths as PowerAutomateAdminPaths,
} from "../generated/power-automate-admin.js";
