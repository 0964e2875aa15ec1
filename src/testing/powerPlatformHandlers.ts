/**
 * msw handlers for every Power Platform API operation, typed by the spec through openapi-msw. Paths,
 * next-link keys and everything else about an operation come from the generated operation table.
 */
import type { HttpHandler } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import { operationTable, type OperationEntry } from "../../generated/operations.js";
import type { paths } from "../../generated/power-platform.js";
import { OPERATION_LOCATION_API_VERSION } from "./apiVersions.js";
import { environmentPackages, installPackage, pollOperation, tenantPackages } from "./appManagementBehavior.js";
import { appIfPresent, appNames, renderApp, requireApp } from "./appsBehavior.js";
import { environment, listEnvironments } from "./environmentsBehavior.js";
import { operationRunner, type HandlerDeps } from "./handlerDeps.js";
import {
  addPolicyEnvironments,
  billingPolicy,
  billingPolicyIds,
  billingPolicyIfPresent,
  createBillingPolicy,
  createIsvContract,
  deleteBillingPolicy,
  deleteIsvContract,
  environmentBillingPolicy,
  isvContractIds,
  isvContractIfPresent,
  policyEnvironment,
  policyEnvironmentIds,
  policyEnvironmentIfLinked,
  removePolicyEnvironments,
  requireIsvContract,
  tenantCapacity,
  updateBillingPolicy,
  updateIsvContract,
} from "./licensingBehavior.js";
import { clone } from "./clone.js";

const ops = operationTable.powerPlatform;

