/** The body-decoding policy for downloads: a non-JSON, non-text Accept keeps the 2xx body as bytes. */
import { describe, expect, it } from "vitest";
import { bodyDecodingPolicy } from "../../../../src/core/pipeline/bodyDecoding.js";
import { fetchTransport } from "../../../../src/core/pipeline/fetchTransport.js";
import { answer, request, scriptedNext } from "./policyHarness.js";

const BYTES = Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0xff, 0xfe, 0x80]);
const zipRequest = () => request({ headers: { accept: "application/zip" } });

describe("bodyDecodingPolicy: downloads", () => {
  it("keeps every byte of a 2xx asked for as application/zip, and parses nothing", async () => {
    const response = await bodyDecodingPolicy().sendRequest(zipRequest(), scriptedNext((req) => fetchTransport(async () => new Response(BYTES, { status: 200 }))(req)).next);
    expect(response.data).toEqual(BYTES);
    expect(response.text).toBe("");
  });

  it("falls back to the text's UTF-8 bytes when a transport's body has no bytes()", async () => {
    const response = await bodyDecodingPolicy().sendRequest(zipRequest(), scriptedNext((req) => answer(req, 200, {}, "PK")).next);
    expect(response.data).toEqual(new TextEncoder().encode("PK"));
  });

  it("still reads an error answer to a download as bounded text", async () => {
    const response = await bodyDecodingPolicy().sendRequest(zipRequest(), scriptedNext((req) => fetchTransport(async () => new Response('{"error":{"code":"TestRunNotFound"}}', { status: 404 }))(req)).next);
    expect(response.text).toContain("TestRunNotFound");
    expect(response.data).toBeUndefined();
  });
});
