/**
 * Seeded application packages: the tenant's catalog and each environment's view of it with an install
 * state. Both spellings the wire and the docs use appear (`crmMinversion`/`platformMinVersion`,
 * `errorDetails`/`lastError`), so clients meet both.
 */
import { PACKAGE_PUBLISHER, PACKAGES, type PackageDefinition } from "./vocabulary.js";
import type { AppManagementErrorDetails, ApplicationPackage, TenantApplicationPackage } from "./wireShapes.js";
import type { SeedContext } from "./seedContext.js";

/** Error details of a failed install, in the wire spelling (hex `errorCode`). */
export function installError(message = "A dependency of the solution is missing."): AppManagementErrorDetails {
  return { errorCode: "0x80040216", errorName: "ImportSolutionError", message, source: "Dataverse", statusCode: 400, type: "Error" };
}

/** The tenant's catalog entry of a package. */
export function tenantPackage(definition: PackageDefinition, applicationId: string, index: number): TenantApplicationPackage {
  const common = {
    uniqueName: definition.uniqueName,
    localizedName: definition.name,
    localizedDescription: definition.description,
    applicationId,
    applicationName: definition.name,
    applicationDescription: index % 2 === 0 ? definition.description : null,
    publisherId: PACKAGE_PUBLISHER.id,
    publisherName: PACKAGE_PUBLISHER.name,
    learnMoreUrl: definition.learnMoreUrl,
    catalogVisibility: definition.catalogVisibility,
    applicationVisibility: definition.applicationVisibility,
  };
  return index % 2 === 0 ? { ...common, errorDetails: null } : { ...common, lastError: null };
}

/** The tenant's catalog, with stable application ids. */
export function seedTenantPackages(ctx: SeedContext): TenantApplicationPackage[] {
  return PACKAGES.map((definition, index) => tenantPackage(definition, ctx.random.guid(), index));
}

/** One environment's packages: environment `envIndex` has package 0 installed in the default one, a failed install in the second. */
export function seedEnvironmentPackages(ctx: SeedContext, catalog: readonly TenantApplicationPackage[], envIndex: number): ApplicationPackage[] {
  const { random } = ctx;
  return PACKAGES.map((definition, index) => {
    const tenant = catalog[index];
    const installed = envIndex === 0 && index === 0;
    const failed = envIndex === 1 && index === 1;
    const versions = index % 2 === 0 ? { crmMinversion: "9.1", crmMaxVersion: null } : { platformMinVersion: "9.2.0.0", platformMaxVersion: null };
    const error = failed ? installError() : null;
    return {
      id: random.guid(),
      uniqueName: definition.uniqueName,
      version: definition.version,
      localizedName: definition.name,
      localizedDescription: definition.description,
      applicationId: tenant?.applicationId ?? random.guid(),
      applicationName: definition.name,
      applicationDescription: tenant?.applicationDescription ?? null,
      singlePageApplicationUrl: null,
      publisherName: PACKAGE_PUBLISHER.name,
      publisherId: PACKAGE_PUBLISHER.id,
      learnMoreUrl: definition.learnMoreUrl,
      ...versions,
      customHandleUpgrade: index % 2 === 1,
      instancePackageId: installed || failed ? random.guid() : null,
      state: installed ? "Installed" : failed ? "InstallFailed" : "None",
      catalogVisibility: definition.catalogVisibility,
      applicationVisibility: definition.applicationVisibility,
      ...(index % 2 === 0 ? { errorDetails: error } : { lastError: error }),
      startDateUtc: index % 2 === 0 ? "2018-07-23T00:00:00Z" : null,
      endDateUtc: index % 2 === 0 ? "2050-01-01T00:00:00Z" : null,
      supportedCountries: index % 2 === 0 ? ["US", "GB", "DE", "FR"] : null,
    };
  });
}