/** The Power Platform API routes on `baseUrl`. */
export function powerPlatformHandlers({ baseUrl, pipeline, state, pager }: HandlerDeps): HttpHandler[] {
  const http = createOpenApiHttp<paths>({ baseUrl });
  const run = operationRunner(pipeline, "powerPlatform");
  /** A page of a short computed list, its members keyed by `keyOf`. */
  const keyedPage = <K extends string, T>(url: URL, op: OperationEntry & { readonly nextLinkName: K }, values: () => T[], keyOf: (value: T) => string) => {
    let loaded: T[] | undefined;
    const load = (): T[] => (loaded ??= values());
    return pager.tokenEnvelope(
      url,
      op,
      () => load().map(keyOf),
      (key) => load().find((value) => keyOf(value) === key),
    );
  };

  return [
    // ---- licensing: billing policies ----
    http.get(ops.ListBillingPolicies.path, (info) =>
      run(info, "ListBillingPolicies", ({ url }) => {
        const op = ops.ListBillingPolicies;
        return info.response(200).json(pager.tokenEnvelope(url, op, () => billingPolicyIds(state), (key) => billingPolicyIfPresent(state, key)));
      }),
    ),
    http.post(ops.CreateBillingPolicy.path, (info) => run(info, "CreateBillingPolicy", ({ body }) => info.response(201).json(createBillingPolicy(state, body)))),
    http.get(ops.GetBillingPolicy.path, (info) => run(info, "GetBillingPolicy", () => info.response(200).json(billingPolicy(state, info.params.billingPolicyId)))),
    http.put(ops.UpdateBillingPolicy.path, (info) =>
      run(info, "UpdateBillingPolicy", ({ body }) => info.response(200).json(updateBillingPolicy(state, info.params.billingPolicyId, body))),
    ),
    http.delete(ops.DeleteBillingPolicy.path, (info) =>
      run(info, "DeleteBillingPolicy", () => {
        deleteBillingPolicy(state, info.params.billingPolicyId);
        return info.response(204).empty();
      }),
    ),
    http.post(ops.RefreshBillingPolicyProvisioningStatus.path, (info) =>
      run(info, "RefreshBillingPolicyProvisioningStatus", () => info.response(200).json(billingPolicy(state, info.params.billingPolicyId))),
    ),
    http.get(ops.ListBillingPolicyEnvironments.path, (info) =>
      run(info, "ListBillingPolicyEnvironments", ({ url }) => {
        const op = ops.ListBillingPolicyEnvironments;
        const { billingPolicyId } = info.params;
        const envelope = pager.tokenEnvelope(
          url,
          op,
          () => policyEnvironmentIds(state, billingPolicyId),
          (environmentId) => policyEnvironmentIfLinked(state, billingPolicyId, environmentId),
        );
        return info.response(200).json(envelope);
      }),
    ),
    http.get(ops.GetBillingPolicyEnvironment.path, (info) =>
      run(info, "GetBillingPolicyEnvironment", () => info.response(200).json(policyEnvironment(state, info.params.billingPolicyId, info.params.environmentId))),
    ),
    http.post(ops.AddBillingPolicyEnvironments.path, (info) =>
      run(info, "AddBillingPolicyEnvironments", ({ body }) => {
        addPolicyEnvironments(state, info.params.billingPolicyId, body);
        return info.response(200).empty();
      }),
    ),
    http.post(ops.RemoveBillingPolicyEnvironments.path, (info) =>
      run(info, "RemoveBillingPolicyEnvironments", ({ body }) => {
        removePolicyEnvironments(state, info.params.billingPolicyId, body);
        return info.response(200).empty();
      }),
    ),
    http.get(ops.GetEnvironmentBillingPolicy.path, (info) =>
      run(info, "GetEnvironmentBillingPolicy", () => info.response(200).json(environmentBillingPolicy(state, info.params.environmentId))),
    ),
    http.get(ops.GetTenantCapacityDetails.path, (info) => run(info, "GetTenantCapacityDetails", () => info.response(200).json(tenantCapacity(state)))),

    // ---- licensing: ISV contracts ----
    http.get(ops.ListIsvContracts.path, (info) =>
      run(info, "ListIsvContracts", ({ url }) => {
        const op = ops.ListIsvContracts;
        return info.response(200).json(pager.tokenEnvelope(url, op, () => isvContractIds(state), (key) => isvContractIfPresent(state, key)));
      }),
    ),
    http.post(ops.CreateIsvContract.path, (info) => run(info, "CreateIsvContract", ({ body }) => info.response(201).json(createIsvContract(state, body)))),
    http.get(ops.GetIsvContract.path, (info) =>
      run(info, "GetIsvContract", () => info.response(200).json(clone(requireIsvContract(state, info.params.isvContractId)))),
    ),
    http.put(ops.UpdateIsvContract.path, (info) =>
      run(info, "UpdateIsvContract", ({ body }) => info.response(200).json(updateIsvContract(state, info.params.isvContractId, body))),
    ),
    http.delete(ops.DeleteIsvContract.path, (info) =>
      run(info, "DeleteIsvContract", () => {
        deleteIsvContract(state, info.params.isvContractId);
        return info.response(204).empty();
      }),
    ),

    // ---- app management ----
    http.get(ops.ListTenantApplicationPackages.path, (info) =>
      run(info, "ListTenantApplicationPackages", ({ url }) => {
        const op = ops.ListTenantApplicationPackages;
        return info.response(200).json(keyedPage(url, op, () => tenantPackages(state), (p) => p.uniqueName.toLowerCase()));
      }),
    ),
    http.get(ops.ListEnvironmentApplicationPackages.path, (info) =>
      run(info, "ListEnvironmentApplicationPackages", ({ url }) => {
        const op = ops.ListEnvironmentApplicationPackages;
        const { environmentId } = info.params;
        const filter = url.searchParams.get("appInstallState");
        return info.response(200).json(keyedPage(url, op, () => environmentPackages(state, environmentId, filter), (p) => p.uniqueName.toLowerCase()));
      }),
    ),
    http.post(ops.InstallApplicationPackage.path, (info) =>
      run(info, "InstallApplicationPackage", ({ body }) => {
        const { environmentId, uniqueName } = info.params;
        const started = installPackage(state, environmentId, uniqueName, body);
        if (started.respondWith === 200) return info.response(200).json(started.instancePackage);
        const location = new URL(`${baseUrl}/appmanagement/environments/${encodeURIComponent(started.operation.environment)}/operations/${started.operation.operationId}`);
        location.searchParams.set("api-version", OPERATION_LOCATION_API_VERSION);
        const retryAfter = String(Math.max(1, Math.ceil(started.operation.durationMs / 1000 / 2)));
        return info.response(202).json(started.instancePackage, { headers: { "Operation-Location": location.toString(), "Retry-After": retryAfter } });
      }),
    ),
    http.get(ops.GetApplicationPackageOperation.path, (info) =>
      run(info, "GetApplicationPackageOperation", () => {
        const poll = pollOperation(state, info.params.environmentId, info.params.operationId);
        const headers: Record<string, string> = poll.remainingMs > 0 ? { "Retry-After": String(Math.ceil(poll.remainingMs / 1000)) } : {};
        return info.response(200).json(poll.body, { headers });
      }),
    ),

    // ---- environment management ----
    http.get(ops.ListEnvironments.path, (info) =>
      run(info, "ListEnvironments", ({ url }) => {
        const op = ops.ListEnvironments;
        return info.response(200).json(pager.skipEnvelope(url, op, listEnvironments(state, url.searchParams)));
      }),
    ),
    http.get(ops.GetEnvironment.path, (info) => run(info, "GetEnvironment", () => info.response(200).json(environment(state, info.params.environmentId)))),

    // ---- PowerApps ----
    http.get(ops.ListApps.path, (info) =>
      run(info, "ListApps", ({ url }) => {
        const { environmentId } = info.params;
        const op = ops.ListApps;
        return info.response(200).json(pager.tokenEnvelope(url, op, () => appNames(state, environmentId), (key) => appIfPresent(state, environmentId, key)));
      }),
    ),
    http.get(ops.GetApp.path, (info) => run(info, "GetApp", () => info.response(200).json(renderApp(requireApp(state, info.params.environmentId, info.params.app))))),
  ];
}
