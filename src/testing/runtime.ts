/**
 * What the operation code works on: the current tenant data plus the emulator's clock, random stream,
 * options and behaviour switches. `EmulatorState` is the one implementation.
 */
import type { InstallBehavior, InstallOperationRecord } from "./models.js";
import type { ResolvedEmulatorOptions } from "./options.js";
import type { Random } from "./random.js";
import type { TenantData } from "./seedData.js";
import type { EmulatorTime } from "./time.js";

/** Switches for answers the wire is known to give in more than one shape. */
export interface ResponseBehavior {
  /** Get-AppQuarantineState: the bare status string (documented, default) or `{quarantineStatus}`. */
  quarantineStateShape: "string" | "object";
  /** Get-PowerAppConditionalAccess: a string array (documented, default) or `{authContextIds}`. */
  conditionalAccessShape: "array" | "object";
  /** Status of Power Apps admin write actions: 200 with `{}` (default), or 202/204 without a body. */
  writeActionStatus: 200 | 202 | 204;
}

/** The mutable world the operations read and change. */
export interface Runtime {
  readonly data: TenantData;
  readonly time: EmulatorTime;
  readonly random: Random;
  readonly options: ResolvedEmulatorOptions;
  readonly behavior: ResponseBehavior;
  /** Install behaviour per lower-case package unique name, `*` for all. */
  readonly installBehaviors: Map<string, InstallBehavior>;
  /** Install operations by lower-case operation id. */
  readonly installOperations: Map<string, InstallOperationRecord>;
}
