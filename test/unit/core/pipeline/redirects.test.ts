import { describe, expect, it } from "vitest";
import { PowerPlatformError } from "../../../../src/core/errors.js";
import { redirectPolicy } from "../../../../src/core/pipeline/redirects.js";
import { answer, request, scriptedNext, URL_ } from "./policyHarness.js";

const to = (location: string, status = 302) => (req: Parameters<typeof answer>[0]) => answer(req, status, { location });

describe("redirectPolicy", () => {
  it("follows a redirect within the request's origin", async () => {
    const { next, seen } = scriptedNext(to("/licensing/moved?x=1"), answer);
    const response = await redirectPolicy().sendRequest(request(), next);
    expect(response.status).toBe(200);
    expect(seen.map((s) => s.url)).toEqual([URL_, "https://api.powerplatform.com/licensing/moved?x=1"]);
  });

  it("refuses a redirect to another origin without following it (ForeignNextLink)", async () => {
    const { next, seen } = scriptedNext(to("https://evil.example/steal"), answer);
    await expect(redirectPolicy().sendRequest(request(), next)).rejects.toMatchObject({ code: "ForeignNextLink" });
    expect(seen).toHaveLength(1);
  });

  it("refuses a Location with user info, and no error text holds the password", async () => {
    const { next } = scriptedNext(to("https://user:hunter2@api.powerplatform.com/x"));
    const error = await redirectPolicy().sendRequest(request(), next).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain("hunter2");
  });

  it("stops a redirect loop with one RedirectLoop error", async () => {
    const { next, seen } = scriptedNext(to("/b"), to(URL_), answer);
    await expect(redirectPolicy().sendRequest(request(), next)).rejects.toMatchObject({ code: "RedirectLoop", status: 302 });
    expect(seen).toHaveLength(2);
  });

  it("follows at most maxRedirects hops", async () => {
    const { next, seen } = scriptedNext(to("/1"), to("/2"), to("/3"), answer);
    await expect(redirectPolicy({ maxRedirects: 2 }).sendRequest(request(), next)).rejects.toMatchObject({ code: "RedirectLoop" });
    expect(seen).toHaveLength(3);
  });

  it("continues a 303 as a GET without a body, and re-sends method and body on a 307", async () => {
    const a = scriptedNext(to("/done", 303), answer);
    await redirectPolicy().sendRequest(request({ method: "POST", body: "{}" }), a.next);
    expect(a.seen[1]).toMatchObject({ method: "GET", body: undefined });
    const b = scriptedNext(to("/again", 307), answer);
    await redirectPolicy().sendRequest(request({ method: "POST", body: "{}" }), b.next);
    expect(b.seen[1]).toMatchObject({ method: "POST", body: "{}" });
  });

  it("reports a 3xx without a Location as the service's error", async () => {
    const { next } = scriptedNext((req) => answer(req, 300));
    await expect(redirectPolicy().sendRequest(request(), next)).rejects.toMatchObject({ status: 300, code: "Http300" });
  });
});
