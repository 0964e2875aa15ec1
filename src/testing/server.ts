/**
 * `startEmulatorServer`: the same emulator as a real HTTP server on loopback, for clients msw cannot
 * intercept (other processes, undici's own client, curl). Node requests become fetch `Request`s and
 * go through the very same handlers via msw's `getResponse`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getResponse } from "msw";
import { createEmulator, type Emulator } from "./emulator.js";
import type { EmulatorOptions } from "./options.js";

/** Options of {@link startEmulatorServer}: the emulator's options (its origin is the server's) plus where to listen. */
export interface EmulatorServerOptions extends Omit<EmulatorOptions, "baseUrl"> {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port; 0 (default) picks a free one. */
  port?: number;
}

/** A listening emulator server. */
export interface EmulatorServer {
  /** `http://host:port`: use it as the SDK's endpoint. Next links and Operation-Location point here. */
  readonly url: string;
  /** The emulator behind the server (state, faults, log, exchanges). */
  readonly emulator: Emulator;
  /** Stops listening, drops open connections and abandons requests still waiting (e.g. `hang` faults). */
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection", "te", "trailer"]);

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return headers;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Starts the emulator on a loopback HTTP server (default `127.0.0.1`, any free port). */
export async function startEmulatorServer(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const { host = "127.0.0.1", port = 0, ...emulatorOptions } = options;
  const inflight = new Set<AbortController>();
  let emulator: Emulator | undefined;
  let origin = "";

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const controller = new AbortController();
    inflight.add(controller);
    res.on("close", () => {
      inflight.delete(controller);
      if (!res.writableFinished) controller.abort(new Error("client closed the connection"));
    });
    try {
      const method = req.method ?? "GET";
      const body = await readBody(req);
      const request = new Request(`${origin}${req.url ?? "/"}`, {
        method,
        headers: toHeaders(req),
        body: method === "GET" || method === "HEAD" || body.length === 0 ? undefined : new Uint8Array(body),
        signal: controller.signal,
      });
      const response = emulator ? await getResponse(emulator.handlers, request) : undefined;
      if (!response || response.type === "error") {
        req.socket.destroy();
        return;
      }
      const payload = Buffer.from(await response.arrayBuffer());
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (name !== "content-length" && !HOP_BY_HOP.has(name)) headers[name] = value;
      });
      headers["content-length"] = String(payload.length);
      res.writeHead(response.status, headers);
      res.end(method === "HEAD" ? undefined : payload);
    } catch {
      res.destroy();
    }
  };

  const server = createServer((req, res) => void serve(req, res));
  // Never close an idle keep-alive connection from this side: the client closes its idle sockets
  // itself, and a server that does too races it (on a busy machine a reused socket then fails with
  // ECONNRESET). close() still drops every connection.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostInUrl = address.family === "IPv6" || address.address.includes(":") ? `[${address.address}]` : address.address;
  origin = `http://${hostInUrl}:${address.port}`;
  emulator = createEmulator({ ...emulatorOptions, baseUrl: origin });

  return {
    url: origin,
    emulator,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const controller of inflight) controller.abort(new Error("emulator server closed"));
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
