/**
 * PowerAutomateAdminClient: the Power Automate admin API (api.flow.microsoft.com) — every flow of an
 * environment (soft-deleted ones too), enable/disable, delete/restore, owners and runs. Groups,
 * method names, argument and result types all come from openapi/power-automate-admin.yaml (its
 * `x-ppadmin` extensions) through generated/.
 */
import type { paths } from "../../generated/power-automate-admin.js";
import { powerAutomateAdminOperations } from "../../generated/power-automate-admin.operations.js";
import type { PowerAutomateAdminSurface } from "../../generated/power-automate-admin.facade.js";
import { powerAutomateAdminSurface } from "../../generated/power-automate-admin.surface.js";
import { FacadeClient } from "../client/facadeClient.js";
import type { ClientOptions } from "../client/options.js";
import { powerAutomateAdminService } from "../services/powerAutomateAdmin.js";

// The facade's groups and methods, typed by the generated interface (declaration merging).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface PowerAutomateAdminClient extends PowerAutomateAdminSurface {}

/**
 * Client for the Power Automate admin API (`https://api.flow.microsoft.com`, scope
 * `https://service.flow.microsoft.com/.default` in the public cloud): `flows`, `flows.owners`,
 * `flows.runs`.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class PowerAutomateAdminClient extends FacadeClient<paths> {
  constructor(options?: ClientOptions) {
    super(powerAutomateAdminService, powerAutomateAdminOperations, powerAutomateAdminSurface, options);
  }
}
