/**
 * What every command that calls a service shares: the credential (--auth or PPADMIN_ACCESS_TOKEN),
 * the cloud, endpoint and api-version, one rate limiter for every client of the process (or a Redis
 * one with --limiter), a redacted request log with --debug, and the counters progress reads.
 */
import type { ClientOptions } from "../client/options.js";
import type { TokenCredential } from "../core/credential.js";
import type { Limiter } from "../core/limiter.js";
import type { PipelinePolicy } from "../core/pipeline/pipeline.js";
import { RateLimiter } from "../core/rateLimiter.js";
import { cloudNames, authorityHosts, type CloudName, type ServiceDefinition } from "../services/definition.js";
import type { OperationEntry, SurfaceEntry } from "../client/tables.js";
import { FacadeClient } from "../client/facadeClient.js";
import { ServiceRuntime } from "../client/serviceRuntime.js";
import { loadOperations, loadSurface } from "./catalog.js";
import { UsageError, scrub } from "./errors.js";
import { AUTH_KINDS, type AuthKind } from "./flags.js";

/** Counted on every attempt (retries too): what progress and summaries show. */
export interface CallStats {
  calls: number;
  throttled: number;
  pages: number;
  items: number;
  readonly startedAt: number;
}

export interface ContextFlags {
  auth?: string;
  cloud?: string;
  endpoint?: string;
  "api-version"?: string;
  limiter?: string;
  debug?: boolean;
}

/** The budget the throttle's lower bound is computed from. */
export const BUDGET = { limit: 1000, windowInMs: 60_000 } as const;

/** The request a --dry-run stopped before sending. */
export class DryRunStop extends Error {
  constructor(readonly request: { method: string; url: string; body?: unknown }) {
    super("dry run");
  }
}

export class CliContext {
  readonly stats: CallStats = { calls: 0, throttled: 0, pages: 0, items: 0, startedAt: performance.now() };
  private limiter: Limiter | undefined;
  private credential: TokenCredential | undefined;
  private readonly tables = new Map<ServiceDefinition, Promise<[Readonly<Record<string, OperationEntry>>, readonly SurfaceEntry[]]>>();
  readonly cloud: CloudName;

  constructor(
    private readonly flags: ContextFlags,
    private readonly dryRun = false,
  ) {
    const cloud = (flags.cloud ?? "public") as CloudName;
    if (!cloudNames.includes(cloud)) throw new UsageError(`--cloud must be one of ${cloudNames.join(", ")}; got "${flags.cloud}"`);
    this.cloud = cloud;
    if (flags.auth !== undefined && !(AUTH_KINDS as readonly string[]).includes(flags.auth)) {
      throw new UsageError(`--auth must be one of ${AUTH_KINDS.join(", ")}; got "${flags.auth}"`);
    }
    if (flags.endpoint !== undefined) {
      let url: URL;
      try {
        url = new URL(flags.endpoint);
      } catch {
        throw new UsageError(`--endpoint must be an absolute URL (an origin such as https://api.powerplatform.com); got "${flags.endpoint}"`);
      }
      if (url.pathname !== "/" || url.search) throw new UsageError(`--endpoint must be an origin only (no path or query); got "${flags.endpoint}"`);
    }
    if (flags.limiter !== undefined && !/^rediss?:\/\/[^/]+\/.+/.test(flags.limiter)) {
      throw new UsageError(`--limiter must be redis://host:port/key (or rediss://…); got "${scrub(flags.limiter.replace(/\/\/[^@/]*@/, "//…@"))}"`);
    }
  }

  /** One limiter for every client of this process: the service counts the caller's calls. */
  private async sharedLimiter(): Promise<Limiter> {
    if (this.limiter) return this.limiter;
    if (this.flags.limiter) {
      const match = /^(rediss?:\/\/[^/]+)\/(.+)$/.exec(this.flags.limiter)!;
      const { RedisRateLimiter } = await import("../redis/redisRateLimiter.js");
      this.limiter = new RedisRateLimiter({ url: match[1]!, key: decodeURIComponent(match[2]!), ...BUDGET });
    } else {
      this.limiter = new RateLimiter({ ...BUDGET });
    }
    return this.limiter;
  }

  /** Closes what the context opened (a Redis connection). */
  async close(): Promise<void> {
    const limiter = this.limiter as { close?: () => Promise<void> } | undefined;
    if (limiter && typeof limiter.close === "function" && this.flags.limiter) await limiter.close().catch(() => {});
  }

  /** The credential: PPADMIN_ACCESS_TOKEN as it is, or an @azure/identity credential (loaded only now). */
  async getCredential(): Promise<TokenCredential> {
    if (this.credential) return this.credential;
    if (this.dryRun) {
      this.credential = {
        getToken: () => Promise.reject(new Error("a dry run fetches no token")),
      };
      return this.credential;
    }
    const ready = process.env.PPADMIN_ACCESS_TOKEN;
    if (ready && this.flags.auth === undefined) {
      this.credential = { getToken: async () => ({ token: ready, expiresOnTimestamp: Date.now() + 3_600_000 }) };
      return this.credential;
    }
    this.credential = await identityCredential((this.flags.auth ?? "default") as AuthKind, authorityHosts[this.cloud]);
    return this.credential;
  }

