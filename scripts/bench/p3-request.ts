/**
 * P3 — what one facade call costs next to its rivals. `admin.apps.get` (limiter on and off) against
 * a minimal node:http server in another process that returns a fixed ~0.5 KB app, measured side by
 * side with a raw `fetch` (same URL, headers and JSON parse), plain openapi-fetch, and
 * @azure/core-rest-pipeline (bearer + retry policies, its default node:http transport), at
 * concurrency 1 and 32. Rounds are interleaved (every client once per round, in a rotated order) and
 * each client's calls/s is divided by raw fetch's in the same round; the line gives the median of
 * those ratios, and client CPU per call from process.cpuUsage (server CPU is another process's).
 */
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  defaultRetryPolicy,
  type PipelinePolicy,
} from "@azure/core-rest-pipeline";
import createClient from "openapi-fetch";
import type { paths } from "../../generated/powerapps-admin.js";
import { cpuMicros, fmt, lanes, loadSdk, median, quick, report, rotate, sdkSource, startFixedServer, staticCredential } from "./lib/common.js";

const ROUNDS = quick ? 1 : 5;
const CONCURRENCIES = [1, 32] as const;
const CALLS: Record<(typeof CONCURRENCIES)[number], number> = quick ? { 1: 10, 32: 40 } : { 1: 1000, 32: 2000 };
const API_VERSION = "2016-11-01";
const APP = "b0957ec6-2908-4cda-88ce-000000000001";

const { PowerAppsAdminClient } = await loadSdk();
const server = await startFixedServer();
const { environment } = server;
const path = `/providers/Microsoft.PowerApps/scopes/admin/environments/${environment}/apps/${APP}`;
const url = `${server.url}${path}?api-version=${API_VERSION}`;
const { token } = await staticCredential.getToken();
const headers = { authorization: `Bearer ${token}`, accept: "application/json" };

function check(body: unknown): void {
  if ((body as { name?: string } | undefined)?.name !== APP) throw new Error(`unexpected body: ${JSON.stringify(body)?.slice(0, 200)}`);
}

// @azure/core-rest-pipeline's bearer policy refuses plain http; the request is built as https and
// this last policy (after signing) sends it to the loopback server over http.
const loopbackHttp: PipelinePolicy = {
  name: "benchLoopbackHttp",
  sendRequest: (request, next) => {
    request.url = request.url.replace(/^https:/, "http:");
    request.allowInsecureConnection = true;
    return next(request);
  },
};
const pipeline = createEmptyPipeline();
pipeline.addPolicy(defaultRetryPolicy(), { phase: "Retry" });
pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential: staticCredential, scopes: "https://service.powerapps.com/.default" }), { phase: "Sign" });
pipeline.addPolicy(loopbackHttp, { afterPhase: "Sign" });
const httpClient = createDefaultHttpClient();
const azureUrl = url.replace(/^http:/, "https:");

const openapi = createClient<paths>({ baseUrl: server.url, headers: { authorization: headers.authorization } });
const sdk = new PowerAppsAdminClient({ endpoint: server.url, credential: staticCredential, rateLimit: { limit: 1_000_000, windowInMs: 60_000, maxConcurrency: 64 } });
const sdkNoLimiter = new PowerAppsAdminClient({ endpoint: server.url, credential: staticCredential, rateLimit: false });

const clients = {
  fetch: async () => check(await (await fetch(url, { headers })).json()),
  "openapi-fetch": async () => {
    const { data, error } = await openapi.GET("/providers/Microsoft.PowerApps/scopes/admin/environments/{environment}/apps/{app}", {
      params: { path: { environment, app: APP }, query: { "api-version": API_VERSION } },
    });
    if (error) throw new Error("openapi-fetch call failed");
    check(data);
  },
  "azure-pipeline": async () => {
    const response = await pipeline.sendRequest(httpClient, createPipelineRequest({ url: azureUrl, method: "GET", headers: createHttpHeaders({ accept: "application/json" }) }));
    if (response.status !== 200) throw new Error(`azure pipeline got ${response.status}`);
    check(JSON.parse(response.bodyAsText ?? "null"));
  },
  sdk: async () => check(await sdk.apps.get({ environment, app: APP })),
  "sdk-no-limiter": async () => check(await sdkNoLimiter.apps.get({ environment, app: APP })),
};
type Name = keyof typeof clients;
const names = Object.keys(clients) as Name[];

try {
  // Warm-up: JIT, connection pools, token caches.
  for (const name of names) await lanes(quick ? 5 : 300, 32, clients[name]);

  const ratios = new Map<string, number[]>();
  const cpu = new Map<string, number[]>();
  const rawRate = new Map<number, number[]>();
  const push = (map: Map<string, number[]>, key: string, value: number) => map.set(key, [...(map.get(key) ?? []), value]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const concurrency of CONCURRENCIES) {
      const calls = CALLS[concurrency];
      const rates = new Map<Name, number>();
      // Every client once per round; a different one goes first each round.
      for (const name of rotate(names, round)) {
        const cpu0 = cpuMicros();
        const t0 = performance.now();
        await lanes(calls, concurrency, clients[name]);
        const elapsed = performance.now() - t0;
        push(cpu, `${name}@${concurrency}`, (cpuMicros() - cpu0) / calls);
        rates.set(name, (calls / elapsed) * 1000);
      }
      const base = rates.get("fetch")!;
      rawRate.set(concurrency, [...(rawRate.get(concurrency) ?? []), base]);
      for (const name of names) push(ratios, `${name}@${concurrency}`, rates.get(name)! / base);
    }
  }

  const cell = (name: Name) => CONCURRENCIES.map((c) => fmt(median(ratios.get(`${name}@${c}`)!))).join("/");
  const cpuCell = (name: Name) => CONCURRENCIES.map((c) => fmt(median(cpu.get(`${name}@${c}`)!), 0)).join("/");
  const order: Name[] = ["sdk", "sdk-no-limiter", "openapi-fetch", "azure-pipeline", "fetch"];
  report(
    "P3",
    `calls/s ÷ raw fetch at c=1/c=32 (median of ${ROUNDS} interleaved rounds, ${server.singleBytes}-byte body, SDK from ${sdkSource}): ` +
      order.map((name) => `${name} ${cell(name)}`).join(", ") +
      ` | client CPU µs/call c=1/c=32: ` +
      order.map((name) => `${name} ${cpuCell(name)}`).join(", ") +
      ` | raw fetch ${CONCURRENCIES.map((c) => fmt(median(rawRate.get(c)!), 0)).join("/")} calls/s`,
  );
} finally {
  server.close();
}
process.exit(0);
