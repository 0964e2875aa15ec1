/**
 * Type tests of the lists with their own paging style: the iterator owns the continuation token and
 * the page number (no argument of that name), and each list yields the item the wire holds — a
 * record of `records`, an element of a bare array, a snapshot inside `users`/`resources`.
 * Checked by tsc (`npm run typecheck`).
 */
import { describe, expectTypeOf, it } from "vitest";
import type { PagedAsyncIterableIterator, PowerPlatformClient, PowerPlatformComponents } from "../../src/index.js";

type Schemas = PowerPlatformComponents["schemas"];
type FirstArg<F> = F extends (args: infer A, ...rest: never[]) => unknown ? A : never;
type Result<F> = F extends (...args: never[]) => infer R ? R : never;

declare const pp: PowerPlatformClient;

describe("paging-style list types", () => {
  it("are checked by tsc (npm run typecheck); nothing to run", () => {});
});

export function ownedParameters(): void {
  expectTypeOf<keyof FirstArg<typeof pp.licensing.entitlements.listUsers>>().toEqualTypeOf<
    "entitlementId" | "fromDate" | "toDate" | "pageSize" | "searchRequest" | "orderbyConsumed" | "abortSignal" | "apiVersion"
  >();
  // @ts-expect-error the iterator sends the continuation token itself
  pp.licensing.entitlements.listUsers({ entitlementId: "MCSMessages", fromDate: "2025-03-01", toDate: "2025-03-31", continuationToken: "t" });
  // @ts-expect-error the iterator sends the page number itself
  pp.licensing.perFlowCapacity.list({ startDate: "2025-03-01T00:00:00Z", pageNumber: 2 });
  pp.licensing.currencyAllocations.listReports({ includeAllocations: true });
  pp.licensing.currencyAllocations.listReports();
}

export function itemTypes(): void {
  expectTypeOf<Result<typeof pp.licensing.perFlowCapacity.list>>().toEqualTypeOf<PagedAsyncIterableIterator<Schemas["PerFlowCapacitySourceRecord"]>>();
  expectTypeOf<Result<typeof pp.licensing.currencyAllocations.listReports>>().toEqualTypeOf<PagedAsyncIterableIterator<Schemas["CurrencyReport"]>>();
  expectTypeOf<Result<typeof pp.licensing.entitlements.listUsers>>().toEqualTypeOf<PagedAsyncIterableIterator<Schemas["EntitlementConsumptionSnapshot"]>>();
  expectTypeOf<Result<typeof pp.licensing.entitlements.listEnvironmentResources>>().toEqualTypeOf<PagedAsyncIterableIterator<Schemas["EntitlementResourceSnapshot"]>>();
  expectTypeOf<Result<typeof pp.licensing.entitlements.listResources>>().toEqualTypeOf<PagedAsyncIterableIterator<Schemas["EntitlementResourceSnapshot"]>>();
  expectTypeOf<Result<typeof pp.licensing.storageWarnings.list>>().toEqualTypeOf<PagedAsyncIterableIterator<Schemas["StorageWarningThresholdsDocument"]>>();
}
