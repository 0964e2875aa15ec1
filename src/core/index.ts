export { systemClock, type Clock } from "./clock.js";
export { createManualClock, type ManualClock } from "./manualClock.js";
export { createScaledClock, epochClock, type ScaledClockOptions } from "./scaledClock.js";
export { createVirtualClock, type VirtualClock } from "./virtualClock.js";
export { RateLimiter, type RateLimiterOptions } from "./rateLimiter.js";
export { defaultCredential, type AccessToken, type GetTokenOptions, type TokenCredential } from "./credential.js";
export { createTokenCache, type TokenCache, type TokenCacheOptions, type TokenRequestOptions } from "./tokenCache.js";
export { checkEndpoint, isLoopbackHost } from "./clouds.js";
export {
  errorFromBufferedResponse,
  errorFromResponse,
  PowerPlatformError,
  redactUrl,
  type BufferedResponse,
  type PowerPlatformErrorOptions,
} from "./errors.js";
export {
  backoffDelay,
  defaultRetryOptions,
  isIdempotentMethod,
  isRetryableStatus,
  parseRetryAfterInMs,
  resolveRetryOptions,
  type RetryOptions,
} from "./retryPolicy.js";
export { createSdkFetch, decodedBodyOf, SDK_VERSION, type BearerTokenSource, type LogEvent, type SdkFetch, type SdkFetchOptions } from "./transport.js";
export {
  createPipeline,
  createPipelineRequest,
  type Pipeline,
  type PipelinePolicy,
  type PipelineRequest,
  type PipelineResponse,
  type PolicyPlacement,
  type SendRequest,
} from "./pipeline/pipeline.js";
export { createSdkPipeline, type AdditionalPolicy, type SdkPipeline, type SdkPipelineOptions } from "./pipeline/sdkPipeline.js";
export {
  createPagedIterator,
  readItems,
  readNextLink,
  type Page,
  type PagedAsyncIterableIterator,
  type PageResult,
  type PageSettings,
  type PagingSource,
} from "./paging.js";
export { pollUntilDone, type PollLoopOptions, type PollStep } from "./poller.js";
