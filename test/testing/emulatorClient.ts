/**
 * Test helpers: mount an emulator on an msw server and call its operations with plain `fetch`,
 * building URLs from the generated operation table.
 */
import { setupServer } from "msw/node";
import { operationTable, type OperationEntry } from "../../generated/operations.js";
import { createEmulator, EMULATOR_TOKEN, type Emulator, type EmulatorOptions } from "../../src/testing/index.js";

const entries = new Map<string, OperationEntry>(
  Object.values(operationTable).flatMap((ops) => (Object.values(ops) as OperationEntry[]).map((e) => [e.operationId, e] as const)),
);

/** The table entry of an operation id (either service). */
export function entryOf(operationId: string): OperationEntry {
  const entry = entries.get(operationId);
  if (!entry) throw new Error(`unknown operation ${operationId}`);
  return entry;
}

/** Options of one call. */
export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** api-version to send; default: the operation's default; null: none. */
  apiVersion?: string | null;
  body?: unknown;
  /** Bearer token; null: no Authorization header. */
  token?: string | null;
  signal?: AbortSignal;
}

/** A parsed answer. */
export interface CallResult {
  status: number;
  headers: Headers;
  /** Parsed JSON, raw text when not JSON, undefined when empty. */
  body: any;
}

async function parse(response: Response): Promise<CallResult> {
  const text = await response.text();
  let body: unknown = undefined;
  if (text !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: response.status, headers: response.headers, body };
}

/** The absolute URL of an operation on `baseUrl`. */
export function urlOf(baseUrl: string, operationId: string, options: CallOptions = {}): string {
  const entry = entryOf(operationId);
  const path = entry.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = options.params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${operationId}`);
    return encodeURIComponent(value);
  });
  const url = new URL(`${baseUrl}${path}`);
  const version = options.apiVersion === undefined ? entry.defaultApiVersion : options.apiVersion;
  if (version !== null) url.searchParams.set("api-version", version);
  for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
  return url.toString();
}

/** Calls an operation with fetch. */
export async function call(baseUrl: string, operationId: string, options: CallOptions = {}): Promise<CallResult> {
  const entry = entryOf(operationId);
  return fetchUrl(urlOf(baseUrl, operationId, options), {
    method: entry.method.toUpperCase(),
    body: options.body,
    token: options.token,
    signal: options.signal,
  });
}

/** Fetches a URL as the SDK would (bearer token, JSON body). */
export async function fetchUrl(url: string, options: { method?: string; body?: unknown; token?: string | null; signal?: AbortSignal } = {}): Promise<CallResult> {
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? EMULATOR_TOKEN : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(url, {
    method: options.method ?? "GET",
    headers,
    body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
    signal: options.signal,
  });
  return parse(response);
}

/** An emulator mounted on a listening msw server. */
export interface Mounted {
  emulator: Emulator;
  server: ReturnType<typeof setupServer>;
  call(operationId: string, options?: CallOptions): Promise<CallResult>;
  fetch(url: string, options?: Parameters<typeof fetchUrl>[1]): Promise<CallResult>;
  close(): void;
}

/** Creates an emulator and serves it with msw (`onUnhandledRequest: "error"`). Call `close()` when done. */
export function mount(options: EmulatorOptions = {}): Mounted {
  const emulator = createEmulator(options);
  const server = setupServer(...emulator.handlers);
  server.listen({ onUnhandledRequest: "error" });
  return {
    emulator,
    server,
    call: (operationId, callOptions) => call(emulator.baseUrl, operationId, callOptions),
    fetch: (url, fetchOptions) => fetchUrl(url, fetchOptions),
    close: () => server.close(),
  };
}

/**
 * Adds a second emulator (on its own origin) to an already listening mount; msw patches fetch once per
 * process, so a nested `setupServer` would stop the first. `close()` removes it again.
 */
export function mountBeside(parent: Mounted, options: EmulatorOptions & { baseUrl: string }): Mounted {
  const emulator = createEmulator(options);
  parent.server.use(...emulator.handlers);
  return {
    emulator,
    server: parent.server,
    call: (operationId, callOptions) => call(emulator.baseUrl, operationId, callOptions),
    fetch: (url, fetchOptions) => fetchUrl(url, fetchOptions),
    close: () => parent.server.resetHandlers(),
  };
}

/** Runs `fn` against a freshly mounted emulator and closes it afterwards. */
export async function withEmulator<T>(options: EmulatorOptions, fn: (mounted: Mounted) => Promise<T>): Promise<T> {
  const mounted = mount(options);
  try {
    return await fn(mounted);
  } finally {
    mounted.close();
  }
}

/** Reads every page of a list operation by following its next link; returns the items and the links followed. */
export async function readAllPages(mounted: Mounted, operationId: string, options: CallOptions = {}): Promise<{ items: any[]; links: string[] }> {
  const entry = entryOf(operationId);
  const key = entry.nextLinkName;
  if (!key) throw new Error(`${operationId} is not a list`);
  const items: any[] = [];
  const links: string[] = [];
  let page = await mounted.call(operationId, options);
  for (;;) {
    if (page.status !== 200) throw new Error(`${operationId} answered ${page.status}: ${JSON.stringify(page.body)}`);
    items.push(...(page.body.value ?? []));
    const next: string | undefined = page.body[key];
    if (!next) return { items, links };
    if (links.includes(next)) throw new Error(`next link loop at ${next}`);
    links.push(next);
    page = await mounted.fetch(next);
  }
}
