/**
 * `npm run check:package`: attw (Are the Types Wrong?) over the packed package (`npm pack`, which
 * builds first), for node16 from CommonJS and from ESM and for bundlers. The entry points are passed
 * explicitly because attw cannot enumerate package.json's `./*` export pattern by itself.
 */
import { spawnSync } from "node:child_process";
import { entryPoints, subpathOf } from "./entryPoints.js";

const subpaths = Object.keys(entryPoints).map(subpathOf);
const attw = spawnSync("npx", ["attw", "--pack", ".", "--profile", "node16", "--entrypoints", ...subpaths], { stdio: "inherit" });
process.exit(attw.status ?? 1);
