/**
 * `startEmulatorServer`: the emulator as a real HTTP server on loopback, for clients msw cannot
 * intercept (other processes, undici's own client, curl). Requests go from node:http straight to the
 * dispatcher, without fetch `Request`/`Response` objects or msw (which it does not need).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createEmulator, type Emulator } from "../emulator.js";
import type { EmulatorOptions } from "../emulatorOptions.js";
import { headersOf, type WireRequest } from "./wire.js";

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

/** A {@link WireRequest} over a node request; the abort signal is made only when something waits on it. */
function wireRequest(req: IncomingMessage, res: ServerResponse, origin: string, bodyText: string, inflight: Set<AbortController>): WireRequest {
  let controller: AbortController | undefined;
  return {
    method: req.method ?? "GET",
    url: new URL(req.url ?? "/", origin),
    bodyText,
    header: (name) => {
      const value = req.headers[name];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
    get signal() {
      if (!controller) {
        const made = (controller = new AbortController());
        inflight.add(made);
        res.on("close", () => {
          inflight.delete(made);
          if (!res.writableFinished) made.abort(new Error("client closed the connection"));
        });
      }
      return controller.signal;
    },
  };
}

/** Starts the emulator on a loopback HTTP server (default `127.0.0.1`, any free port). */
export async function startEmulatorServer(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const { host = "127.0.0.1", port = 0, ...emulatorOptions } = options;
  const inflight = new Set<AbortController>();
  let emulator: Emulator | undefined;
  let origin = "";

  const serve = async (req: IncomingMessage, res: ServerResponse, bodyText: string): Promise<void> => {
    try {
      const { answer, text } = await emulator!.dispatch(wireRequest(req, res, origin, bodyText, inflight));
      if (answer.drop) {
        req.socket.destroy();
        return;
      }
      const headers = headersOf(answer);
      const payload = answer.bytes ? Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength) : text === undefined ? undefined : Buffer.from(text, "utf8");
      headers["content-length"] = String(payload?.length ?? 0);
      res.writeHead(answer.status, headers);
      res.end(req.method === "HEAD" ? undefined : payload);
    } catch {
      res.destroy();
    }
  };

  const server = createServer((req, res) => {
    if (req.headers["content-length"] === undefined && req.headers["transfer-encoding"] === undefined) {
      req.resume();
      void serve(req, res, "");
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => void serve(req, res, Buffer.concat(chunks).toString("utf8")));
  });
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
