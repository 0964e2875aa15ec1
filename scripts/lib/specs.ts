/** The specs this repository generates from, and where their output goes. */
import { fileURLToPath } from "node:url";
import path from "node:path";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface SpecEntry {
  /** Key used in the operation table and in `generated/<name>.ts`. */
  readonly name: "powerapps-admin" | "power-platform";
  /** The service key the SDK uses (clouds table, clients). */
  readonly service: "powerAppsAdmin" | "powerPlatform";
  readonly file: string;
}

export const specs: readonly SpecEntry[] = [
  { name: "powerapps-admin", service: "powerAppsAdmin", file: "openapi/powerapps-admin.yaml" },
  { name: "power-platform", service: "powerPlatform", file: "openapi/power-platform.yaml" },
];
