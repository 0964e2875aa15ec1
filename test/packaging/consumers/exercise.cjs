// What each JavaScript consumer does with the package once loaded, however it loaded it: construct both
// clients on one limiter, list environments from the shipped emulator, and catch an error.
"use strict";

exports.exercise = async function exercise(sdk, testing) {
  const { PowerAppsAdminClient, PowerPlatformClient, PowerPlatformError, RateLimiter } = sdk;
  const server = await testing.startEmulatorServer({ seed: 1 });
  try {
    const options = { endpoint: server.url, credential: testing.emulatorCredential(), rateLimit: new RateLimiter() };
    const pp = new PowerPlatformClient(options);
    const admin = new PowerAppsAdminClient(options);
    const ids = [];
    for await (const environment of pp.environments.list()) ids.push(environment.id);
    const error = await admin.apps.get({ environment: ids[0], app: "00000000-0000-0000-0000-000000000000" }).catch((e) => e);
    return { environments: ids.length, errorIsPowerPlatformError: error instanceof PowerPlatformError, errorStatus: error.status };
  } finally {
    await server.close();
  }
};
