/**
 * Downloads: an operation whose success body is not JSON asks for its media type and resolves with
 * the exact bytes, their content type and the file name from Content-Disposition — over node:http
 * (the default transport) and over a given fetch alike. No msw here: requests go to a loopback server.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileNameOf } from "../../../src/client/download.js";
import { buildFacade } from "../../../src/client/facade.js";
import { ServiceRuntime } from "../../../src/client/serviceRuntime.js";
import type { OperationEntry } from "../../../src/client/tables.js";
import { PowerPlatformClient } from "../../../src/index.js";
import { powerPlatformService } from "../../../src/services/powerPlatform.js";
import { emulatorCredential, startEmulatorServer, type EmulatorServer } from "../../../src/testing/index.js";
import { ENTRY_DEFAULTS } from "../../support/operationEntry.js";

const EVERY_BYTE = Uint8Array.from({ length: 256 }, (_, i) => i);
const credential = { getToken: async () => ({ token: "t", expiresOnTimestamp: Date.now() + 3_600_000 }) };

const entry: OperationEntry = {
  ...ENTRY_DEFAULTS,
  operationId: "GetFile",
  method: "get",
  path: "/files/{fileId}",
  pathParams: ["fileId"],
  download: "application/octet-stream",
  safeToRetry: true,
};

let files: Server;
let filesUrl = "";
const accepts: (string | undefined)[] = [];
beforeAll(async () => {
  files = createServer((req, res) => {
    accepts.push(req.headers.accept);
    res.writeHead(200, { "content-type": "application/octet-stream", "content-disposition": "attachment; filename=\"plain.bin\"; filename*=UTF-8''%E2%82%AC%20rates.bin" });
    res.end(Buffer.from(EVERY_BYTE));
  });
  await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => files.close(() => resolve())));

function getFile(fetchImpl?: typeof fetch) {
  const runtime = new ServiceRuntime(powerPlatformService, { GetFile: entry }, { endpoint: filesUrl, credential, ...(fetchImpl && { fetch: fetchImpl }) });
  const facade = buildFacade(runtime, [{ group: ["files"], method: "get", kind: "call", operationId: "GetFile" }]) as { files: { get(a: unknown): Promise<unknown> } };
  return facade.files.get({ fileId: "f1" });
}

describe("a download operation", () => {
  it("gets every byte unchanged over node:http, with the content type and the RFC 5987 file name", async () => {
    accepts.length = 0;
    const file = await getFile();
    expect(file).toEqual({ content: EVERY_BYTE, contentType: "application/octet-stream", fileName: "€ rates.bin" });
    expect(accepts).toEqual(["application/octet-stream"]);
  });

  it("gets the same over a given fetch", async () => {
    const file = (await getFile((input, init) => fetch(input, init))) as { content: Uint8Array };
    expect(file.content).toEqual(EVERY_BYTE);
  });
});

describe("fileNameOf", () => {
  it("reads filename* before filename, keeps only the last path segment, and gives null when there is none", async () => {
    expect(await fileNameOf('attachment; filename="snapshot.zip"')).toBe("snapshot.zip");
    expect(await fileNameOf("attachment; filename*=UTF-8''a%20b.zip")).toBe("a b.zip");
    expect(await fileNameOf('attachment; filename="../../etc/passwd"')).toBe("passwd");
    expect(await fileNameOf('attachment; filename="C:\\\\temp\\\\x.zip"')).toBe("x.zip");
    expect(await fileNameOf('attachment; filename=".."')).toBeNull();
    expect(await fileNameOf("attachment")).toBeNull();
    expect(await fileNameOf("this is not a header;;;=")).toBeNull();
    expect(await fileNameOf(null)).toBeNull();
  });
});

describe("the emulator's downloads over a loopback server", () => {
  let server: EmulatorServer;
  beforeAll(async () => {
    server = await startEmulatorServer({ seed: 3 });
  });
  afterAll(() => server.close());

  it("the channel manifest arrives as a ZIP the facade hands over intact", async () => {
    const pp = new PowerPlatformClient({ endpoint: server.url, credential: emulatorCredential() });
    const EnvironmentId = server.emulator.state.environments[0]!.name;
    const file = await pp.copilotStudio.bots.downloadChannelManifest({ EnvironmentId, AgentId: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", ChannelName: "M365" });
    expect(file.contentType).toBe("application/zip");
    expect(JSON.parse(strFromU8(unzipSync(file.content)["manifest.json"]!))).toMatchObject({ channel: "M365" });
  });
});
