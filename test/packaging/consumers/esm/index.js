// An ES module consumer ("type": "module"): import of the package's entry points.
// Arguments: the specifier of every entry point. Prints one JSON line for the test to read.
import { createRequire } from "node:module";
import * as sdk from "power-platform-admin";
import * as testing from "power-platform-admin/testing";
import { exercise } from "../exercise.cjs";

const exportCounts = [];
for (const specifier of process.argv.slice(2)) exportCounts.push(Object.keys(await import(specifier)).length);
// The dual-package hazard: require() from this ES module must give the very class import gave.
const required = createRequire(import.meta.url)("power-platform-admin");
const oneClass = required.PowerPlatformError === sdk.PowerPlatformError;
console.log(JSON.stringify({ exportCounts, oneClass, ...(await exercise(sdk, testing)) }));
