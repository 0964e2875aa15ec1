/**
 * `npm run build`: the package under dist/, loadable by `import` and by `require`, with one copy of the
 * code either way.
 *
 *   dist/lib/        tsc's output of src/ and generated/: the .d.ts declarations (@internal members
 *                    stripped, tsconfig.build.json); its JavaScript is only the bundler's input
 *   dist/esm/NAME.js the `import` door of each entry point: esbuild's bundle of dist/lib from that
 *                    entry, code shared by several entries split into dist/esm/chunks/ (so there is
 *                    still one copy of each class), dependencies left as imports; source maps lead back
 *                    to the TypeScript and carry it (inlineSources). A few files instead of a hundred
 *                    small modules is most of a cold import's cost: Node resolves and compiles each
 *                    module on its own.
 *   dist/cjs/NAME.*  the `require` door: `module.exports = require(<the same dist/esm module>)`,
 *                    typed by dist/cjs-types/
 *   dist/cjs-types/  a copy of dist/lib's declarations that a `{"type":"commonjs"}` package.json
 *                    makes CommonJS declarations (outside dist/cjs, so package.json's `./*` export
 *                    pattern cannot reach them)
 *
 * Why not a second, CommonJS build of the code (two tsc passes, tsup, tsdown)? Two copies of the code
 * are the dual-package hazard: a consumer whose own code `require`s the package while a library it
 * uses `import`s it would get two `PowerPlatformError` classes (and `instanceof` failing across them),
 * two default clocks, two of everything. Here both doors open onto the same ES module instance:
 * Node ≥ 20.19 loads an ES module graph with `require()` as long as no module in it uses top-level
 * await (src/ must not: the CommonJS consumers in test/packaging/ would fail with
 * ERR_REQUIRE_ASYNC_MODULE), and Node caches it once, so `require("power-platform-admin")` gives
 * the very `PowerPlatformError` class that `import` gives. Bundlers follow `require` of an ES module too. TypeScript needs the CommonJS
 * declarations because `module: node16` still refuses to `require` a file it types as ESM; those
 * declarations describe exactly the named exports the required namespace has.
 *
 * The entry points are listed once, in scripts/entryPoints.ts.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { entryPoints } from "./entryPoints.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const lib = path.join(dist, "lib");
const esm = path.join(dist, "esm");
const cjs = path.join(dist, "cjs");
const cjsTypes = path.join(dist, "cjs-types");

/** The path of `source`'s compiled module under dist/lib, relative to `from`, as an import specifier. */
function compiled(from: string, source: string, base = lib): string {
  const target = path.join(base, source.replace(/\.ts$/, ".js"));
  const relative = path.relative(from, target).split(path.sep).join("/");
  return relative.startsWith(".") ? relative : `./${relative}`;
}

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

rmSync(dist, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.build.json")], { stdio: "inherit" });

cpSync(lib, cjsTypes, {
  recursive: true,
  filter: (source) => !path.extname(source) || source.endsWith(".d.ts"),
});
const commonjs = `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`;
write(path.join(cjs, "package.json"), commonjs);
write(path.join(cjsTypes, "package.json"), commonjs);

const banner = (name: string) => `// power-platform-admin${name === "index" ? "" : `/${name}`}: written by scripts/build.ts.\n`;
const bundleOptions = {
  outdir: esm,
  bundle: true,
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external", // dependencies and optional peers stay imports, resolved from the consumer's install
  // Whitespace and syntax minified, names kept: a tenth less text for Node to read and compile on
  // every cold start (P5 in `npm run bench`); stack traces keep their function names, and the
  // source maps (node --enable-source-maps) lead back to the TypeScript.
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  sourcesContent: true,
  banner: { js: "// power-platform-admin: bundled by scripts/build.ts from dist/lib." },
  logLevel: "warning",
} as const;
// Two bundles. The library's entry points share chunks (one copy of each class across them). The
// executables get their own: were they bundled with the library, every split the CLI's lazy
// commands cause would become one more file for `import("power-platform-admin")` to load.
await build({ ...bundleOptions, entryPoints: Object.entries(entryPoints).map(([name, source]) => ({ in: path.join(lib, source.replace(/\.ts$/, ".js")), out: name })) });
// The package's executables (package.json "bin" → dist/esm/bin/<name>.js), in a bundle of their own
// whose chunks they share with each other only (the lazy ones too: a command loads only what it runs).
const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { bin?: Record<string, string> };
const executables = Object.entries(manifest.bin ?? {}).map(([name, file]) => {
  if (file !== `./dist/esm/bin/${name}.js`) throw new Error(`package.json bin.${name} must be ./dist/esm/bin/${name}.js, got ${file}`);
  return { in: path.join(lib, "src", "cli", `${name === "ppadmin" ? "bin" : name}.js`), out: `bin/${name}` };
});
await build({ ...bundleOptions, entryPoints: executables });
// dist/lib's JavaScript was the bundle's input only; its declarations stay.
for (const file of readdirSync(lib, { recursive: true, encoding: "utf8" })) {
  if (/\.js(\.map)?$/.test(file)) rmSync(path.join(lib, file));
}

for (const [name, source] of Object.entries(entryPoints)) {
  const esmTarget = compiled(esm, source);
  write(path.join(esm, `${name}.d.ts`), `${banner(name)}export * from "${esmTarget}";\n`);
  write(path.join(cjs, `${name}.js`), `${banner(name)}"use strict";\nmodule.exports = require("../esm/${name}.js");\n`);
  write(path.join(cjs, `${name}.d.ts`), `${banner(name)}export * from "${compiled(cjs, source, cjsTypes)}";\n`);
}

// The executables: runnable as files, as npm links them.
for (const file of Object.values(manifest.bin ?? {})) chmodSync(path.join(root, file), 0o755);
