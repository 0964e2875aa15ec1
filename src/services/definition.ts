/**
 * What the SDK needs to know about one service beyond its spec: where it lives in each cloud and
 * which token scope it takes. One {@link ServiceDefinition} per service (see the sibling files);
 * adding a service is a spec in openapi/ plus one such entry listed in `registry.ts`. Paging
 * conventions (next-link key, item key) are per operation in the spec (`x-ms-pageable`), and so
 * are long-running and retry facts; nothing here restates them.
 */

/** The clouds the SDK knows. */
export type CloudName = "public" | "gcc" | "gcchigh" | "dod" | "china";

/** Every cloud name, in a stable order. */
export const cloudNames: readonly CloudName[] = ["public", "gcc", "gcchigh", "dod", "china"];

/** Host and token scope of one service in one cloud. */
export interface ServiceEndpoint {
  /** Host name, without scheme. */
  readonly host: string;
  /** OAuth scope for tokens (`…/.default`). */
  readonly scope: string;
}

/** One service: its name in the SDK, its spec, and its hosts and scopes per cloud. */
export interface ServiceDefinition<Name extends string = string> {
  /** Key of the service in tables and option names, e.g. `powerPlatform`. */
  readonly name: Name;
  /** Human name, used in messages and docs. */
  readonly title: string;
  /** The spec file, relative to the package root. */
  readonly spec: string;
  /** Base name of the generated modules: `generated/<module>.ts`, `.operations.ts`, `.surface.ts`. */
  readonly module: string;
  /** The facade class generation names the surface after (`PowerPlatformClient`). */
  readonly client: string;
  /** Host and scope per cloud. Both can be overridden per client (`endpoint`, `scope`). */
  readonly clouds: Readonly<Record<CloudName, ServiceEndpoint>>;
  /**
   * True when the service hands out status links (`Location`) on regional hosts of its endpoint
   * (`https://<region>.<endpoint host>`, one DNS label, https): the SDK follows those, with the token;
   * any other origin is still refused. Default false.
   */
  readonly regionalLinks?: boolean;
}

/** Entra ID authority host per cloud (for @azure/identity's `authorityHost`). */
export const authorityHosts: Readonly<Record<CloudName, string>> = {
  public: "https://login.microsoftonline.com",
  gcc: "https://login.microsoftonline.com",
  gcchigh: "https://login.microsoftonline.us",
  dod: "https://login.microsoftonline.us",
  china: "https://login.chinacloudapi.cn",
};
