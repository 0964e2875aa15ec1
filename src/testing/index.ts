/**
 * `power-platform-admin/testing`: a local emulator of the services in `openapi/`, as a loopback HTTP
 * server or msw handlers (msw is an optional peer, needed only for `handlers`), with a seeded tenant,
 * server-side paging and throttling, long-running operations, fault injection and request observation.
 * Every operation of the specs is served generically from the spec; behaviours/ holds the few with
 * semantics beyond storage.
 */
export { createEmulator, type Emulator } from "./emulator.js";
export { startEmulatorServer, type EmulatorServer, type EmulatorServerOptions } from "./http/nodeServer.js";
export { DEFAULT_EMULATOR_BASE_URL, type EmulatorOptions, type EmulatorThrottleOptions, type ResolvedEmulatorOptions } from "./emulatorOptions.js";
export { emulatorCredential, EMULATOR_TOKEN, type EmulatorAccessToken, type EmulatorCredential } from "./http/emulatorCredential.js";
export { faultResponses, FaultInjector, type FaultAction, type FaultHandle, type FaultMatch, type FaultReportEntry, type FaultResponse, type FaultSpec } from "./http/faultInjector.js";
export type { EmulatorExchange, EmulatorLogEntry, ExchangeListener } from "./http/exchangeLog.js";
export type { ThrottleCounts, ThrottleReport } from "./http/slidingThrottle.js";
export type { EmulatorState, EmulatorEnvironment, ResponseBehavior } from "./tenant/emulatorState.js"; // a type: `createEmulator` makes it (constructor internal)
export type { DirectoryEntry } from "./tenant/directory.js";
export type { Doc as EmulatorResource } from "./tenant/resourceStore.js";
export type { AppSeed } from "./seed/appSeed.js";
export type { FlowSeed } from "./seed/flowSeed.js";
export type { EnvironmentSeed } from "./seed/environmentSeed.js";
export type { InstallBehavior } from "./seed/wireShapes.js";
export type { SpecName } from "./operations/operationRouter.js";
export { supportedApiVersions, EXTRA_API_VERSIONS } from "./operations/apiVersions.js";
