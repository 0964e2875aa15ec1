/**
 * What an operation's code gets once every gate has passed, and the shape of a hand-written
 * behaviour: it receives the call and the generic answer (as a function, run only if it wants it).
 */
import type { EmulatorOperation } from "../../../generated/emulator-model.js";
import type { WireAnswer } from "../http/wire.js";
import type { EmulatorState } from "../tenant/emulatorState.js";
import type { Doc } from "../tenant/resourceStore.js";
import type { RouteInfo } from "./operationRouter.js";
import type { Pager } from "./pageStyles.js";

/** One request to one operation. */
export interface OperationCall {
  readonly route: RouteInfo;
  readonly operation: EmulatorOperation;
  /** Decoded path parameters by name. */
  readonly params: Readonly<Record<string, string>>;
  readonly url: URL;
  /** Parsed JSON body (already checked against the operation's schema), or undefined. */
  readonly body: any;
  readonly apiVersion: string;
  readonly state: EmulatorState;
  readonly pager: Pager;
  /** The emulator's origin, for links it hands out. */
  readonly baseUrl: string;
  /** Items a list keeps (a behaviour's filter, e.g. by install state). */
  filter?: (doc: Doc) => boolean;
}

/** Hand-written behaviour of an operation: answers itself, or adjusts and calls `generic`. */
export type Behaviour = (call: OperationCall, generic: () => WireAnswer) => WireAnswer;
