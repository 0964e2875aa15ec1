/** The specs this repository generates from (one per registered service), and where output goes. */
import { fileURLToPath } from "node:url";
import path from "node:path";
import { services } from "../../src/services/registry.js";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface SpecEntry {
  /** Base name of the generated modules (`generated/<name>.ts`, `.operations.ts`, `.surface.ts`). */
  readonly name: string;
  /** The service key the SDK uses (registry, tables, clients). */
  readonly service: string;
  readonly file: string;
  /** The facade client class named after this service. */
  readonly client: string;
}

export const specs: readonly SpecEntry[] = services.map((s) => ({ name: s.module, service: s.name, file: s.spec, client: s.client }));
