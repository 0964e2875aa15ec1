/**
 * An msw server for facade tests: it records every request and answers each operation with the
 * first example the spec gives for its success response (so answers are realistic and typed), or
 * with whatever a test queues for the next request.
 */
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { operationTable, type OperationEntry } from "../../generated/operations.js";
import { routesForPath, specOfService } from "../../src/testing/operations/operationRouter.js";
import { loadSpec, operationsOf, resolveRef, type Json, type SpecName } from "./specDocuments.js";

export const BASE_URL = "https://ppa.test";

export interface RecordedRequest {
  operationId: string | undefined;
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

/** The table entry a request is for (by method and path template), via the emulator's router. */
export function operationFor(method: string, pathname: string): OperationEntry | undefined {
  const route = routesForPath(pathname).find((r) => r.operation.method === method.toLowerCase());
  return route ? (operationTable as Record<string, Record<string, OperationEntry>>)[route.service]?.[route.operation.operationId] : undefined;
}

/** The spec's first example for the operation's lowest success status, and that status. */
export function exampleAnswer(entry: OperationEntry): { status: number; body: unknown } {
  const spec = specOfService[entry.service] as SpecName;
  const doc = loadSpec(spec);
  const op = operationsOf(spec).find((o) => o.operationId === entry.operationId)!;
  const status = entry.successStatuses[0] ?? 200;
  const response = resolveRef(doc, (op.operation.responses as Json)[String(status)]);
  const media = (response?.content as Json | undefined)?.["application/json"] as Json | undefined;
  if (!media) return { status, body: undefined };
  const first = Object.values((media.examples ?? {}) as Json)[0];
  return { status, body: first ? resolveRef(doc, first).value : media.example };
}

/** A request body as JSON, or as its text when it is not JSON (a multipart form). */
function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export type Answer = (request: RecordedRequest) => Response | Promise<Response>;

export function createRecordingServer() {
  const requests: RecordedRequest[] = [];
  const queued: Answer[] = [];
  const server = setupServer(
    http.all(`${BASE_URL}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const text = await request.text();
      const recorded: RecordedRequest = {
        operationId: operationFor(request.method, url.pathname)?.operationId,
        method: request.method,
        url,
        headers: request.headers,
        body: text ? jsonOrText(text) : undefined,
      };
      requests.push(recorded);
      const answer = queued.shift();
      if (answer) return answer(recorded);
      const entry = operationFor(request.method, url.pathname);
      if (!entry) return HttpResponse.json({ code: "RouteNotFound", message: "no such route" }, { status: 404 });
      const { status, body } = exampleAnswer(entry);
      if (entry.longRunning && status === 202) {
        const header = entry.longRunning === "location" ? "Location" : "Operation-Location";
        return new HttpResponse(null, { status, headers: { [header]: `${BASE_URL}/operation-status/1?api-version=1` } });
      }
      return body === undefined ? new HttpResponse(null, { status }) : HttpResponse.json(body as Record<string, unknown>, { status });
    }),
  );
  return {
    server,
    requests,
    /** Answers the next request(s) with these, in order, instead of the spec example. */
    answerNext(...answers: Answer[]) {
      queued.push(...answers);
    },
    reset() {
      requests.length = 0;
      queued.length = 0;
    },
  };
}

/** A credential that hands out a fixed token, counting calls. */
export function staticCredential(token = "test-token") {
  const credential = {
    calls: 0,
    async getToken() {
      credential.calls += 1;
      return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
    },
  };
  return credential;
}