  /** Client options every client of this run shares. */
  async clientOptions(): Promise<ClientOptions> {
    const stats = this.stats;
    const counter: PipelinePolicy = {
      name: "ppadminCounter",
      async sendRequest(request, next) {
        stats.calls++;
        try {
          return await next(request);
        } catch (error) {
          if ((error as { status?: number }).status === 429) stats.throttled++;
          throw error;
        }
      },
    };
    const policies: ClientOptions["additionalPolicies"] = [{ policy: counter, position: "perRetry" }];
    if (this.dryRun) {
      policies.unshift({
        position: "perCall",
        policy: {
          name: "ppadminDryRun",
          sendRequest(request) {
            const text = request.body === undefined ? undefined : typeof request.body === "string" ? request.body : new TextDecoder().decode(request.body);
            let body: unknown = text;
            try {
              if (text !== undefined) body = JSON.parse(text);
            } catch {
              // not JSON: print as text
            }
            throw new DryRunStop({ method: request.method, url: request.url, ...(body === undefined ? {} : { body }) });
          },
        },
      });
    }
    return {
      credential: await this.getCredential(),
      cloud: this.cloud,
      ...(this.flags.endpoint ? { endpoint: this.flags.endpoint.replace(/\/+$/, "") } : {}),
      ...(this.flags["api-version"] ? { apiVersion: this.flags["api-version"] } : {}),
      rateLimit: await this.sharedLimiter(),
      ...(this.flags.debug ? { logger: (event) => process.stderr.write(`${scrub(JSON.stringify({ debug: event }))}\n`) } : {}),
      additionalPolicies: policies,
      userAgent: "ppadmin",
    };
  }

  /** The generated tables of a service (loaded once). */
  tablesOf(service: ServiceDefinition): Promise<[Readonly<Record<string, OperationEntry>>, readonly SurfaceEntry[]]> {
    let tables = this.tables.get(service);
    if (!tables) this.tables.set(service, (tables = Promise.all([loadOperations(service), loadSurface(service)])));
    return tables;
  }

  /** The request path of `service` (for `ppadmin request`), at `endpoint` when given. */
  async runtime(service: ServiceDefinition, endpoint?: string): Promise<ServiceRuntime> {
    const [operations] = await this.tablesOf(service);
    const options = await this.clientOptions();
    return new ServiceRuntime(service, operations, endpoint ? { ...options, endpoint } : options);
  }

  /** A client of `service`, its facade built from the service's surface table. */
  async client(service: ServiceDefinition): Promise<FacadeClient<{}> & Record<string, unknown>> {
    const [operations, surface] = await this.tablesOf(service);
    return new FacadeClient<{}>(service, operations, surface, await this.clientOptions()) as FacadeClient<{}> & Record<string, unknown>;
  }
}

const env = (name: string): string | undefined => process.env[name] || undefined;

function need(name: string, kind: string): string {
  const value = env(name);
  if (!value) throw new UsageError(`--auth ${kind} needs the environment variable ${name}`);
  return value;
}

/** The @azure/identity credential for `--auth`, from the usual AZURE_* environment variables. */
async function identityCredential(kind: AuthKind, authorityHost: string): Promise<TokenCredential> {
  let identity: typeof import("@azure/identity");
  try {
    identity = await import("@azure/identity");
  } catch {
    throw new UsageError("signing in needs the package @azure/identity (npm install @azure/identity), or a ready token in PPADMIN_ACCESS_TOKEN");
  }
  const common = { authorityHost };
  const tenantId = env("AZURE_TENANT_ID");
  const clientId = env("AZURE_CLIENT_ID");
  switch (kind) {
    case "default":
      return new identity.DefaultAzureCredential({ ...common, ...(clientId ? { managedIdentityClientId: clientId } : {}) });
    case "environment":
      return new identity.EnvironmentCredential(common);
    case "azure-cli":
      return new identity.AzureCliCredential(tenantId ? { tenantId } : {});
    case "device-code":
      return new identity.DeviceCodeCredential({
        ...common,
        ...(tenantId ? { tenantId } : {}),
        ...(clientId ? { clientId } : {}),
        userPromptCallback: (info) => void process.stderr.write(`${info.message}\n`),
      });
    case "interactive-browser":
      return new identity.InteractiveBrowserCredential({ ...common, ...(tenantId ? { tenantId } : {}), ...(clientId ? { clientId } : {}) });
    case "client-secret":
      return new identity.ClientSecretCredential(need("AZURE_TENANT_ID", kind), need("AZURE_CLIENT_ID", kind), need("AZURE_CLIENT_SECRET", kind), common);
    case "client-certificate":
      return new identity.ClientCertificateCredential(need("AZURE_TENANT_ID", kind), need("AZURE_CLIENT_ID", kind), need("AZURE_CLIENT_CERTIFICATE_PATH", kind), common);
    case "managed-identity":
      return clientId ? new identity.ManagedIdentityCredential(clientId) : new identity.ManagedIdentityCredential();
    case "workload-identity":
      return new identity.WorkloadIdentityCredential({ ...common, ...(tenantId ? { tenantId } : {}), ...(clientId ? { clientId } : {}) });
  }
}
