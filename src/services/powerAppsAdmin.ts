/** The Power Apps admin API (api-facts §5 for the sovereign hosts and scopes). */
import type { ServiceDefinition } from "./definition.js";

export const powerAppsAdminService: ServiceDefinition<"powerAppsAdmin"> = {
  name: "powerAppsAdmin",
  title: "Power Apps admin API",
  spec: "openapi/powerapps-admin.yaml",
  module: "powerapps-admin",
  client: "PowerAppsAdminClient",
  clouds: {
    public: { host: "api.powerapps.com", scope: "https://service.powerapps.com/.default" },
    gcc: { host: "gov.api.powerapps.us", scope: "https://gov.service.powerapps.us/.default" },
    gcchigh: { host: "high.api.powerapps.us", scope: "https://high.service.powerapps.us/.default" },
    dod: { host: "api.apps.appsplatform.us", scope: "https://service.apps.appsplatform.us/.default" },
    china: { host: "api.powerapps.cn", scope: "https://service.powerapps.cn/.default" },
  },
};
