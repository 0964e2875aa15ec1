/**
 * Tokens: a credential that fails stops the call before anything is sent; a claims challenge gets one
 * fresh token carrying the claims; short-lived tokens are refreshed as they age.
 */
import { describe, expect, it, vi } from "vitest";
import { PowerPlatformError, type AccessToken, type GetTokenOptions, type TokenCredential } from "../../src/index.js";
import { emulatorCredential } from "../../src/testing/index.js";
import { adminClient, firstApp, mountEmulators, rejectionOf, requestsFor } from "./harness.js";

const { emulator } = mountEmulators({ seed: 43, throttle: false });

describe("authentication", () => {
  it("a credential that throws: code AuthenticationFailed, and no request reaches the service", async () => {
    const credential: TokenCredential = { getToken: vi.fn(async () => Promise.reject(new Error("AADSTS7000215: Invalid client secret provided."))) };
    const error = await rejectionOf(adminClient(emulator, { credential }).apps.get(firstApp(emulator)));
    expect(error).toBeInstanceOf(PowerPlatformError);
    expect(error).toMatchObject({ status: 0, code: "AuthenticationFailed" });
    expect((error as Error).message).toMatch(/Invalid client secret/);
    expect(emulator.log).toHaveLength(0);
  });

  it("a 401 claims challenge: one new token with the claims, one re-send, and the call succeeds", async () => {
    const base = emulatorCredential();
    const getToken = vi.fn((scopes: string | string[], options?: GetTokenOptions) => base.getToken(scopes, options));
    const claims = btoa("{}");
    emulator.faults.add({
      match: { operationId: "Get-AdminApp" },
      respond: {
        status: 401,
        headers: { "WWW-Authenticate": `Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="insufficient_claims", claims="${claims}"` },
        body: { error: { code: "InvalidAuthenticationToken", message: "Continuous access evaluation resulted in challenge." } },
      },
    });
    const app = await adminClient(emulator, { credential: { getToken } }).apps.get(firstApp(emulator));
    expect(app.name).toBe(firstApp(emulator).app);
    expect(requestsFor(emulator, "Get-AdminApp").map((e) => e.status)).toEqual([401, 200]);
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(getToken.mock.calls[0]![1]?.claims).toBeUndefined();
    expect(getToken.mock.calls[1]![1]).toMatchObject({ claims: "{}" });
  });

  it("a 401 without a claims challenge is not retried", async () => {
    emulator.faults.add({ match: { operationId: "Get-AdminApp" }, respond: { status: 401, body: { error: { code: "InvalidAuthenticationToken", message: "Token expired." } } } });
    await expect(adminClient(emulator).apps.get(firstApp(emulator))).rejects.toMatchObject({ status: 401 });
    expect(requestsFor(emulator, "Get-AdminApp")).toHaveLength(1);
  });

  it("tokens that expire after 1.5 s are refreshed as they age over 2.2 s, and every call succeeds", async () => {
    // Wall time (what token expiries are measured in) is faked and moved 100 ms between calls, so the
    // run covers the same 2.2 s whatever the machine's speed.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      let issued = 0;
      const getToken = vi.fn(async (): Promise<AccessToken> => ({ token: `short-lived-${++issued}`, expiresOnTimestamp: Date.now() + 1500, tokenType: "Bearer" }));
      const admin = adminClient(emulator, { credential: { getToken } });
      for (let elapsed = 0; elapsed < 2200; elapsed += 100) {
        await expect(admin.apps.get(firstApp(emulator))).resolves.toMatchObject({ name: firstApp(emulator).app });
        vi.setSystemTime(Date.now() + 100);
      }
      expect(getToken.mock.calls.length).toBeGreaterThanOrEqual(2);
      const tokens = new Set(requestsFor(emulator, "Get-AdminApp").map((e) => e.token));
      expect(tokens.size).toBeGreaterThanOrEqual(2);
      expect(requestsFor(emulator, "Get-AdminApp")).toHaveLength(22);
      expect(requestsFor(emulator, "Get-AdminApp").every((e) => e.status === 200)).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
