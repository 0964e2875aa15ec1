/** power-platform-admin: the public surface, and nothing else. */
export { PowerAppsAdminClient, AppsOperations, ConnectionsOperations, ConnectorsOperations } from "./powerapps-admin/client.js";
export {
  PowerPlatformClient,
  AppManagementOperations,
  BillingPoliciesOperations,
  EnvironmentsOperations,
  IsvContractsOperations,
  LicensingOperations,
  PowerAppsOperations,
  type WaitForProvisioningOptions,
} from "./power-platform/client.js";
export {
  InstallPackagePoller,
  type InstallPackagePollerState,
  type PackageOperation,
  type PollUntilDoneOptions,
} from "./power-platform/installPackagePoller.js";
export type { ClientOptions, CallOptions } from "./client/options.js";
export type { ArgsOf, ItemOf, ResultOf } from "./client/facadeTypes.js";
export { RateLimiter, type RateLimiterOptions } from "./core/rateLimiter.js";
export type { Limiter } from "./core/limiter.js";
export { PowerPlatformError, type PowerPlatformErrorOptions } from "./core/errors.js";
export type { Page, PageSettings, PagedAsyncIterableIterator } from "./core/paging.js";
export type { AccessToken, GetTokenOptions, TokenCredential } from "./core/credential.js";
export { clouds, type CloudName } from "./core/clouds.js";
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
