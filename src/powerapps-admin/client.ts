/**
 * PowerAppsAdminClient: the Power Apps admin API (api.powerapps.com), one method per action of the
 * "Power Apps for Admins" connector plus the quarantine read-back. Groups, method names, argument
 * and result types all come from openapi/powerapps-admin.yaml (its `x-ppadmin` extensions) through
 * generated/.
 */
import type { paths } from "../../generated/powerapps-admin.js";
import { powerAppsAdminOperations } from "../../generated/powerapps-admin.operations.js";
import type { PowerAppsAdminSurface } from "../../generated/powerapps-admin.facade.js";
import { powerAppsAdminSurface } from "../../generated/powerapps-admin.surface.js";
import { FacadeClient } from "../client/facadeClient.js";
import type { ClientOptions } from "../client/options.js";
import { powerAppsAdminService } from "../services/powerAppsAdmin.js";

// The facade's groups and methods, typed by the generated interface (declaration merging).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface PowerAppsAdminClient extends PowerAppsAdminSurface {}

/**
 * Client for the Power Apps admin API (`https://api.powerapps.com`, scope
 * `https://service.powerapps.com/.default` in the public cloud): `apps`, `connections`, `connectors`.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class PowerAppsAdminClient extends FacadeClient<paths> {
  constructor(options?: ClientOptions) {
    super(powerAppsAdminService, powerAppsAdminOperations, powerAppsAdminSurface, options);
  }
}
