/**
 * The shape of generated/emulator-model.ts: what scripts/lib/emulatorModel.ts derives from each spec for
 * the emulator. Declared once here; the generated module imports and re-exports these types.
 */
/** How a list hands out its pages. */
export interface EmulatorPaging {
  /** token: opaque token in the next link; skip: $skip offsets; continuation: continuationToken; bodyToken: token in the request and response bodies; bare: an array, one page; none: one page; pageNumber: numbered pages (tokenParam), the number served in responseTokenKey. */
  readonly style: "token" | "skip" | "continuation" | "bodyToken" | "bare" | "none" | "pageNumber";
  readonly itemsKey: string | null;
  readonly nextLinkKey: string | null;
  /** Query parameter (or dotted body path, for bodyToken) that carries the token. */
  readonly tokenParam: string | null;
  /** Query parameter (or dotted body path) that carries the page size. */
  readonly sizeParam: string | null;
  /** Response key that carries the token (continuation, bodyToken). */
  readonly responseTokenKey: string | null;
}

/** What the emulator knows about one operation; every value comes from the spec. */
export interface EmulatorOperation {
  readonly operationId: string;
  readonly method: "get" | "put" | "post" | "delete" | "patch";
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  readonly defaultApiVersion: string;
  /** The versions the spec says the operation accepts: its default and the api-version parameter's `x-ppadmin-api-versions`. */
  readonly apiVersions: readonly string[];
  readonly successStatuses: readonly number[];
  /** list/get/create/update/upsert/delete on a collection; action: POST on a resource; read/write/erase: a document at the path. */
  readonly kind: "list" | "get" | "create" | "update" | "upsert" | "delete" | "action" | "read" | "write" | "erase";
  /** Path template of the collection the operation works on. */
  readonly collection: string | null;
  /** The item field that holds its id (the path parameter's value). */
  readonly idField: string | null;
  readonly timestamps: { readonly created: readonly string[]; readonly modified: readonly string[] };
  readonly paging: EmulatorPaging | null;
  /**
   * Long-running: how the status URL is given, the status operation, the (dotted) field of its
   * document that holds the status, and the api-version the spec's example status URL carries (null: none given).
   */
  readonly lro: { readonly via: string; readonly statusOperationId: string | null; readonly statusField: string; readonly statusApiVersion: string | null } | null;
  /** An action whose answer is the resource it acts on. */
  readonly returnsTarget: boolean;
  readonly requestBody: { readonly required: boolean; readonly schema: Readonly<Record<string, unknown>> } | null;
  readonly responseHasBody: boolean;
  /** The media type of a success body that is not JSON (`application/zip`): the answer is a file. */
  readonly download: string | null;
  /** The spec's first example of the success answer (not for lists). */
  readonly example: unknown;
  /** The items of the spec's first list example (lists only). */
  readonly exampleItems: readonly unknown[] | null;
}

/** One spec as the emulator serves it. */
export interface EmulatorSpecModel {
  readonly spec: string;
  readonly service: string;
  /** True when the spec shows the gateway's flat `{code, message}` envelope (api-version and route errors). */
  readonly gatewayErrors: boolean;
  readonly operations: readonly EmulatorOperation[];
}
