/**
 * The emulator as msw handlers: one catch-all handler on the emulator's origin that turns the fetch
 * `Request` into a {@link WireRequest} and the answer back into a `Response`. msw is an optional
 * peer, loaded on first use of `emulator.handlers` (not when the module is imported), so the server
 * mode works without it and a missing msw gets an error that says what to install.
 */
import { createRequire } from "node:module";
import type { HttpHandler } from "msw";
import type { Dispatcher } from "./dispatcher.js";
import { headersOf, type WireRequest } from "./wire.js";

type Msw = typeof import("msw");

let msw: Msw | undefined;

/** Loads msw, or throws an error that names the packages to install. */
export function loadMsw(): Msw {
  if (msw) return msw;
  try {
    msw = createRequire(import.meta.url)("msw") as Msw;
    return msw;
  } catch (cause) {
    throw new Error("emulator.handlers needs the optional peer dependency msw: npm install -D msw (or use startEmulatorServer, which does not need it)", { cause });
  }
}

/** The msw handlers that send every request on `baseUrl` through `dispatcher`. */
export function mswHandlers(baseUrl: string, dispatcher: Dispatcher): HttpHandler[] {
  const { http } = loadMsw();
  return [
    http.all(`${baseUrl}/*`, async ({ request }) => {
      const bodyText = request.method === "GET" || request.method === "HEAD" ? "" : await request.text();
      const wire: WireRequest = {
        method: request.method,
        url: new URL(request.url),
        bodyText,
        header: (name) => request.headers.get(name),
        signal: request.signal,
      };
      const { answer, text } = await dispatcher.handle(wire);
      if (answer.drop) return Response.error();
      return new Response((answer.bytes as BodyInit | undefined) ?? text ?? null, { status: answer.status, headers: headersOf(answer) });
    }),
  ];
}
