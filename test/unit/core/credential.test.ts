import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.doUnmock("@azure/identity");
  vi.resetModules();
});

describe("defaultCredential", () => {
  it("loads @azure/identity only on the first getToken, then delegates to DefaultAzureCredential", async () => {
    const constructed = vi.fn();
    const getToken = vi.fn(async () => ({ token: "t", expiresOnTimestamp: 1 }));
    vi.doMock("@azure/identity", () => ({
      DefaultAzureCredential: class {
        constructor() {
          constructed();
        }
        getToken = getToken;
      },
    }));
    const { defaultCredential } = await import("../../../src/core/credential.js");

    const credential = defaultCredential();
    expect(constructed).not.toHaveBeenCalled();

    await expect(credential.getToken("scope/.default", { enableCae: true })).resolves.toEqual({ token: "t", expiresOnTimestamp: 1 });
    await credential.getToken("scope/.default");
    expect(constructed).toHaveBeenCalledTimes(1);
    expect(getToken).toHaveBeenCalledWith("scope/.default", { enableCae: true });
  });

  it("says how to fix it when @azure/identity cannot be loaded", async () => {
    vi.doMock("@azure/identity", () => {
      throw new Error("Cannot find package '@azure/identity'");
    });
    const { defaultCredential } = await import("../../../src/core/credential.js");

    const failure = defaultCredential().getToken("scope/.default");
    await expect(failure).rejects.toThrow(/@azure\/identity/);
    await expect(failure).rejects.toThrow("install @azure/identity, or pass `credential`");
  });
});
