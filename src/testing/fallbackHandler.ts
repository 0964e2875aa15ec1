/**
 * The last handler on the emulator's origin: any request no operation matched still goes through the
 * pipeline (faults, auth, throttle, log) and ends in 404 `RouteNotFound` or 405 `MethodNotAllowed`.
 */
import { http, type HttpHandler } from "msw";
import type { RequestPipeline } from "./pipeline.js";

/** A catch-all handler for `baseUrl`. Must come after every operation's handler. */
export function fallbackHandler(baseUrl: string, pipeline: RequestPipeline): HttpHandler {
  return http.all(`${baseUrl}/*`, ({ request }) => pipeline.handle(request, null, null));
}
