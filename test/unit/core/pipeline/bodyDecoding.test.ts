import { afterEach, describe, expect, it, vi } from "vitest";
import { bodyDecodingPolicy } from "../../../../src/core/pipeline/bodyDecoding.js";
import { fetchTransport } from "../../../../src/core/pipeline/fetchTransport.js";
import type { PipelineRequest } from "../../../../src/core/pipeline/pipeline.js";
import { resendHintOf } from "../../../../src/core/pipeline/resendHints.js";
import { request, scriptedNext } from "./policyHarness.js";

/** The answer as the fetch transport hands it over (body unread). */
const raw = (req: PipelineRequest, response: Response) => fetchTransport(async () => response)(req);
const decode = (response: Response, init: Parameters<typeof request>[0] = {}) =>
  bodyDecodingPolicy({ maxErrorBodyBytes: 1024 }).sendRequest(request({ headers: { accept: "application/json" }, ...init }), scriptedNext((req) => raw(req, response)).next);

afterEach(() => vi.restoreAllMocks());

describe("bodyDecodingPolicy", () => {
  it("parses a 2xx JSON body exactly once", async () => {
    const parse = vi.spyOn(JSON, "parse");
    const response = await decode(new Response('{"value":[1]}', { status: 200 }));
    expect(response.data).toEqual({ value: [1] });
    expect(parse.mock.calls.filter(([text]) => text === '{"value":[1]}')).toHaveLength(1);
  });

  it("reads an empty 2xx and a 204 as no data", async () => {
    expect((await decode(new Response("", { status: 200 }))).data).toBeUndefined();
    expect((await decode(new Response(null, { status: 204 }))).data).toBeUndefined();
  });

  it("refuses a 2xx that is not the JSON asked for, labelled for idempotent re-sends", async () => {
    const error = await decode(new Response("<html>sign in</html>", { status: 200, headers: { "content-type": "text/html" } })).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 200, code: "InvalidResponse" });
    expect(resendHintOf(error)).toEqual({ resend: "idempotent" });
  });

  it("keeps a non-JSON 2xx as text when the request asked for something else", async () => {
    expect(await decode(new Response("plain", { status: 200 }), { headers: { accept: "text/plain" } })).toMatchObject({ text: "plain", data: undefined });
  });

  it("reads an error body only up to the cap and cancels the rest", async () => {
    let pulled = 0;
    let cancelled = false;
    const chunk = new Uint8Array(256).fill(0x61);
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        cancelled = true;
      },
    });
    const response = await decode(new Response(endless, { status: 500 }));
    expect(response.text.length).toBe(1024);
    expect(pulled).toBeLessThanOrEqual(1024 + 2 * chunk.byteLength);
    expect(cancelled).toBe(true);
  });
});
