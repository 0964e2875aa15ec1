// An ES module consumer ("type": "module"): import of the package's entry points.
// Arguments: the specifier of every entry point. Prints one JSON line for the test to read.
import { createRequire } from "node:module";
import { PowerAppsAdminClient, PowerPlatformClient, PowerPlatformError, RateLimiter } from "power-platform-admin";
import { emulatorCredential, startEmulatorServer } from "power-platform-admin/testing";

const exportCounts = [];
for (const specifier of process.argv.slice(2)) exportCounts.push(Object.keys(await import(specifier)).length);
const server = await startEmulatorServer({ seed: 1 });
try {
  const options = { endpoint: server.url, credential: emulatorCredential(), rateLimit: new RateLimiter() };
  const pp = new PowerPlatformClient(options);
  const admin = new PowerAppsAdminClient(options);
  const ids = [];
  for await (const environment of pp.environments.list()) ids.push(environment.id);
  const error = await admin.apps.get({ environment: ids[0], app: "00000000-0000-0000-0000-000000000000" }).catch((e) => e);
  // The dual-package hazard: require() from this ES module must give the very class import gave.
  const required = createRequire(import.meta.url)("power-platform-admin");
  console.log(JSON.stringify({
    exportCounts,
    environments: ids.length,
    errorIsPowerPlatformError: error instanceof PowerPlatformError,
    errorStatus: error.status,
    oneClass: required.PowerPlatformError === PowerPlatformError,
  }));
} finally {
  await server.close();
}
