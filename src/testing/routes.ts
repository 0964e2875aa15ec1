/**
 * What the emulator knows about an operation, read from the generated operation table: its spec,
 * path template, default api-version and next-link key. No fact is restated here.
 */
import { operationTable, type OperationEntry, type ServiceName } from "../../generated/operations.js";

/** The two specs, by the file names of `openapi/`. */
export type SpecName = "powerapps-admin" | "power-platform";

/** Spec file name of each service in the operation table. */
export const specOfService: Readonly<Record<ServiceName, SpecName>> = {
  powerAppsAdmin: "powerapps-admin",
  powerPlatform: "power-platform",
};

/** One routed operation: the table entry plus the spec it belongs to. */
export interface RouteInfo {
  readonly spec: SpecName;
  readonly entry: OperationEntry;
}

/** The {@link RouteInfo} of an operation id in a service. */
export function routeOf(service: ServiceName, operationId: string): RouteInfo {
  const entry = (operationTable[service] as Record<string, OperationEntry>)[operationId];
  if (!entry) throw new Error(`operation ${service}/${operationId} is not in the generated operation table`);
  return { spec: specOfService[service], entry };
}

/** Every operation of both services. */
export function allRoutes(): RouteInfo[] {
  return (Object.keys(operationTable) as ServiceName[]).flatMap((service) =>
    Object.values(operationTable[service] as Record<string, OperationEntry>).map((entry) => ({ spec: specOfService[service], entry })),
  );
}

function templatePattern(template: string): RegExp {
  const escaped = template
    .split(/\{[^}]+\}/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return new RegExp(`^${escaped}/?$`);
}

const patterns = new Map<string, RegExp>();

/** Operations whose path template matches `pathname`, whatever their method. */
export function routesForPath(pathname: string): RouteInfo[] {
  return allRoutes().filter(({ entry }) => {
    let pattern = patterns.get(entry.path);
    if (!pattern) patterns.set(entry.path, (pattern = templatePattern(entry.path)));
    return pattern.test(pathname);
  });
}
