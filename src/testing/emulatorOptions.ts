/**
 * The emulator's options and their defaults, resolved once so every part reads the same values.
 */
import type { EmulatorSpecModel } from "../../generated/emulator-model.js";
import { systemClock, type Clock } from "../core/clock.js";

/** Server-side throttle: at most `limit` admitted requests per bearer token in any `windowInMs` span. */
export interface EmulatorThrottleOptions {
  /** Requests admitted per token in any window. Default 1000 (the connector's documented limit). */
  limit?: number;
  /** Window length in emulator-clock milliseconds. Default 60 000. */
  windowInMs?: number;
}

/** Options of {@link createEmulator}. Every size and duration has a default. */
export interface EmulatorOptions {
  /** Seed of the deterministic data generator: same seed, same tenant. Default 1. */
  seed?: number;
  /** Tenant id (a GUID). Default: derived from the seed. */
  tenantId?: string;
  /** Number of environments, the `Default-<tenantId>` one included. Default 3. */
  environments?: number;
  /** Canvas apps per environment. Default 30. */
  appsPerEnvironment?: number;
  /** Connections per environment. Default 10. */
  connectionsPerEnvironment?: number;
  /** Custom connectors per environment. Default 2. */
  customConnectorsPerEnvironment?: number;
  /** Cloud flows per environment, soft-deleted ones included. Default 10. */
  flowsPerEnvironment?: number;
  /** Billing policies in the tenant. Default 2. */
  billingPolicies?: number;
  /** ISV contracts in the tenant. Default 1. */
  isvContracts?: number;
  /** Items per page when the request has no `$top`. Default 250 (the service default). */
  pageSize?: number;
  /** Server-side throttle, or `false` to admit everything. Default `{ limit: 1000, windowInMs: 60000 }`. */
  throttle?: EmulatorThrottleOptions | false;
  /** Time source for everything the emulator measures. Default: the system clock. */
  clock?: Clock;
  /** How long a new billing policy stays `Provisioning`, in emulator-clock ms. Default 2000. */
  provisioningDelayInMs?: number;
  /** How long an install operation stays `Running`, in emulator-clock ms. Default 2000. */
  installDurationInMs?: number;
  /** How long any other long-running operation stays `Running`, in emulator-clock ms. Default 2000. */
  operationDurationInMs?: number;
  /** Delay before every answer, in emulator-clock ms (with a manual clock, answers wait for `advance`). Default 0. */
  latencyInMs?: number;
  /** Origin the handlers serve (msw mode). Default `https://emulator.power-platform-admin.test`. */
  baseUrl?: string;
  /** Wall-clock time at emulator-clock zero, used for timestamps written at run time. Default: now. */
  startTime?: Date | string | number;
  /** @internal Serve these spec models instead of the generated ones (tests of the generic behaviour). */
  specModels?: readonly EmulatorSpecModel[];
}

/** {@link EmulatorOptions} with every default applied. */
export interface ResolvedEmulatorOptions {
  readonly seed: number;
  readonly tenantId: string | undefined;
  readonly environments: number;
  readonly appsPerEnvironment: number;
  readonly connectionsPerEnvironment: number;
  readonly customConnectorsPerEnvironment: number;
  readonly flowsPerEnvironment: number;
  readonly billingPolicies: number;
  readonly isvContracts: number;
  readonly pageSize: number;
  readonly throttle: Required<EmulatorThrottleOptions> | false;
  readonly clock: Clock;
  readonly provisioningDelayInMs: number;
  readonly installDurationInMs: number;
  readonly operationDurationInMs: number;
  readonly latencyInMs: number;
  readonly baseUrl: string;
  readonly startTime: number;
}

/** The msw-mode origin when none is given. */
export const DEFAULT_EMULATOR_BASE_URL = "https://emulator.power-platform-admin.test";

function count(name: string, value: number | undefined, fallback: number, min = 0): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min) throw new RangeError(`emulator option ${name} must be an integer >= ${min}, got ${v}`);
  return v;
}

/** Applies defaults and checks ranges; throws `RangeError` on a nonsensical value. */
export function resolveEmulatorOptions(options: EmulatorOptions = {}): ResolvedEmulatorOptions {
  const throttle =
    options.throttle === false
      ? false
      : {
          limit: count("throttle.limit", options.throttle?.limit, 1000, 1),
          windowInMs: count("throttle.windowInMs", options.throttle?.windowInMs, 60_000, 1),
        };
  const start = options.startTime === undefined ? Date.now() : new Date(options.startTime).getTime();
  if (Number.isNaN(start)) throw new RangeError(`emulator option startTime is not a date: ${String(options.startTime)}`);
  return {
    seed: count("seed", options.seed, 1),
    tenantId: options.tenantId,
    environments: count("environments", options.environments, 3, 1),
    appsPerEnvironment: count("appsPerEnvironment", options.appsPerEnvironment, 30),
    connectionsPerEnvironment: count("connectionsPerEnvironment", options.connectionsPerEnvironment, 10),
    customConnectorsPerEnvironment: count("customConnectorsPerEnvironment", options.customConnectorsPerEnvironment, 2),
    flowsPerEnvironment: count("flowsPerEnvironment", options.flowsPerEnvironment, 10),
    billingPolicies: count("billingPolicies", options.billingPolicies, 2),
    isvContracts: count("isvContracts", options.isvContracts, 1),
    pageSize: count("pageSize", options.pageSize, 250, 1),
    throttle,
    clock: options.clock ?? systemClock,
    provisioningDelayInMs: count("provisioningDelayInMs", options.provisioningDelayInMs, 2000),
    installDurationInMs: count("installDurationInMs", options.installDurationInMs, 2000),
    operationDurationInMs: count("operationDurationInMs", options.operationDurationInMs, 2000),
    latencyInMs: count("latencyInMs", options.latencyInMs, 0),
    baseUrl: (options.baseUrl ?? DEFAULT_EMULATOR_BASE_URL).replace(/\/+$/, ""),
    startTime: start,
  };
}
