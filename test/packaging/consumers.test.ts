/**
 * The package as its consumers get it. `npm pack`s the build (npm test builds first), unpacks the
 * tarball as a dependency of throwaway projects in a temp directory, and loads every entry point
 * (scripts/entryPoints.ts) from each kind of consumer: a CommonJS project made by `npm init -y`, an ES
 * module project, TypeScript `.cts` + `.mts` under `module: node16` and `module: nodenext`, and esbuild
 * bundles of both JavaScript projects. Each one constructs the clients, lists environments from the
 * shipped emulator and checks that an error is a `PowerPlatformError`; the JavaScript ones also check
 * that require() and import give the same class. A project without the optional peers loads the
 * package too. Also checked: what the tarball holds, its source maps and declarations, and attw
 * (`--profile node16`).
 *
 * Why not `npm install --offline <tarball>`: `npm ci` caches the tarballs the lockfile names but not
 * the registry metadata that `npm install` needs to resolve even an exact version, so it fails with
 * ENOTCACHED without network. Instead the tarball is unpacked into `node_modules/power-platform-admin`
 * and only the packages its package.json declares (dependencies and peers; plus @types/node for the
 * TypeScript consumers) are symlinked from this repository's node_modules: an import of anything
 * undeclared fails here as it would for a user.
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entryPoints, specifierOf, subpathOf } from "../../scripts/entryPoints.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixtures = path.join(root, "test", "packaging", "consumers");
const names = Object.keys(entryPoints);
const specifiers = names.map(specifierOf);
const SLOW = 300_000; // a safety net for a busy machine, not a speed assertion

/** What every runtime consumer prints. */
interface ConsumerReport {
  exportCounts: number[];
  environments: number;
  errorIsPowerPlatformError: boolean;
  errorStatus: number;
  oneClass?: boolean;
}

let work: string;
let installed: string;
let packedFiles: string[];
let tarball: string;
let withoutPeers: string;

