/**
 * `npm run spec:validate:generator`: validates both specs with the Java OpenAPI Generator through
 * @openapitools/openapi-generator-cli, where Java and the generator jar are present. The wrapper
 * downloads its jar from Maven Central on first use, which these machines cannot reach, so without
 * the jar this exits non-zero with one line saying what is missing. `npm run lint:spec` (Redocly)
 * is the validation that always runs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { repoRoot, specs } from "./lib/specs.js";

const config = JSON.parse(readFileSync(path.join(repoRoot, "openapitools.json"), "utf8"));
const version: string = config["generator-cli"].version;
const jar = path.join(repoRoot, config["generator-cli"].storageDir ?? "node_modules/@openapitools/openapi-generator-cli/versions", `${version}.jar`);

const java = spawnSync("java", ["-version"], { stdio: "ignore" });
if (java.error || java.status !== 0) {
  console.error("spec:validate:generator: Java was not found on PATH (the OpenAPI Generator needs a JDK 11+); nothing was validated.");
  process.exit(2);
}
if (!existsSync(jar)) {
  console.error(
    `spec:validate:generator: the OpenAPI Generator jar ${path.relative(repoRoot, jar)} (version ${version}, pinned in openapitools.json) is missing; place it there to validate. Nothing was validated.`,
  );
  process.exit(2);
}
const bin = path.join(repoRoot, "node_modules", ".bin", "openapi-generator-cli");
for (const spec of specs) {
  console.log(`validating ${spec.file}`);
  execFileSync(bin, ["validate", "-i", path.join(repoRoot, spec.file)], { stdio: "inherit", cwd: repoRoot });
}
