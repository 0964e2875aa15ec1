import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpTransport } from "../../../../src/core/pipeline/httpTransport.js";
import { request } from "./policyHarness.js";

let server: http.Server;
let base = "";
const seen: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (req.url!.startsWith("/big")) {
        res.writeHead(500, { "content-type": "text/plain" });
        const chunk = "x".repeat(64 * 1024);
        let sent = 0;
        const pump = (): void => {
          while (sent < 8 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
          if (sent < 8 * 1024 * 1024) res.once("drain", pump);
          else res.end();
        };
        res.on("close", () => res.removeAllListeners("drain"));
        pump();
        return;
      }
      res.writeHead(200, { "content-type": "application/json", "x-ms-request-id": "r1" });
      res.end(JSON.stringify({ ok: true, method: req.method }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("httpTransport", () => {
  const send = httpTransport();

  it("sends method, headers and body, and hands back status, headers and an unread body", async () => {
    const response = await send(request({ url: `${base}/apps?x=1`, method: "POST", headers: { "x-test": "1", "content-type": "application/json" }, body: '{"a":"é"}' }));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ms-request-id")).toBe("r1");
    expect(JSON.parse(await response.body.text())).toEqual({ ok: true, method: "POST" });
    expect(seen.at(-1)).toMatchObject({ method: "POST", url: "/apps?x=1", body: '{"a":"é"}', headers: { "x-test": "1", "content-length": "10" } });
  });

  it("reads only a prefix of a large body and drops the rest", async () => {
    const response = await send(request({ url: `${base}/big` }));
    expect(response.status).toBe(500);
    expect((await response.body.prefix(1024)).length).toBe(1024);
  });

  it("rejects with the abort reason's error when the attempt is aborted", async () => {
    const req = request({ url: `${base}/apps` });
    const controller = new AbortController();
    req.attemptSignal = controller.signal;
    controller.abort();
    await expect(send(req)).rejects.toMatchObject({ name: "AbortError" });
  });
});
