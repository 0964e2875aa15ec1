/**
 * A `multipart/form-data` operation (Power Pages' certificate upload): its fields are sent as a form —
 * file fields as files, text as text — with the form's content type, and checked before sending.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { operationTable } from "../../../generated/operations.js";
import { PowerPlatformClient } from "../../../src/index.js";
import { BASE_URL, createRecordingServer, staticCredential } from "../../support/recordingServer.js";
import { http, HttpResponse } from "msw";

const recording = createRecordingServer();
let seen: { contentType: string | null; form: FormData | undefined } = { contentType: null, form: undefined };
beforeAll(() => recording.server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  recording.reset();
  recording.server.resetHandlers(); // the capture handler would otherwise answer the refusal cases unseen
  seen = { contentType: null, form: undefined };
});
afterAll(() => recording.server.close());

const pp = new PowerPlatformClient({ endpoint: BASE_URL, credential: staticCredential() });
const site = { environmentId: "env-1", id: "site-1", certType: "SSL" };

/** Reads the form itself (the recording server parses bodies as JSON), then answers like the service. */
function captureForm() {
  recording.server.use(
    http.post(`${BASE_URL}/powerpages/environments/:env/websites/:id/certificates`, async ({ request }) => {
      seen = { contentType: request.headers.get("content-type"), form: await request.formData() };
      return HttpResponse.json("3B1F6C2A9D4E5F60718293A4B5C6D7E8F9012345");
    }),
  );
}

describe("a multipart form body", () => {
  it("is a fact of the table: the form's fields, files typed binary", () => {
    expect(operationTable.powerPlatform.UploadCertificate).toMatchObject({ bodyMedia: "multipart/form-data", bodyParams: ["file", "password"], bodyParamTypes: { file: "binary", password: "string" } });
  });

  it("sends the file as a file and the password as text, with the form's boundary", async () => {
    captureForm();
    const bytes = new Uint8Array([0x30, 0x82, 0x0a, 0x71, 0x00, 0xff]);
    await expect(pp.powerPages.websites.certificates.upload({ ...site, file: bytes, password: "secret" })).resolves.toBe("3B1F6C2A9D4E5F60718293A4B5C6D7E8F9012345");
    expect(seen.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const file = seen.form!.get("file") as File;
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    expect(seen.form!.get("password")).toBe("secret");
  });

  it("takes a Blob as the file", async () => {
    captureForm();
    await pp.powerPages.websites.certificates.upload({ ...site, file: new Blob(["pfx-bytes"]), password: "secret" });
    expect(await (seen.form!.get("file") as File).text()).toBe("pfx-bytes");
  });

  it.each([
    [{ password: "secret" }, /"file" is required/],
    [{ file: 42, password: "secret" }, /"file" must be a Blob, a Uint8Array, an ArrayBuffer or a string, got number/],
    [{ file: new Blob(["x"]), password: new Blob(["x"]) }, /"password" must be a string/],
  ])("refuses %j before sending", async (args, message) => {
    // @ts-expect-error deliberately wrong arguments
    await expect(pp.powerPages.websites.certificates.upload({ ...site, ...args })).rejects.toThrow(message);
    expect(recording.requests).toHaveLength(0);
    expect(seen.form).toBeUndefined();
  });
});
