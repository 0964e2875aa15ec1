/**
 * Every service of the SDK. Generation reads this list (one spec per entry); a client imports only
 * its own entry, so a bundle with one client carries one service.
 */
import type { ServiceDefinition } from "./definition.js";
import { bapService } from "./bap.js";
import { powerAppsAdminService } from "./powerAppsAdmin.js";
import { powerAutomateAdminService } from "./powerAutomateAdmin.js";
import { powerPlatformService } from "./powerPlatform.js";

export const services = [powerAppsAdminService, powerPlatformService, bapService, powerAutomateAdminService] as const satisfies readonly ServiceDefinition[];

/** The name of every registered service. */
export type ServiceName = (typeof services)[number]["name"];
