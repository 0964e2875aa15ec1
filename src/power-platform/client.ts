/**
 * PowerPlatformClient: the Power Platform API (api.powerplatform.com) — licensing, app management,
 * environments and apps. Groups, method names, argument and result types all come from
 * openapi/power-platform.yaml (its `x-ppadmin` extensions) through generated/.
 */
import type { paths } from "../../generated/power-platform.js";
import { powerPlatformOperations } from "../../generated/power-platform.operations.js";
import type { PowerPlatformSurface } from "../../generated/power-platform.facade.js";
import { powerPlatformSurface } from "../../generated/power-platform.surface.js";
import { FacadeClient } from "../client/facadeClient.js";
import type { ClientOptions } from "../client/options.js";
import { powerPlatformService } from "../services/powerPlatform.js";

/** Options of `licensing.billingPolicies.waitForProvisioning`. */
export type WaitForProvisioningOptions = Parameters<PowerPlatformSurface["licensing"]["billingPolicies"]["waitForProvisioning"]>[0];

// The facade's groups and methods, typed by the generated interface (declaration merging).
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface PowerPlatformClient extends PowerPlatformSurface {}

/**
 * Client for the Power Platform API (`https://api.powerplatform.com`, scope
 * `https://api.powerplatform.com/.default` in the public cloud): `licensing`, `appManagement`,
 * `environments`, `powerApps`.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class PowerPlatformClient extends FacadeClient<paths> {
  constructor(options?: ClientOptions) {
    super(powerPlatformService, powerPlatformOperations, powerPlatformSurface, options);
  }
}
