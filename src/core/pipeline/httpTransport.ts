/**
 * The default terminal sender in Node: `node:http`/`node:https` with a keep-alive agent per client.
 * Measured on the development machine at 2–3× the calls per second of the platform `fetch` (undici)
 * for the same small JSON GET, which is most of what the SDK costs per call. The body stays unread
 * until the body-decoding policy asks for it. The request functions are looked up on every send, so
 * an interceptor that patches `http.request` (msw's) still applies; `redirect` does not exist here:
 * node:http never follows redirects, so the redirect policy sees every 3xx. node:http and node:https
 * (which brings TLS and crypto) are loaded at the first request that needs them, not at import: they
 * would otherwise be most of the cost of importing the SDK.
 */
import type http from "node:http";
import type https from "node:https";
import type { PipelineResponse, ResponseBody, SendRequest } from "./pipeline.js";

type HttpModule = typeof http;
type HttpsModule = typeof https;
let httpModule: HttpModule | undefined;
let httpsModule: HttpsModule | undefined;

/** node:http, or node:https for a secure URL, loaded once. */
async function moduleFor(secure: boolean): Promise<HttpModule | HttpsModule> {
  if (secure) return (httpsModule ??= (await import("node:https")).default);
  return (httpModule ??= (await import("node:http")).default);
}

/** Options of {@link httpTransport}. */
export interface HttpTransportOptions {
  /** Most sockets per origin. Default 64. */
  maxSockets?: number;
}

/** Sends with node:http(s) over keep-alive agents that live as long as the transport. */
export function httpTransport(options: HttpTransportOptions = {}): SendRequest {
  const maxSockets = options.maxSockets ?? 64;
  let httpAgent: http.Agent | undefined;
  let httpsAgent: https.Agent | undefined;
  return async (request) => {
    const secure = request.url.startsWith("https:");
    const loaded = secure ? httpsModule : httpModule;
    const module = loaded ?? (await moduleFor(secure));
    return new Promise<PipelineResponse>((resolve, reject) => {
      const agent = secure
        ? (httpsAgent ??= new (module as HttpsModule).Agent({ keepAlive: true, maxSockets }))
        : (httpAgent ??= new (module as HttpModule).Agent({ keepAlive: true, maxSockets }));
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      const body = request.body;
      if (body !== undefined) headers["content-length"] = String(typeof body === "string" ? Buffer.byteLength(body) : body.byteLength);
      const signal = request.attemptSignal ?? request.signal;
      const send = module.request as HttpModule["request"];
      const outgoing = send(request.url, { method: request.method, headers, agent, ...(signal && { signal }) }, (incoming) => {
        resolve({
          request,
          status: incoming.statusCode ?? 0,
          statusText: incoming.statusMessage ?? "",
          headers: new IncomingHeaders(incoming.headers) as unknown as Headers,
          body: bodyOf(incoming),
          text: "",
          data: undefined,
        });
      });
      outgoing.on("error", reject);
      if (body === undefined) outgoing.end();
      else outgoing.end(typeof body === "string" ? body : Buffer.from(body));
    });
  };
}

/**
 * The read-only Headers view of a node:http answer: node has already parsed them, and building a
 * WHATWG Headers object would cost as much as the rest of the answer's handling.
 */
class IncomingHeaders {
  constructor(private readonly fields: http.IncomingHttpHeaders) {}
  get(name: string): string | null {
    const value = this.fields[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? value.join(", ") : String(value);
  }
  has(name: string): boolean {
    return this.fields[name.toLowerCase()] !== undefined;
  }
  getSetCookie(): string[] {
    return this.fields["set-cookie"] ?? [];
  }
  forEach(callback: (value: string, name: string, parent: this) => void): void {
    for (const [name, value] of this.entries()) callback(value, name, this);
  }
  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.fields).sort()) yield [name, this.get(name)!];
  }
  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }
  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
  append(): never {
    throw new TypeError("The headers of a received answer cannot be changed.");
  }
  set(): never {
    return this.append();
  }
  delete(): never {
    return this.append();
  }
}

/** The unread body of a node:http answer. */
function bodyOf(incoming: http.IncomingMessage): ResponseBody {
  return {
    text: async () => (await collect(incoming, Infinity)).toString("utf8"),
    bytes: async () => {
      const all = await collect(incoming, Infinity);
      return new Uint8Array(all.buffer, all.byteOffset, all.byteLength);
    },
    prefix: async (maxBytes) => (await collect(incoming, maxBytes)).toString("utf8"),
    discard: () => {
      incoming.resume(); // drain, so the socket goes back to the pool
    },
  };
}

function collect(incoming: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const done = (): void => {
      incoming.off("data", onData);
      incoming.off("end", done);
      incoming.off("error", onError);
      const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      resolve(total > maxBytes ? all.subarray(0, maxBytes) : all);
    };
    const onData = (chunk: Buffer): void => {
      chunks.push(chunk);
      total += chunk.byteLength;
      if (total >= maxBytes) {
        incoming.destroy(); // the rest is never downloaded
        done();
      }
    };
    const onError = (error: Error): void => {
      incoming.off("data", onData);
      incoming.off("end", done);
      reject(error);
    };
    incoming.on("data", onData);
    incoming.on("end", done);
    incoming.on("error", onError);
  });
}
