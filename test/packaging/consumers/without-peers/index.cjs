// A consumer that installed none of the optional peers (@azure/identity, msw, openapi-msw): the package
// itself must still load with require() and import and construct its clients; /testing may need msw,
// and then its error must say so. Prints one JSON line for the test to read.
"use strict";
const credential = { getToken: async () => ({ token: "t", expiresOnTimestamp: Date.now() + 3_600_000 }) };

async function main() {
  const required = require("power-platform-admin");
  const imported = await import("power-platform-admin");
  new required.PowerPlatformClient({ credential });
  new imported.PowerAppsAdminClient({ credential });
  const testing = await Promise.all([
    Promise.resolve().then(() => require("power-platform-admin/testing")),
    import("power-platform-admin/testing"),
  ]).then(
    () => "loaded",
    (error) => String(error?.message ?? error),
  );
  console.log(JSON.stringify({ oneClass: required.PowerPlatformError === imported.PowerPlatformError, testing }));
}
main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
