/**
 * The application-package install poller, by its 0.1 names. It is the generic
 * {@link OperationPoller} over the install's status document; the spec says how to follow an
 * install that answers 200 with `lastOperation.operationId` (`x-ppadmin.poll`).
 */
import type { PowerPlatformSurface } from "../../generated/power-platform.facade.js";
import { OperationPoller, type OperationPollerState } from "../client/operationPoller.js";

/** The install operation's status document (the answer of `appManagement.getOperation`). */
export type PackageOperation = NonNullable<Awaited<ReturnType<PowerPlatformSurface["appManagement"]["getOperation"]>>>;

/** The poller `appManagement.beginInstallPackage` returns. */
export type InstallPackagePoller = OperationPoller<PackageOperation>;
/** The poller class (the generic {@link OperationPoller}). */
export const InstallPackagePoller = OperationPoller;

/** What an install poller saves with `toString()`. */
export type InstallPackagePollerState = OperationPollerState & { readonly environmentId: string };
