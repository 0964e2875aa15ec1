/**
 * msw handlers for every Power Apps admin operation, typed by the spec through openapi-msw. Paths,
 * next-link keys and everything else about an operation come from the generated operation table.
 */
import type { HttpHandler } from "msw";
import { createOpenApiHttp } from "openapi-msw";
import { operationTable } from "../../generated/operations.js";
import type { paths } from "../../generated/powerapps-admin.js";
import {
  appIfPresent,
  appNames,
  appRoleIfPresent,
  appRoleKeys,
  conditionalAccess,
  deleteApp,
  editAppRoles,
  quarantineState,
  renderApp,
  requireApp,
  setAppOwner,
  setConditionalAccess,
  setQuarantineState,
} from "./appsBehavior.js";
import {
  connectionIfPresent,
  connectionNames,
  customConnectorIfPresent,
  customConnectorNames,
  deleteConnection,
  editConnectionRoles,
  editConnectorRoles,
  requireConnection,
  requireCustomConnector,
} from "./connectionsBehavior.js";
import { operationRunner, writeActionResponse, type HandlerDeps } from "./handlerDeps.js";
import { clone } from "./clone.js";

const ops = operationTable.powerAppsAdmin;

/** The Power Apps admin routes on `baseUrl`. */
export function powerAppsAdminHandlers({ baseUrl, pipeline, state, pager }: HandlerDeps): HttpHandler[] {
  const http = createOpenApiHttp<paths>({ baseUrl });
  const run = operationRunner(pipeline, "powerAppsAdmin");

  return [
    // ---- apps ----
    http.get(ops["Get-AdminApps"].path, (info) =>
      run(info, "Get-AdminApps", ({ url }) => {
        const { environment } = info.params;
        const op = ops["Get-AdminApps"];
        return info.response(200).json(pager.tokenEnvelope(url, op, () => appNames(state, environment), (key) => appIfPresent(state, environment, key)));
      }),
    ),
    http.get(ops["Get-AdminApp"].path, (info) =>
      run(info, "Get-AdminApp", () => info.response(200).json(renderApp(requireApp(state, info.params.environment, info.params.app)))),
    ),
    http.delete(ops["Remove-AdminApp"].path, (info) =>
      run(info, "Remove-AdminApp", () => {
        deleteApp(state, info.params.environment, info.params.app);
        return writeActionResponse(state);
      }),
    ),
    http.post(ops["Set-AdminAppOwner"].path, (info) =>
      run(info, "Set-AdminAppOwner", ({ body }) => {
        setAppOwner(state, info.params.environment, info.params.app, body);
        return writeActionResponse(state);
      }),
    ),
    http.post(ops["Set-AppQuarantineState"].path, (info) =>
      run(info, "Set-AppQuarantineState", ({ body }) => {
        setQuarantineState(state, info.params.environment, info.params.app, body);
        return writeActionResponse(state);
      }),
    ),
    http.get(ops["Get-AppQuarantineState"].path, (info) =>
      run(info, "Get-AppQuarantineState", () => info.response(200).json(quarantineState(state, info.params.environment, info.params.app))),
    ),
    http.get(ops["Get-PowerAppConditionalAccess"].path, (info) =>
      run(info, "Get-PowerAppConditionalAccess", () => info.response(200).json(conditionalAccess(state, info.params.environment, info.params.app))),
    ),
    http.post(ops["Set-PowerAppConditionalAccess"].path, (info) =>
      run(info, "Set-PowerAppConditionalAccess", ({ body }) => {
        setConditionalAccess(state, info.params.environment, info.params.app, body);
        return writeActionResponse(state);
      }),
    ),
    http.get(ops["Get-AdminAppRoleAssignment"].path, (info) =>
      run(info, "Get-AdminAppRoleAssignment", ({ url }) => {
        const { environment, app } = info.params;
        const op = ops["Get-AdminAppRoleAssignment"];
        return info.response(200).json(pager.tokenEnvelope(url, op, () => appRoleKeys(state, environment, app), (key) => appRoleIfPresent(state, environment, app, key)));
      }),
    ),
    http.post(ops["Edit-AdminAppRoleAssignment"].path, (info) =>
      run(info, "Edit-AdminAppRoleAssignment", ({ body }) => info.response(200).json(editAppRoles(state, info.params.environment, info.params.app, body))),
    ),

    // ---- connections ----
    http.get(ops["Get-AdminConnections"].path, (info) =>
      run(info, "Get-AdminConnections", ({ url }) => {
        const { environment } = info.params;
        const op = ops["Get-AdminConnections"];
        return info.response(200).json(pager.tokenEnvelope(url, op, () => connectionNames(state, environment), (key) => connectionIfPresent(state, environment, key)));
      }),
    ),
    http.delete(ops["Remove-AdminConnection"].path, (info) =>
      run(info, "Remove-AdminConnection", () => {
        deleteConnection(state, info.params.environment, info.params.connectorName, info.params.connectionName);
        return writeActionResponse(state);
      }),
    ),
    http.get(ops["Get-AdminConnectionRoleAssignment"].path, (info) =>
      run(info, "Get-AdminConnectionRoleAssignment", ({ url }) => {
        const { environment, connectorName, connectionName } = info.params;
        const op = ops["Get-AdminConnectionRoleAssignment"];
        const roles = () => requireConnection(state, environment, connectorName, connectionName).roles;
        return info.response(200).json(pager.tokenEnvelope(url, op, () => [...roles().keys()], (key) => clone(roles().get(key))));
      }),
    ),
    http.post(ops["Edit-AdminConnectionRoleAssignment"].path, (info) =>
      run(info, "Edit-AdminConnectionRoleAssignment", ({ body }) => {
        editConnectionRoles(state, info.params.environment, info.params.connectorName, info.params.connectionName, body);
        return writeActionResponse(state);
      }),
    ),

    // ---- custom connectors ----
    http.get(ops["Get-AdminConnectors"].path, (info) =>
      run(info, "Get-AdminConnectors", ({ url }) => {
        const { environment } = info.params;
        const op = ops["Get-AdminConnectors"];
        return info.response(200).json(pager.tokenEnvelope(url, op, () => customConnectorNames(state, environment), (key) => customConnectorIfPresent(state, environment, key)));
      }),
    ),
    http.get(ops["Get-AdminConnectorRoleAssignment"].path, (info) =>
      run(info, "Get-AdminConnectorRoleAssignment", ({ url }) => {
        const { environment, connectorName } = info.params;
        const op = ops["Get-AdminConnectorRoleAssignment"];
        const roles = () => requireCustomConnector(state, environment, connectorName).roles;
        return info.response(200).json(pager.tokenEnvelope(url, op, () => [...roles().keys()], (key) => clone(roles().get(key))));
      }),
    ),
    http.post(ops["Edit-AdminConnectorRoleAssignment"].path, (info) =>
      run(info, "Edit-AdminConnectorRoleAssignment", ({ body }) => {
        editConnectorRoles(state, info.params.environment, info.params.connectorName, body);
        return writeActionResponse(state);
      }),
    ),
  ];
}
