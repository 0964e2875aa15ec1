// A TypeScript consumer. The test copies this file to main.cts (CommonJS: the imports compile to
// require()) and main.mts (ES module), and writes consumer.cts / consumer.mts, which import every entry
// point and call run(). It prints one JSON line for the test to read.
import { PowerAppsAdminClient, PowerPlatformClient, PowerPlatformError, RateLimiter, type ClientOptions } from "power-platform-admin";
import { emulatorCredential, startEmulatorServer } from "power-platform-admin/testing";

export async function run(exportCounts: number[]): Promise<void> {
  const server = await startEmulatorServer({ seed: 1 });
  try {
    const options: ClientOptions = { endpoint: server.url, credential: emulatorCredential(), rateLimit: new RateLimiter() };
    const pp = new PowerPlatformClient(options);
    const admin = new PowerAppsAdminClient(options);
    // @ts-expect-error the declarations are real types, not `any`: an unknown option is an error
    const wrong: ClientOptions = { notAnOption: true };
    void wrong;
    const ids: string[] = [];
    for await (const environment of pp.environments.list()) ids.push(environment.id ?? "");
    const error: unknown = await admin.apps.get({ environment: ids[0]!, app: "00000000-0000-0000-0000-000000000000" }).catch((e: unknown) => e);
    const status: number | undefined = error instanceof PowerPlatformError ? error.status : undefined;
    console.log(JSON.stringify({ exportCounts, environments: ids.length, errorIsPowerPlatformError: status !== undefined, errorStatus: status }));
  } finally {
    await server.close();
  }
}
