/**
 * The Power Automate admin API (api.flow.microsoft.com): every flow of an environment, enable,
 * disable, delete, restore, owners and runs. Token audience: the Flow service (see
 * openapi/power-automate-admin.yaml for the sources and the conflicting alternatives).
 */
import type { ServiceDefinition } from "./definition.js";

export const powerAutomateAdminService: ServiceDefinition<"powerAutomateAdmin"> = {
  name: "powerAutomateAdmin",
  title: "Power Automate admin API",
  spec: "openapi/power-automate-admin.yaml",
  module: "power-automate-admin",
  client: "PowerAutomateAdminClient",
  clouds: {
    public: { host: "api.flow.microsoft.com", scope: "https://service.flow.microsoft.com/.default" },
    gcc: { host: "gov.api.flow.microsoft.us", scope: "https://gov.service.flow.microsoft.us/.default" },
    gcchigh: { host: "high.api.flow.microsoft.us", scope: "https://high.service.flow.microsoft.us/.default" },
    dod: { host: "api.flow.appsplatform.us", scope: "https://service.flow.appsplatform.us/.default" },
    china: { host: "api.powerautomate.cn", scope: "https://service.powerautomate.cn/.default" },
  },
};
