import { describe, expect, it, vi } from "vitest";
import type { AccessToken, GetTokenOptions, TokenCredential } from "../../../src/core/credential.js";
import { createTokenCache } from "../../../src/core/tokenCache.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * A credential whose answers the test controls. Each getToken call is recorded; by default it
 * answers at once with token-1, token-2, … valid for an hour from the fake "now".
 */
function fakeCredential(clock: { now: number }) {
  const calls: { scopes: string | string[]; options: GetTokenOptions | undefined }[] = [];
  let issued = 0;
  let next: ((scopes: string | string[], options?: GetTokenOptions) => Promise<AccessToken | null>) | undefined;
  const credential: TokenCredential = {
    getToken(scopes, options) {
      calls.push({ scopes, options });
      if (next) return next(scopes, options);
      issued++;
      return Promise.resolve({ token: `token-${issued}`, expiresOnTimestamp: clock.now + HOUR });
    },
  };
  return {
    credential,
    calls,
    /** Replaces how getToken answers from now on. */
    answerWith(fn: typeof next) {
      next = fn;
    },
  };
}

/** A promise the test resolves by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup() {
  const clock = { now: Date.UTC(2026, 0, 1) };
  const fake = fakeCredential(clock);
  const sleeps: number[] = [];
  // Simulated time: a sleep moves the fake wall clock forward instead of waiting.
  const sleep = (ms: number) => {
    sleeps.push(ms);
    clock.now += ms;
    return Promise.resolve();
  };
  const cache = createTokenCache(fake.credential, { now: () => clock.now, sleep });
  return { clock, fake, cache, sleeps };
}

const SCOPE = "https://api.powerplatform.com/.default";

describe("createTokenCache: sharing and caching", () => {
  it("1000 concurrent callers share one getToken", async () => {
    const { fake, cache } = setup();
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => cache.getToken(SCOPE)));
    expect(fake.calls).toHaveLength(1);
    expect(new Set(tokens)).toEqual(new Set(["token-1"]));
  });

  it("asks for the scope with continuous access evaluation enabled", async () => {
    const { fake, cache } = setup();
    await cache.getToken(SCOPE);
    expect(fake.calls[0]).toEqual({ scopes: SCOPE, options: { enableCae: true } });
  });

  it("serves the cached token without calling the credential while it is fresh", async () => {
    const { clock, fake, cache } = setup();
    await cache.getToken(SCOPE);
    clock.now += 50 * MINUTE; // still more than 2 min before expiry
    expect(await cache.getToken(SCOPE)).toBe("token-1");
    expect(fake.calls).toHaveLength(1);
  });

  it("keeps one entry per scope", async () => {
    const { fake, cache } = setup();
    const [a, b] = await Promise.all([cache.getToken(SCOPE), cache.getToken("https://service.powerapps.com/.default")]);
    expect(a).not.toBe(b);
    expect(fake.calls.map((c) => c.scopes)).toEqual([SCOPE, "https://service.powerapps.com/.default"]);
    expect(await cache.getToken(SCOPE)).toBe(a);
    expect(fake.calls).toHaveLength(2);
  });
});

describe("createTokenCache: refresh", () => {
  it("inside the 2-minute window: serves the cached token and refreshes once in the background", async () => {
    const { clock, fake, cache } = setup();
    await cache.getToken(SCOPE);
    const refresh = deferred<AccessToken>();
    fake.answerWith(() => refresh.promise);
    clock.now += HOUR - 90_000; // 90 s before expiry

    const during = await Promise.all([cache.getToken(SCOPE), cache.getToken(SCOPE), cache.getToken(SCOPE)]);
    expect(during).toEqual(["token-1", "token-1", "token-1"]);
    expect(fake.calls).toHaveLength(2); // one background refresh, not three

    refresh.resolve({ token: "refreshed", expiresOnTimestamp: clock.now + HOUR });
    await flush();
    expect(await cache.getToken(SCOPE)).toBe("refreshed");
    expect(fake.calls).toHaveLength(2);
  });

  it("refreshes in the background once refreshAfterTimestamp has passed, even long before expiry", async () => {
    const { clock, fake, cache } = setup();
    fake.answerWith(() =>
      Promise.resolve({ token: "early", expiresOnTimestamp: clock.now + HOUR, refreshAfterTimestamp: clock.now + 10 * MINUTE }),
    );
    await cache.getToken(SCOPE);
    fake.answerWith(() => Promise.resolve({ token: "second", expiresOnTimestamp: clock.now + HOUR }));

    clock.now += 11 * MINUTE;
    expect(await cache.getToken(SCOPE)).toBe("early");
    await flush();
    expect(await cache.getToken(SCOPE)).toBe("second");
    expect(fake.calls).toHaveLength(2);
  });

  it("makes callers wait for a new token once the old one is within 1 s of expiry", async () => {
    const { clock, fake, cache } = setup();
    await cache.getToken(SCOPE);
    clock.now += HOUR - 500;
    expect(await cache.getToken(SCOPE)).toBe("token-2");
    expect(fake.calls).toHaveLength(2);
  });

  it("makes callers wait after expiry, sharing one getToken", async () => {
    const { clock, fake, cache } = setup();
    await cache.getToken(SCOPE);
    clock.now += 2 * HOUR;
    const tokens = await Promise.all(Array.from({ length: 10 }, () => cache.getToken(SCOPE)));
    expect(new Set(tokens)).toEqual(new Set(["token-2"]));
    expect(fake.calls).toHaveLength(2);
  });
});

describe("createTokenCache: claims challenges", () => {
  it("drops the cached token and fetches one carrying the claims", async () => {
    const { fake, cache } = setup();
    await cache.getToken(SCOPE);
    const claims = '{"access_token":{"nbf":{"essential":true,"value":"1726161576"}}}';
    expect(await cache.getToken(SCOPE, { claims })).toBe("token-2");
    expect(fake.calls[1]?.options).toEqual({ enableCae: true, claims });
    // The claims-bearing token is now the cached one.
    expect(await cache.getToken(SCOPE)).toBe("token-2");
    expect(fake.calls).toHaveLength(2);
  });

  it("concurrent callers with the same claims share one getToken", async () => {
    const { fake, cache } = setup();
    await cache.getToken(SCOPE);
    const tokens = await Promise.all(Array.from({ length: 5 }, () => cache.getToken(SCOPE, { claims: "{}" })));
    expect(new Set(tokens)).toEqual(new Set(["token-2"]));
    expect(fake.calls).toHaveLength(2);
  });
});

describe("createTokenCache: failures", () => {
  it("rejects with a clear error when the credential fails and nothing is cached", async () => {
    const { fake, cache } = setup();
    const cause = new Error("AADSTS7000215: Invalid client secret provided.");
    fake.answerWith(() => Promise.reject(cause));
    const failure = cache.getToken(SCOPE);
    await expect(failure).rejects.toThrow(`Could not get an access token for scope "${SCOPE}": AADSTS7000215`);
    await expect(failure).rejects.toMatchObject({ cause });
    expect(fake.calls).toHaveLength(1); // no retry loop when there is no old token to fall back on
  });

  it("rejects with a clear error when the credential returns null", async () => {
    const { fake, cache } = setup();
    fake.answerWith(() => Promise.resolve(null));
    await expect(cache.getToken(SCOPE)).rejects.toThrow(`The credential returned no access token for scope "${SCOPE}".`);
  });

  it("after a failure, the next caller starts a fresh attempt", async () => {
    const { fake, cache } = setup();
    fake.answerWith(() => Promise.reject(new Error("temporary")));
    await expect(cache.getToken(SCOPE)).rejects.toThrow("temporary");
    fake.answerWith(undefined);
    expect(await cache.getToken(SCOPE)).toBe("token-1");
  });

  it("a failing background refresh keeps serving the old token, retrying every 3 s until it expires", async () => {
    const clock = { now: Date.UTC(2026, 0, 1) };
    const fake = fakeCredential(clock);
    const sleeps: number[] = [];
    const gate = deferred<void>();
    // The refresh loop's sleeps advance time only once the test opens the gate.
    const sleep = async (ms: number) => {
      await gate.promise;
      sleeps.push(ms);
      clock.now += ms;
    };
    const cache = createTokenCache(fake.credential, { now: () => clock.now, sleep });
    await cache.getToken(SCOPE);
    const expiresAt = clock.now + HOUR;
    fake.answerWith(() => Promise.reject(new Error("identity endpoint down")));

    clock.now = expiresAt - 60_000; // inside the refresh window
    expect(await cache.getToken(SCOPE)).toBe("token-1");
    await flush();
    expect(await cache.getToken(SCOPE)).toBe("token-1"); // still served while the refresh keeps failing
    expect(fake.calls).toHaveLength(2);

    gate.resolve();
    await vi.waitFor(() => expect(clock.now).toBeGreaterThanOrEqual(expiresAt), { timeout: 60_000 }); // the limit only guards against a hang
    await flush();
    expect(new Set(sleeps)).toEqual(new Set([3000]));
    expect(fake.calls).toHaveLength(2 + 60_000 / 3000); // one try every 3 s for the last minute
    // The old token has expired: the next caller waits and sees the failure.
    await expect(cache.getToken(SCOPE)).rejects.toThrow("identity endpoint down");
  });

  it("an aborted caller stops waiting without cancelling the shared refresh", async () => {
    const { fake, cache } = setup();
    const pending = deferred<AccessToken>();
    fake.answerWith(() => pending.promise);
    const controller = new AbortController();
    const aborted = cache.getToken(SCOPE, { abortSignal: controller.signal });
    const other = cache.getToken(SCOPE);
    controller.abort(new Error("no longer needed"));
    await expect(aborted).rejects.toThrow("no longer needed");
    pending.resolve({ token: "shared", expiresOnTimestamp: Date.UTC(2027, 0, 1) });
    expect(await other).toBe("shared");
    expect(fake.calls).toHaveLength(1);
  });

  it("rejects an invalid refresh window", () => {
    const { fake } = setup();
    expect(() => createTokenCache(fake.credential, { refreshWindowInMs: -1 })).toThrow(RangeError);
  });
});
