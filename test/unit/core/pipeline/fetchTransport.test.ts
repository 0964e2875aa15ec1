import { afterEach, describe, expect, it, vi } from "vitest";
import { fetchTransport } from "../../../../src/core/pipeline/fetchTransport.js";
import { request } from "./policyHarness.js";

afterEach(() => vi.unstubAllGlobals());

describe("fetchTransport", () => {
  it("sends with redirect: manual and the attempt's signal, leaving the body unread", async () => {
    const impl = vi.fn(async () => new Response("{}", { status: 200 }));
    const req = request({ method: "POST", body: "{}" });
    const attempt = new AbortController();
    req.attemptSignal = attempt.signal;
    const response = await fetchTransport(impl as unknown as typeof fetch)(req);
    expect(impl).toHaveBeenCalledWith(req.url, expect.objectContaining({ method: "POST", body: "{}", redirect: "manual", signal: attempt.signal }));
    expect(response.raw?.bodyUsed).toBe(false);
    expect(await response.body.text()).toBe("{}");
  });

  it("looks up globalThis.fetch on every send when none was given", async () => {
    const send = fetchTransport();
    const late = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal("fetch", late);
    expect((await send(request())).status).toBe(204);
    expect(late).toHaveBeenCalledTimes(1);
  });
});
