/**
 * `ppadmin request <METHOD> <path-or-url>`: any call on any service's host through the same request
 * path as every command (token, limiter, retries, errors). The service — and so the token scope —
 * comes from the URL's host, or, for a path or another origin (an emulator), from the operation
 * routes of the specs; a known route gets its operation's default api-version when the URL has
 * none. `--all` follows next links and prints the items of every page.
 */
import { parseArgs } from "node:util";
import { cloudNames, type ServiceDefinition } from "../services/definition.js";
import { services } from "../services/registry.js";
import type { OperationEntry } from "../client/tables.js";
import { createPipelineRequest } from "../core/pipeline/pipeline.js";
import { createPagedIterator, readItems, readNextLink } from "../core/paging.js";
import { readListPage } from "../client/listPaging.js";
import { withApiVersion } from "../client/serviceRuntime.js";
import { kebab, loadOperations, serviceWord } from "./catalog.js";
import { CliContext, DryRunStop } from "./context.js";
import { EXIT, UsageError } from "./errors.js";
import { GLOBAL_FLAGS, parseArgsOptions, readJson, type FlagSpec } from "./flags.js";
import { flagSections } from "./help.js";
import { createSink } from "./output.js";
import { startProgress } from "./progress.js";
import { globalSettings } from "./settings.js";

export const REQUEST_FLAGS = {
  body: { type: "string", value: "JSON|@file.json", description: "Request body (JSON)" },
  all: { type: "boolean", description: "Follow next links and print the items of every page" },
  service: { type: "string", value: services.map(serviceWord).join("|"), description: "The service, when the URL does not tell" },
  "dry-run": { type: "boolean", description: "Print the request instead of sending it; no token is fetched" },
} as const satisfies Record<string, FlagSpec>;

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"];

/** A route template as a regex: `{name}` is one path segment. */
function routePattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/]+");
  return new RegExp(`^${escaped.replace(/\{[^}]+\}/g, "[^/]+")}/?$`, "i");
}

/** The operation whose route matches, if any, across `candidates`. */
async function matchRoute(candidates: readonly ServiceDefinition[], method: string, pathname: string): Promise<{ service: ServiceDefinition; entry: OperationEntry } | undefined> {
  for (const service of candidates) {
    const operations = await loadOperations(service);
    const entries = Object.values(operations).filter((e) => routePattern(e.path).test(pathname));
    const entry = entries.find((e) => e.method.toUpperCase() === method) ?? entries[0];
    if (entry) return { service, entry };
  }
  return undefined;
}

/** The service a host belongs to, in any cloud. */
function serviceOfHost(host: string): ServiceDefinition | undefined {
  return services.find((s) => cloudNames.some((cloud) => s.clouds[cloud].host === host.toLowerCase()));
}

export async function runRequest(tokens: string[]): Promise<number> {
  const specs: Record<string, FlagSpec> = { ...GLOBAL_FLAGS, ...REQUEST_FLAGS };
  let values: Record<string, unknown>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: tokens, options: parseArgsOptions(specs), strict: true, allowPositionals: true }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(
      [
        "Usage: ppadmin request <METHOD> <path-or-url> [--body JSON] [--all]",
        "",
        "Sends one request (or, with --all, every page of a list) to any service's host with the",
        "right token scope. A path (e.g. /providers/Microsoft.PowerApps/scopes/admin/environments) goes",
        "to the service whose routes it matches, at --endpoint or the --cloud's host.",
        "",
        ...flagSections(REQUEST_FLAGS),
        "",
      ].join("\n"),
    );
    return EXIT.ok;
  }
  if (positionals.length !== 2) throw new UsageError("request needs <METHOD> and <path-or-url>");
  const method = positionals[0]!.toUpperCase();
  if (!METHODS.includes(method)) throw new UsageError(`<METHOD> must be one of ${METHODS.join(", ")}; got "${positionals[0]}"`);
  const target = positionals[1]!;
  const absolute = /^https?:\/\//i.test(target);
  if (!absolute && !target.startsWith("/")) throw new UsageError(`<path-or-url> must be an absolute URL or a path starting with /; got "${target}"`);
  const url = new URL(target, "https://placeholder.invalid");

  let service: ServiceDefinition | undefined;
  if (typeof values.service === "string") {
    service = services.find((s) => serviceWord(s) === kebab(values.service as string) || s.name === values.service);
    if (!service) throw new UsageError(`--service must be one of ${services.map(serviceWord).join(", ")}`);
  }
  service ??= absolute ? serviceOfHost(url.hostname) : undefined;
  const route = await matchRoute(service ? [service] : services, method, url.pathname);
  service ??= route?.service;
  if (!service) throw new UsageError(`cannot tell which service serves ${url.pathname}; pass --service (${services.map(serviceWord).join(", ")})`);

  const settings = globalSettings(values);
  const dryRun = values["dry-run"] === true;
  const context = new CliContext(values, dryRun);
  const runtime = await context.runtime(service, absolute ? url.origin : undefined);
  const apiVersion = (values["api-version"] as string | undefined) ?? route?.entry.defaultApiVersion;
  const first = new URL(`${url.pathname}${url.search}`, `${runtime.endpoint}/`).href;
  const body = typeof values.body === "string" ? JSON.stringify(readJson(values.body, "--body")) : undefined;
  const progress = await startProgress(context.stats, settings.quiet || dryRun);
  try {
    const send = async (link: string, withBody: boolean) => {
      const headers = withBody && body !== undefined ? { "content-type": "application/json" } : undefined;
      return runtime.pipeline.send(
        createPipelineRequest({ method: withBody ? method : "GET", url: apiVersion ? withApiVersion(link, apiVersion) : link, ...(headers ? { headers } : {}), ...(withBody && body !== undefined ? { body } : {}) }),
      );
    };
    if (!values.all) {
      const response = await send(first, true);
      const sink = createSink({ format: settings.format, fields: settings.fields, stream: process.stdout, list: false });
      await sink.write(response.data ?? (response.text || undefined));
      await sink.end();
      return EXIT.ok;
    }
    if (route?.entry.paging?.style === "bodyToken") {
      throw new UsageError(`${route.entry.operationId} continues by re-posting its body with a token; --all cannot follow it: run its command (ppadmin … --help)`);
    }
    const sink = createSink({ format: settings.format, fields: settings.fields, stream: process.stdout, list: true });
    const listContext = { method, url: first };
    // A known route pages as its spec says (next link, token, page number, bare array), the way the
    // SDK's own lists do; an unknown one by the usual next-link keys.
    const readPage = (data: unknown, link: string) =>
      route ? readListPage<unknown>(route.entry, data, link, listContext) : { items: readItems<unknown>(data, null, listContext), nextLink: readNextLink(data, null, listContext) };
    const pages = createPagedIterator<unknown>({
      origin: runtime.endpoint,
      firstPage: async () => readPage((await send(first, true)).data, first),
      nextPage: async (link) => readPage((await send(link, false)).data, link),
    }).byPage();
    for await (const page of pages) {
      context.stats.pages++;
      context.stats.items += page.length;
      for (const item of page) await sink.write(item);
    }
    await sink.end();
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof DryRunStop)) throw error;
    const sink = createSink({ format: settings.format === "table" ? "json" : settings.format, stream: process.stdout, list: false });
    await sink.write(error.request);
    return EXIT.ok;
  } finally {
    progress.stop();
    await context.close();
  }
}
