/**
 * `power-platform-admin/testing`: a local emulator of the Power Apps admin API and the Power Platform
 * API, as msw handlers or a loopback HTTP server, with seeded data, server-side paging and throttling,
 * long-running installs, fault injection and request observation.
 */
export { createEmulator, type Emulator } from "./emulator.js";
export { startEmulatorServer, type EmulatorServer, type EmulatorServerOptions } from "./server.js";
export { DEFAULT_EMULATOR_BASE_URL, type EmulatorOptions, type EmulatorThrottleOptions, type ResolvedEmulatorOptions } from "./options.js";
export { emulatorCredential, EMULATOR_TOKEN, type EmulatorAccessToken, type EmulatorCredential } from "./auth.js";
export { faultResponses, FaultInjector, type FaultAction, type FaultHandle, type FaultMatch, type FaultReportEntry, type FaultResponse, type FaultSpec } from "./faults.js";
export type { EmulatorExchange, EmulatorLogEntry, ExchangeListener } from "./exchange.js";
export type { ThrottleCounts, ThrottleReport } from "./throttle.js";
export type { EmulatorState, EmulatorEnvironment } from "./state.js"; // a type: `createEmulator` makes it (constructor internal)
export type { ResponseBehavior } from "./runtime.js";
export type { DirectoryEntry } from "./directory.js";
export type { AppSeed } from "./seedApps.js";
export type { EnvironmentSeed } from "./seedEnvironments.js";
export type { InstallBehavior } from "./models.js";
export type { SpecName } from "./routes.js";
export { supportedApiVersions, EXTRA_API_VERSIONS } from "./apiVersions.js";