/** Child processes get no NODE_OPTIONS from the test runner: a consumer starts plain. */
const childEnv = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return env;
};

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: childEnv() });
  if (result.status !== 0) {
    throw new Error(`\`${command} ${args.join(" ")}\` in ${cwd} exited with ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

function runConsumer(file: string, args: string[] = []): ConsumerReport {
  const lines = run(process.execPath, [file, ...args], path.dirname(file)).trim().split("\n");
  return JSON.parse(lines.at(-1) ?? "") as ConsumerReport;
}

function expectWorking(report: ConsumerReport): void {
  expect(report.exportCounts).toHaveLength(names.length);
  for (const count of report.exportCounts) expect(count).toBeGreaterThan(0);
  expect(report.environments).toBeGreaterThan(0);
  expect(report.errorIsPowerPlatformError).toBe(true);
  expect(report.errorStatus).toBeGreaterThanOrEqual(400);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((file) => path.join(dir, file));
}

/**
 * A compiler host that parses each declaration file once for both TypeScript consumers (their options
 * differ only in `module`, which does not change how a file parses): half the TypeScript time.
 */
const parsed = new Map<string, ts.SourceFile | undefined>();
function compilerHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options);
  const parse = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    if (!fileName.endsWith(".d.ts")) return parse(fileName, languageVersion, ...rest);
    const format = typeof languageVersion === "object" ? languageVersion.impliedNodeFormat : undefined;
    const key = `${format}:${fileName}`;
    if (!parsed.has(key)) parsed.set(key, parse(fileName, languageVersion, ...rest));
    return parsed.get(key);
  };
  return host;
}

/** Unpacks the tarball as `project`/node_modules/power-platform-admin; links `linked` from this repository. */
function install(project: string, linked: string[]): string {
  mkdirSync(path.join(project, "node_modules"), { recursive: true });
  run("tar", ["-xzf", tarball, "-C", project], project);
  const installedAt = path.join(project, "node_modules", "power-platform-admin");
  renameSync(path.join(project, "package"), installedAt);
  for (const name of linked) {
    const target = path.join(root, "node_modules", name);
    if (!existsSync(target)) {
      throw new Error(`${name} is declared by the package but not installed in this repository (add it as an exact devDependency)`);
    }
    const link = path.join(project, "node_modules", name);
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync(target, link, "dir");
  }
  return installedAt;
}

beforeAll(() => {
  if (!existsSync(path.join(root, "dist", "esm", "index.js"))) throw new Error("no build in dist/: run `npm run build` first");
  work = mkdtempSync(path.join(os.tmpdir(), "ppa-consumers-"));
  // --ignore-scripts: pack the build npm test just made (the prepack script would build again).
  const [packed] = JSON.parse(run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", work], root)) as [
    { filename: string; files: { path: string }[] },
  ];
  tarball = path.join(work, packed.filename);
  packedFiles = packed.files.map((file) => file.path);

  const manifest = JSON.parse(run("tar", ["-xzOf", tarball, "package/package.json"], work)) as {
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
  const dependencies = Object.keys(manifest.dependencies ?? {});
  installed = install(work, [...dependencies, ...Object.keys(manifest.peerDependencies ?? {}), "@types/node"]);
  copyFileSync(path.join(fixtures, "exercise.cjs"), path.join(work, "exercise.cjs")); // shared by the JavaScript consumers
  // A second project, outside the first (whose node_modules it would otherwise find): no optional peers.
  withoutPeers = mkdtempSync(path.join(os.tmpdir(), "ppa-consumer-without-peers-"));
  install(withoutPeers, dependencies);
}, SLOW);

afterAll(() => {
  for (const dir of [work, withoutPeers]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the tarball", () => {
  it("holds package.json, README, LICENSE and dist/ only, with both doors of every entry point", () => {
    const stray = packedFiles.filter((file) => !file.startsWith("dist/") && !["package.json", "README.md", "LICENSE"].includes(file));
    expect(stray).toEqual([]);
    for (const name of names) {
      for (const door of ["esm", "cjs"]) {
        expect(packedFiles).toContain(`dist/${door}/${name}.js`);
        expect(packedFiles).toContain(`dist/${door}/${name}.d.ts`);
      }
    }
    expect(packedFiles.filter((file) => /(?<!\.d)\.ts$|\.d\.ts\.map$/.test(file))).toEqual([]);
  });

  it("ships source maps only with their sources inside, and no @internal declaration", () => {
    const files = filesUnder(installed);
    const maps = files.filter((file) => file.endsWith(".js.map"));
    expect(maps.length).toBeGreaterThan(0);
    for (const map of maps) {
      const { sources, sourcesContent } = JSON.parse(readFileSync(map, "utf8")) as { sources: string[]; sourcesContent?: unknown[] };
      expect(sourcesContent?.length, map).toBe(sources.length);
      expect(sourcesContent?.every((content) => typeof content === "string"), map).toBe(true);
    }
    for (const script of files.filter((file) => file.endsWith(".js"))) {
      const reference = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(script, "utf8"))?.[1];
      if (reference) expect(existsSync(path.join(path.dirname(script), reference)), script).toBe(true);
    }
    const leaking = files.filter((file) => file.endsWith(".d.ts") && readFileSync(file, "utf8").includes("@internal"));
    expect(leaking.map((file) => path.relative(installed, file))).toEqual([]);
  });

  it("runs its bin, ppadmin, from a project without the optional peers: help, and a list from its own emulator", async () => {
    const { bin } = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8")) as { bin: { ppadmin: string } };
    const ppadmin = path.join(withoutPeers, "node_modules", "power-platform-admin", bin.ppadmin);
    expect(packedFiles).toContain(path.normalize(bin.ppadmin));
    const help = spawnSync(process.execPath, [ppadmin, "--help"], { cwd: withoutPeers, encoding: "utf8", env: childEnv() });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain("Groups:");
    const emulator = spawn(process.execPath, [ppadmin, "emulator", "--environments", "2"], { cwd: withoutPeers, env: childEnv(), stdio: ["ignore", "pipe", "inherit"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let seen = "";
        emulator.stdout.setEncoding("utf8").on("data", (chunk: string) => (seen += chunk).includes("\n") && resolve(seen.split("\n")[0]!));
        emulator.once("exit", (code) => reject(new Error(`ppadmin emulator exited with ${code}`)));
      });
      const list = await new Promise<{ status: number | null; stdout: string }>((resolve) => {
        const child = spawn(process.execPath, [ppadmin, "environments", "list", "--endpoint", url], { cwd: withoutPeers, env: { ...childEnv(), PPADMIN_ACCESS_TOKEN: "x" }, stdio: ["ignore", "pipe", "inherit"] });
        let stdout = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.once("close", (status) => resolve({ status, stdout }));
      });
      expect(list.status).toBe(0);
      expect(list.stdout.trim().split("\n")).toHaveLength(2);
    } finally {
      emulator.kill("SIGTERM");
    }
  }, SLOW);

  it(
    "passes attw for node16 (from CommonJS and ESM) and bundler resolution",
    () => {
      const attwPackage = createRequire(import.meta.url).resolve("@arethetypeswrong/cli/package.json");
      const attw = path.join(path.dirname(attwPackage), "dist", "index.js");
      const subpaths = names.map(subpathOf);
      const result = spawnSync(process.execPath, [attw, tarball, "--profile", "node16", "--format", "json", "--entrypoints", ...subpaths], {
        encoding: "utf8",
        env: childEnv(),
      });
      expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
      const report = JSON.parse(result.stdout) as {
        analysis: { entrypoints: Record<string, { resolutions: Record<string, { resolution?: { fileName: string } }> }> };
        problems: Record<string, { entrypoint: string; resolutionKind?: string }[]>;
      };
      // node10 (TypeScript's legacy `moduleResolution: node`) predates `exports` and cannot see subpaths.
      const problems = Object.values(report.problems).flat().filter((problem) => problem.resolutionKind !== "node10");
      expect(problems).toEqual([]);
      for (const subpath of subpaths) {
        for (const kind of ["node16-cjs", "node16-esm", "bundler"]) {
          expect(report.analysis.entrypoints[subpath]?.resolutions[kind]?.resolution?.fileName, `${subpath} ${kind}`).toMatch(/\.d\.ts$/);
        }
      }
    },
    SLOW,
  );
});

describe("every consumer loads every entry point", () => {
  it(
    "a CommonJS project made by `npm init -y`: require()",
    () => {
      const dir = path.join(work, "commonjs");
      mkdirSync(dir);
      run("npm", ["init", "-y"], dir);
      copyFileSync(path.join(fixtures, "commonjs", "index.js"), path.join(dir, "index.js"));
      const report = runConsumer(path.join(dir, "index.js"), specifiers);
      expectWorking(report);
      expect(report.oneClass).toBe(true);
    },
    SLOW,
  );

  it(
    "a project without the optional peers: the package loads and constructs clients; /testing loads or names what is missing",
    () => {
      copyFileSync(path.join(fixtures, "without-peers", "index.cjs"), path.join(withoutPeers, "index.cjs"));
      const report = JSON.parse(run(process.execPath, ["index.cjs"], withoutPeers).trim()) as { oneClass: boolean; testing: string };
      expect(report.oneClass).toBe(true);
      if (report.testing !== "loaded") expect(report.testing).toMatch(/\bmsw\b/);
    },
    SLOW,
  );

  it(
    "an ES module project: import",
    () => {
      const dir = path.join(work, "esm");
      mkdirSync(dir);
      writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "esm-consumer", private: true, type: "module" }));
      copyFileSync(path.join(fixtures, "esm", "index.js"), path.join(dir, "index.js"));
      const report = runConsumer(path.join(dir, "index.js"), specifiers);
      expectWorking(report);
      expect(report.oneClass).toBe(true);
    },
    SLOW,
  );

  for (const module of ["node16", "nodenext"] as const) {
    it(
      `TypeScript, module ${module}: a .cts and a .mts consumer type-check (declarations included) and run`,
      () => {
        const dir = path.join(work, `typescript-${module}`);
        mkdirSync(dir);
        const imports = specifiers.map((specifier, i) => `import * as entry${i} from "${specifier}";\n`).join("");
        const list = specifiers.map((_, i) => `entry${i}`).join(", ");
        for (const [ts, js] of [["cts", "cjs"], ["mts", "mjs"]] as const) {
          copyFileSync(path.join(fixtures, "typescript", "main.ts"), path.join(dir, `main.${ts}`));
          writeFileSync(
            path.join(dir, `consumer.${ts}`),
            `${imports}import { run } from "./main.${js}";\n\n` +
              `run([${list}].map((entry) => Object.keys(entry).length)).catch((error: unknown) => {\n` +
              `  console.error(error);\n  process.exitCode = 1;\n});\n`,
          );
        }
        // skipLibCheck off, so the shipped declarations are checked too (below: only ours, not other packages').
        const tsconfig = {
          compilerOptions: { module, target: "es2022", strict: true, skipLibCheck: false, types: ["node"], rootDir: ".", outDir: "out" },
          files: ["consumer.cts", "consumer.mts"],
        };
        writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
        const config = ts.getParsedCommandLineOfConfigFile(path.join(dir, "tsconfig.json"), undefined, {
          ...ts.sys,
          onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
            throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
          },
        });
        if (!config) throw new Error("tsconfig.json could not be read");
        const program = ts.createProgram({ rootNames: config.fileNames, options: config.options, host: compilerHost(config.options) });
        const checked = program
          .getSourceFiles()
          .filter((file) => file.fileName.startsWith(`${dir}/`) || file.fileName.startsWith(`${installed}/`));
        expect(checked.some((file) => file.fileName.includes("/dist/cjs-types/"))).toBe(true); // the .cts side
        expect(checked.some((file) => file.fileName.includes("/dist/lib/"))).toBe(true); // the .mts side
        const diagnostics = [
          ...config.errors,
          ...program.getOptionsDiagnostics(),
          ...program.getGlobalDiagnostics(),
          ...checked.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]),
        ];
        const host = { getCanonicalFileName: (name: string) => name, getCurrentDirectory: () => dir, getNewLine: () => "\n" };
        expect(ts.formatDiagnostics(diagnostics, host)).toBe("");
        // One file at a time: emitting the whole program would first type-check every library's declarations.
        for (const file of checked.filter((file) => !file.isDeclarationFile)) expect(program.emit(file).emitSkipped).toBe(false);
        for (const js of ["cjs", "mjs"]) expectWorking(runConsumer(path.join(dir, "out", `consumer.${js}`)));
      },
      SLOW,
    );
  }

  it(
    "esbuild bundles of the CommonJS and the ES module project",
    async () => {
      mkdirSync(path.join(work, "bundles"));
      for (const [project, format, extension] of [
        ["commonjs", "cjs", "cjs"],
        ["esm", "esm", "mjs"],
      ] as const) {
        // Bundled from inside the temp directory, so the package resolves from its node_modules.
        const source = path.join(work, "bundles", `${project}-source.${extension}`);
        copyFileSync(path.join(fixtures, project, "index.js"), source);
        const outfile = path.join(work, "bundles", `${project}.${extension}`);
        await build({ entryPoints: [source], absWorkingDir: work, bundle: true, platform: "node", format, outfile, logLevel: "silent" });
        const report = runConsumer(outfile, specifiers);
        expectWorking(report);
        // In the CommonJS bundle require() and import() both reach the one bundled copy. The ES module
        // bundle's createRequire() is left to Node at run time and loads node_modules' copy, by design.
        if (format === "cjs") expect(report.oneClass).toBe(true);
      }
    },
    SLOW,
  );
});
