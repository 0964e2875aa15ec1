// A CommonJS consumer, in a project made by `npm init -y`: require() of the package's entry points.
// Arguments: the specifier of every entry point. Prints one JSON line for the test to read.
"use strict";
const { PowerAppsAdminClient, PowerPlatformClient, PowerPlatformError, RateLimiter } = require("power-platform-admin");
const { emulatorCredential, startEmulatorServer } = require("power-platform-admin/testing");

async function main() {
  const exportCounts = process.argv.slice(2).map((specifier) => Object.keys(require(specifier)).length);
  const server = await startEmulatorServer({ seed: 1 });
  try {
    const options = { endpoint: server.url, credential: emulatorCredential(), rateLimit: new RateLimiter() };
    const pp = new PowerPlatformClient(options);
    const admin = new PowerAppsAdminClient(options);
    const ids = [];
    for await (const environment of pp.environments.list()) ids.push(environment.id);
    const error = await admin.apps.get({ environment: ids[0], app: "00000000-0000-0000-0000-000000000000" }).catch((e) => e);
    // The dual-package hazard: import() from this CommonJS file must give the very class require() gave.
    const imported = await import("power-platform-admin");
    console.log(JSON.stringify({
      exportCounts,
      environments: ids.length,
      errorIsPowerPlatformError: error instanceof PowerPlatformError,
      errorStatus: error.status,
      oneClass: imported.PowerPlatformError === PowerPlatformError,
    }));
  } finally {
    await server.close();
  }
}
main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
