/**
 * The types of the generated tables (generated/<spec>.operations.ts, .surface.ts, .surfaceDetails.ts):
 * what the runtime, the facade and a CLI read about each operation. Generation (scripts/lib/) builds
 * values of these types from the specs; nothing here restates a fact of a spec.
 */
import type { ServiceName } from "../services/registry.js";

export type { ServiceName };

/** What the runtime needs to know about one operation; every value comes from the spec. */
export interface OperationEntry {
  readonly service: ServiceName;
  readonly operationId: string;
  readonly method: "get" | "put" | "post" | "delete" | "patch";
  /** Path template as in the spec, e.g. `/licensing/billingPolicies/{billingPolicyId}`. */
  readonly path: string;
  readonly pathParams: readonly string[];
  /** Query parameter names as on the wire (`$top`, `api-version`). */
  readonly queryParams: readonly string[];
  readonly requiredQueryParams: readonly string[];
  /** Top-level property names of the JSON request body. */
  readonly bodyParams: readonly string[];
  readonly requiredBodyParams: readonly string[];
  /** JSON type of each body field (`string`, `array<string>`, `object`, ... or `any`; `binary` for a file of a form). */
  readonly bodyParamTypes: Readonly<Record<string, string>>;
  /** Array body fields whose schema demands at least one item (`minItems`). */
  readonly nonEmptyBodyParams: readonly string[];
  readonly hasBody: boolean;
  /** The JSON body is not an object (a bare array): the argument `body` is sent as the whole body. */
  readonly wholeBody?: boolean;
  /** The body is a `multipart/form-data` form (a file upload), not JSON; file fields have type `binary`. */
  readonly bodyMedia?: "multipart/form-data";
  /** The schema default of the operation's `api-version` query parameter. */
  readonly defaultApiVersion: string;
  /** For list operations, the response key that holds the next-page link (x-ms-pageable; null when the list pages by token). */
  readonly nextLinkName: string | null;
  readonly itemName: string | null;
  /** For list operations that do not page by next link alone (x-ppadmin-paging); absent for next-link lists. */
  readonly paging?: ListPaging;
  /** For long-running operations, which header names the status URL (x-ms-long-running-operation-options). */
  readonly longRunning: "operation-location" | "location" | null;
  readonly successStatuses: readonly number[];
  /**
   * The media type of a success body that is not JSON (`application/zip`): the call asks for it in
   * `Accept` and resolves with a {@link Download}-shaped value; null for JSON operations.
   */
  readonly download: string | null;
  /** The kind of facade method: one call, a paged list (x-ms-pageable), a long-running begin (x-ms-long-running-operation). */
  readonly kind: "call" | "list" | "begin";
  /**
   * True when re-sending cannot act twice: GET, PUT and DELETE, and a POST the spec marks
   * `x-ppadmin-safe-to-retry: true` (one that only reads). The retry policy reads this.
   */
  readonly safeToRetry: boolean;
  /** Closed request enums by argument path (`quarantineStatus`, `put[].properties.roleName`), checked before sending. */
  readonly closedEnums: readonly { readonly at: string; readonly values: readonly string[] }[];
  /** Body fields of which at least one must be given (x-ppadmin.requireAnyOf). */
  readonly requireAnyOf: readonly string[];
  /** The path parameter that names an environment, if any (for the 404 hint). */
  readonly environmentParam: string | null;
  /** Boolean arguments that send a fixed query value when true (x-ppadmin.flags): `includeSoftDeleted` → `include=softDeletedFlows`. */
  readonly queryFlags?: Readonly<Record<string, { readonly param: string; readonly value: string }>>;
  /**
   * Long-running only: the status operation (when the answer names no URL), where its id is, the
   * status field, the final values (null: the defaults), and the list that names an operation already
   * running when the start answers 409.
   */
  readonly poll: {
    readonly operationId: string | null;
    readonly idFrom: string | null;
    readonly statusField: string;
    readonly succeededValues?: readonly string[] | null;
    readonly failedValues?: readonly string[] | null;
    readonly runningFrom?: string | null;
    /** A 404 from the status URL means the operation is done (the resource it deletes is gone). */
    readonly doneWhenGone?: boolean;
  } | null;
  /** Text added to the message of an error with that HTTP status (`x-ppadmin-error-hints`). */
  readonly errorHints?: Readonly<Record<string, string>>;
}

/**
 * How a list asks for its next page when the service does not hand out a next link alone
 * (`x-ppadmin-paging` in the spec; see src/client/listPaging.ts):
 * - `continuationToken`: the answer's `tokenField` goes back as the query parameter `tokenParam`
 *   (a next link in the answer, when there is one, is followed instead);
 * - `pageNumber`: the query parameter `pageParam` counts pages; `pageField` of the answer names the
 *   page served; the list ends on an empty page or one shorter than the page size asked for;
 * - `bareArray`: the answer is a JSON array, the whole list in one page;
 * - `bodyToken`: a read sent as POST; the answer's `tokenField` goes back in the request body at the
 *   dotted `bodyField` (`Options.SkipToken`), the page size at `sizeField`, and the same POST is re-sent.
 * `itemsWithin` (token and page styles): each element of the items array is a container whose array
 * of that name holds the items; the iterator yields those.
 */
export type ListPaging =
  | { readonly style: "continuationToken"; readonly tokenParam: string; readonly tokenField: string; readonly sizeParam: string | null; readonly itemsWithin: string | null }
  | { readonly style: "pageNumber"; readonly pageParam: string; readonly pageField: string | null; readonly sizeParam: string | null; readonly itemsWithin: string | null }
  | { readonly style: "bareArray" }
  | { readonly style: "bodyToken"; readonly tokenField: string; readonly bodyField: string; readonly sizeField: string | null };

/** One argument of a facade method, as a caller (or a CLI flag) sees it. */
export interface ArgumentEntry {
  /** Facade name: path and body names as in the spec, query names without `$`. */
  readonly name: string;
  readonly in: "path" | "query" | "body";
  /** Name on the wire (`$top`). */
  readonly wireName: string;
  /** JSON type (`string`, `integer`, `array<string>`, `object`, ... or `any`). */
  readonly type: string;
  readonly required: boolean;
  readonly enum?: readonly string[];
  /** True when the service accepts values beyond `enum`. */
  readonly openEnum?: boolean;
  readonly description?: string;
  /** A boolean argument: `true` sends `wireName=flagValue` (x-ppadmin.flags). */
  readonly flagValue?: string;
}

/** One facade method: where it lives, what kind it is, the operation behind it. */
export interface SurfaceEntry {
  /** Group path from the client, e.g. `["licensing", "billingPolicies"]`. */
  readonly group: readonly string[];
  /** Method name; a `begin` entry `x` makes `beginX` and `resumeX`. */
  readonly method: string;
  /** `call` one request; `list` a paged iterator; `begin` a long-running poller; `wait` polls a GET until a field settles. */
  readonly kind: "call" | "list" | "begin" | "wait";
  readonly operationId: string;
  /** `wait` only: the response field, the values that end the wait, the default time limit. */
  readonly waitUntil?: { readonly field: string; readonly values: readonly string[]; readonly timeoutInMs: number };
}

/** What one facade method takes and does (the surface details, keyed by `group.method`). */
export interface SurfaceDetails {
  readonly summary: string;
  readonly description?: string;
  readonly arguments: readonly ArgumentEntry[];
  /** True when no argument is required, so the argument object may be left out. */
  readonly argumentsOptional: boolean;
}
