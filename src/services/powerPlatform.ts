/** The Power Platform API; its token scope is always `https://{host}/.default` (api-facts §5). */
import type { ServiceDefinition } from "./definition.js";

const at = (host: string) => ({ host, scope: `https://${host}/.default` });

export const powerPlatformService: ServiceDefinition<"powerPlatform"> = {
  name: "powerPlatform",
  title: "Power Platform API",
  spec: "openapi/power-platform.yaml",
  module: "power-platform",
  client: "PowerPlatformClient",
  clouds: {
    public: at("api.powerplatform.com"),
    gcc: at("api.gov.powerplatform.microsoft.us"),
    gcchigh: at("api.high.powerplatform.microsoft.us"),
    dod: at("api.appsplatform.us"),
    china: at("api.powerplatform.partner.microsoftonline.cn"),
  },
};
