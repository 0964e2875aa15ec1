/**
 * The main job: a tenant inventory through the public SDK only — every environment, every app
 * across all pages, every connection, every cloud flow — written as NDJSON, with the numbers a
 * governance run cares about (apps without a valid owner, quarantined apps, suspended flows) per
 * environment. Every client shares one limiter (the caller's), so the total rate stays in bounds.
 */
import type { PowerAppsAdminClient, PowerAutomateAdminClient, PowerPlatformClient } from "../../src/index.js";

export interface EnvironmentSummary {
  environment: string;
  displayName: string;
  apps: number;
  connections: number;
  appsWithoutValidOwner: number;
  quarantinedApps: number;
  flows: number;
  /** Flows the service turned off (`Suspended`, e.g. for a DLP violation). */
  suspendedFlows: number;
}

export interface InventoryResult {
  environments: EnvironmentSummary[];
  pagesRead: number;
}

export interface InventoryOptions {
  admin: PowerAppsAdminClient;
  pp: PowerPlatformClient;
  /** Power Automate admin: when given, every cloud flow of each environment too (soft-deleted ones are not inventoried). */
  automate?: PowerAutomateAdminClient;
  /** Receives one JSON-serializable record per environment, app, connection and flow. */
  write: (record: Record<string, unknown>) => void;
  /** Environments inventoried at the same time (the limiter keeps the total rate in bounds). */
  concurrency?: number;
  /** `$top` for app, connection and flow pages (default: the service's own page size). */
  pageSize?: number;
  /** Called after each page is read, with the number of items on it (for progress reports). */
  onPage?: (items: number) => void;
}

type AppLike = {
  name?: string;
  properties?: {
    displayName?: string | null;
    owner?: { id?: string | null; type?: string | null; email?: string | null; displayName?: string | null; userPrincipalName?: string | null } | null;
    executionRestrictions?: { appQuarantineState?: { quarantineStatus?: string | null } | null } | null;
  } | null;
};

/** An owner the tenant can still reach: an id, a real principal type, and a name or address. */
export function hasValidOwner(app: AppLike): boolean {
  const owner = app.properties?.owner;
  if (!owner?.id || !owner.type || owner.type === "NotSpecified") return false;
  return Boolean(owner.email || owner.userPrincipalName || owner.displayName);
}

export function isQuarantined(app: AppLike): boolean {
  return app.properties?.executionRestrictions?.appQuarantineState?.quarantineStatus === "Quarantined";
}

/** Runs `worker` over `items` with at most `concurrency` at once. */
async function forEachLimited<T>(items: readonly T[], concurrency: number, worker: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await worker(items[next++]!);
  });
  await Promise.all(lanes);
}

export async function takeInventory(options: InventoryOptions): Promise<InventoryResult> {
  const { admin, pp, automate, write } = options;
  let pagesRead = 0;
  const pageRead = (items: number): void => {
    pagesRead += 1;
    options.onPage?.(items);
  };
  const environments: { id: string; displayName: string }[] = [];
  for await (const page of pp.environments.list().byPage()) {
    pageRead(page.length);
    for (const environment of page) {
      environments.push({ id: String(environment.id), displayName: String(environment.displayName ?? environment.id) });
      write({ kind: "environment", ...environment });
    }
  }

  const summaries: EnvironmentSummary[] = [];
  await forEachLimited(environments, options.concurrency ?? 4, async ({ id, displayName }) => {
    const summary: EnvironmentSummary = { environment: id, displayName, apps: 0, connections: 0, appsWithoutValidOwner: 0, quarantinedApps: 0, flows: 0, suspendedFlows: 0 };
    const pageSettings = options.pageSize === undefined ? {} : { maxPageSize: options.pageSize };
    for await (const page of admin.apps.list({ environment: id }).byPage(pageSettings)) {
      pageRead(page.length);
      for (const app of page) {
        summary.apps += 1;
        const validOwner = hasValidOwner(app);
        const quarantined = isQuarantined(app);
        if (!validOwner) summary.appsWithoutValidOwner += 1;
        if (quarantined) summary.quarantinedApps += 1;
        write({
          kind: "app",
          environment: id,
          name: app.name,
          displayName: app.properties?.displayName ?? null,
          owner: app.properties?.owner?.email ?? app.properties?.owner?.id ?? null,
          validOwner,
          quarantined,
        });
      }
    }
    for await (const page of admin.connections.list({ environment: id }).byPage(pageSettings)) {
      pageRead(page.length);
      for (const connection of page) {
        summary.connections += 1;
        write({ kind: "connection", environment: id, name: connection.name, apiId: connection.properties?.apiId ?? null });
      }
    }
    for await (const page of automate?.flows.list({ environment: id }).byPage(pageSettings) ?? []) {
      pageRead(page.length);
      for (const flow of page) {
        const state = flow.properties?.state ?? null;
        summary.flows += 1;
        if (state === "Suspended") summary.suspendedFlows += 1;
        write({ kind: "flow", environment: id, name: flow.name, displayName: flow.properties?.displayName ?? null, state, creator: flow.properties?.creator?.objectId ?? null });
      }
    }
    summaries.push(summary);
  });
  summaries.sort((a, b) => environments.findIndex((e) => e.id === a.environment) - environments.findIndex((e) => e.id === b.environment));
  return { environments: summaries, pagesRead };
}
