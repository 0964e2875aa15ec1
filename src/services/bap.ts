/**
 * The Business Application Platform admin API (api.bap.microsoft.com): admin environments, DLP
 * policies, tenant settings, tenant isolation, management applications. Its token audience is the
 * Power Apps service, not the host (see openapi/bap.yaml for the sources of every value).
 */
import type { ServiceDefinition } from "./definition.js";

export const bapService: ServiceDefinition<"bap"> = {
  name: "bap",
  title: "Business Application Platform admin API",
  spec: "openapi/bap.yaml",
  module: "bap",
  client: "BapAdminClient",
  // A lifecycle operation's Location is often on a regional host (europe.api.bap.microsoft.com; TF
  // fixtures and its lifecycle client follow it with the same token).
  regionalLinks: true,
  clouds: {
    public: { host: "api.bap.microsoft.com", scope: "https://service.powerapps.com/.default" },
    gcc: { host: "gov.api.bap.microsoft.us", scope: "https://gov.service.powerapps.us/.default" },
    gcchigh: { host: "high.api.bap.microsoft.us", scope: "https://high.service.powerapps.us/.default" },
    dod: { host: "api.bap.appsplatform.us", scope: "https://service.apps.appsplatform.us/.default" },
    china: { host: "api.bap.partner.microsoftonline.cn", scope: "https://service.powerapps.cn/.default" },
  },
};
