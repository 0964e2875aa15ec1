/**
 * BapAdminClient: the Business Application Platform admin API (api.bap.microsoft.com) — admin
 * environments, DLP policies, tenant settings, tenant isolation and management applications. Groups,
 * method names, argument and result types all come from openapi/bap.yaml (its `x-ppadmin`
 * extensions) through generated/.
 */
import type { paths } from "../../generated/bap.js";
import { bapOperations } from "../../generated/bap.operations.js";
import type { BapAdminSurface } from "../../generated/bap.facade.js";
import { bapSurface } from "../../generated/bap.surface.js";
import { FacadeClient } from "../client/facadeClient.js";
import type { ClientOptions } from "../client/options.js";
import { bapService } from "../services/bap.js";

// The facade's groups and methods, typed by the generated interface (declaration merging).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface BapAdminClient extends BapAdminSurface {}

/**
 * Client for the BAP admin API (`https://api.bap.microsoft.com`, scope
 * `https://service.powerapps.com/.default` in the public cloud): `environments`, `dlpPolicies`,
 * `tenantSettings`, `tenantIsolation`, `managementApplications`.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class BapAdminClient extends FacadeClient<paths> {
  constructor(options?: ClientOptions) {
    super(bapService, bapOperations, bapSurface, options);
  }
}
