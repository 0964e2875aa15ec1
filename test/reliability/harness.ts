/**
 * Shared set-up of the reliability suite: an emulator mounted with msw, and SDK clients pointed at it.
 * Clients are created after `listen`, so the msw interceptor sees every request.
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import { setupServer } from "msw/node";
import { PowerAppsAdminClient, PowerPlatformClient, type ClientOptions, type LogEvent } from "../../src/index.js";
import { createEmulator, emulatorCredential, type Emulator, type EmulatorOptions } from "../../src/testing/index.js";

export interface Mounted {
  /** The emulators, in the order given. */
  readonly emulators: Emulator[];
  /** The first emulator. */
  readonly emulator: Emulator;
}

/** Creates emulators (give each its own `baseUrl` when more than one), mounts them, resets them before each test. */
export function mountEmulators(...options: EmulatorOptions[]): Mounted {
  const emulators = options.map((o) => createEmulator(o));
  const server = setupServer(...emulators.flatMap((e) => e.handlers));
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());
  beforeEach(() => emulators.forEach((e) => e.reset()));
  return { emulators, emulator: emulators[0]! };
}

/** Client options for `emulator`, quick retries, and a logger that records every event into `events`. */
export function clientOptions(emulator: Emulator, overrides: ClientOptions = {}, events: LogEvent[] = []): ClientOptions {
  return {
    endpoint: emulator.baseUrl,
    credential: emulatorCredential(),
    retry: { retryDelayInMs: 1, maxRetryDelayInMs: 10_000 },
    logger: (event) => events.push(event),
    ...overrides,
  };
}

export const adminClient = (emulator: Emulator, overrides?: ClientOptions, events?: LogEvent[]): PowerAppsAdminClient =>
  new PowerAppsAdminClient(clientOptions(emulator, overrides, events));

export const platformClient = (emulator: Emulator, overrides?: ClientOptions, events?: LogEvent[]): PowerPlatformClient =>
  new PowerPlatformClient(clientOptions(emulator, overrides, events));

/** The requests the emulator saw for one operation. */
export const requestsFor = (emulator: Emulator, operationId: string) => emulator.log.filter((e) => e.operationId === operationId);

/** The first environment and its first app. */
export function firstApp(emulator: Emulator): { environment: string; app: string } {
  const environment = emulator.state.environments[0]!.name;
  return { environment, app: emulator.state.apps(environment)[0]!.name };
}

/** Awaits `promise` expecting it to reject, and returns the reason. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, but it succeeded");
}
