// A CommonJS consumer, in a project made by `npm init -y`: require() of the package's entry points.
// Arguments: the specifier of every entry point. Prints one JSON line for the test to read.
"use strict";
const sdk = require("power-platform-admin");
const testing = require("power-platform-admin/testing");
const { exercise } = require("../exercise.cjs");

async function main() {
  const exportCounts = process.argv.slice(2).map((specifier) => Object.keys(require(specifier)).length);
  // The dual-package hazard: import() from this CommonJS file must give the very class require() gave.
  const imported = await import("power-platform-admin");
  const oneClass = imported.PowerPlatformError === sdk.PowerPlatformError;
  console.log(JSON.stringify({ exportCounts, oneClass, ...(await exercise(sdk, testing)) }));
}
main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
