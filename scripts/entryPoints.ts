/**
 * The package's public entry points: the name a consumer writes after `power-platform-admin/`
 * (`index` is the package itself) → the source module behind it. Adding an entry point is one line
 * here: `npm run build` writes its ESM and CommonJS doors, package.json's `./*` export pattern makes
 * them reachable, and test/packaging/consumers.test.ts loads every entry from every kind of consumer.
 * Nothing else under dist/ is reachable from outside.
 */
export const entryPoints = {
  index: "src/index.ts",
  testing: "src/testing/index.ts",
  redis: "src/redis/index.ts",
} as const satisfies Record<string, `src/${string}.ts`>;

/** The subpath of package.json's `exports` an entry point answers to: `.` or `./name`. */
export function subpathOf(name: string): string {
  return name === "index" ? "." : `./${name}`;
}

/** The specifier a consumer writes for an entry point. */
export function specifierOf(name: string): string {
  return name === "index" ? "power-platform-admin" : `power-platform-admin/${name}`;
}
