/**
 * `npm run check:generated`: regenerates into a scratch folder and fails if any file differs from
 * the committed generated/ (per-file comparison, so it is not subject to openapi-typescript's racy
 * multi-spec --check).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { generate } from "./generate.js";
import { repoRoot } from "./lib/specs.js";

const scratch = mkdtempSync(path.join(tmpdir(), "ppa-generated-"));
try {
  const fresh = generate(scratch).map((f) => path.basename(f));
  const committedDir = path.join(repoRoot, "generated");
  const committed = readdirSync(committedDir).filter((f) => f.endsWith(".ts"));
  const problems: string[] = [];
  for (const name of fresh) {
    let current: string | undefined;
    try {
      current = readFileSync(path.join(committedDir, name), "utf8");
    } catch {
      problems.push(`generated/${name} is missing`);
      continue;
    }
    if (current !== readFileSync(path.join(scratch, name), "utf8")) problems.push(`generated/${name} is out of date`);
  }
  for (const name of committed) if (!fresh.includes(name)) problems.push(`generated/${name} is not produced by the generator`);
  if (problems.length > 0) {
    for (const p of problems) console.error(p);
    console.error("Run `npm run generate` and commit the result.");
    process.exit(1);
  }
  console.log(`generated/ is up to date (${fresh.length} files)`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
