/**
 * What every seed builder needs: a random stream, the tenant id and the directory.
 */
import type { Directory } from "../tenant/directory.js";
import type { Random } from "./seededRandom.js";

/** Shared inputs of the seed builders. */
export interface SeedContext {
  random: Random;
  tenantId: string;
  directory: Directory;
}

/** The Power Apps resource reference of an environment, as apps and connections carry it. */
export function environmentReference(environment: string): { id: string; name: string } {
  return { id: `/providers/Microsoft.PowerApps/environments/${environment}`, name: environment };
}

/** A lower-case slug of a display name, e.g. `Contoso Test` → `contosotest`. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, "");
}
