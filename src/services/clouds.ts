/**
 * The public cloud table (`clouds.gcchigh.powerPlatform.host`), assembled from the service
 * registry: every service's host and scope per cloud, plus the cloud's Entra authority host.
 */
import { authorityHosts, cloudNames, type CloudName, type ServiceEndpoint } from "./definition.js";
import { services, type ServiceName } from "./registry.js";

/** Everything that differs between clouds. */
export type CloudEndpoints = { readonly authorityHost: string } & { readonly [S in ServiceName]: ServiceEndpoint };

function buildCloudTable(): Readonly<Record<CloudName, CloudEndpoints>> {
  const table = {} as Record<CloudName, CloudEndpoints>;
  for (const cloud of cloudNames) {
    const entry: Record<string, unknown> = { authorityHost: authorityHosts[cloud] };
    for (const service of services) entry[service.name] = Object.freeze({ ...service.clouds[cloud] });
    table[cloud] = Object.freeze(entry) as CloudEndpoints;
  }
  return Object.freeze(table);
}

/** Hosts and scopes of every service in every cloud (api-facts §5). */
export const clouds: Readonly<Record<CloudName, CloudEndpoints>> = /* @__PURE__ */ buildCloudTable();
