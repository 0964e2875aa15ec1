import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorCredential, startEmulatorServer, type EmulatorServer } from "../../src/testing/index.js";
import { call, fetchUrl } from "./emulatorClient.js";

let server: EmulatorServer;
beforeAll(async () => {
  server = await startEmulatorServer({ seed: 71, appsPerEnvironment: 12, pageSize: 5 });
});
afterAll(async () => {
  await server.close();
});

describe("startEmulatorServer", () => {
  it("listens on loopback with a free port and serves the same operations over real HTTP", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const { token } = await emulatorCredential().getToken("https://api.powerplatform.com/.default");
    const answer = await call(server.url, "GetTenantCapacityDetails", { token });
    expect(answer.status).toBe(200);
    expect(answer.body.tenantId).toBe(server.emulator.state.tenantId);
    expect(server.emulator.log.at(-1)).toMatchObject({ operationId: "GetTenantCapacityDetails", token: "emulator-token" });
  });

  it("pages with absolute next links on its own URL", async () => {
    const environment = server.emulator.state.environments[0]!.name;
    let page = await call(server.url, "Get-AdminApps", { params: { environment } });
    const names: string[] = [];
    for (;;) {
      names.push(...page.body.value.map((a: { name: string }) => a.name));
      if (!page.body.nextLink) break;
      expect(page.body.nextLink.startsWith(`${server.url}/`)).toBe(true);
      page = await fetchUrl(page.body.nextLink);
    }
    expect(new Set(names).size).toBe(12);
  });

  it("passes JSON bodies through and answers Operation-Location on its own URL", async () => {
    const environmentId = server.emulator.state.environments[0]!.name;
    const started = await call(server.url, "InstallApplicationPackage", { params: { environmentId, uniqueName: "MicrosoftFormsPro" }, body: {} });
    expect(started.status).toBe(202);
    const location = started.headers.get("operation-location")!;
    expect(location.startsWith(`${server.url}/appmanagement/environments/`)).toBe(true);
    expect((await fetchUrl(location)).body.status).toBe("Running");
  });

  it("drops the connection for a network-error fault", async () => {
    server.emulator.faults.add({ respond: "network-error" });
    await expect(call(server.url, "GetTenantCapacityDetails")).rejects.toThrow(/fetch failed/);
  });

  it("keeps a hang open until the client gives up, then logs it", async () => {
    const fault = server.emulator.faults.add({ respond: "hang" });
    const controller = new AbortController();
    const pending = call(server.url, "GetTenantCapacityDetails", { signal: controller.signal });
    // Give up only once the server holds the request (a fixed timeout could fire before it arrives on
    // a busy machine). The poll limits only guard against a hang.
    await expect.poll(() => fault.fired, { timeout: 60_000 }).toBe(1);
    controller.abort();
    await expect(pending).rejects.toThrow();
    await expect.poll(() => server.emulator.log.at(-1), { timeout: 60_000 }).toMatchObject({ status: 0, fault: true });
  });

  it("answers non-fetch clients too (node:http)", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.url}/licensing/tenantCapacity?api-version=2024-10-01`, { headers: { authorization: "Bearer x" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(200);
  });
});
