import type { AccessToken, TokenCredential } from "./credential.js";

/** Options for {@link createTokenCache}. */
export interface TokenCacheOptions {
  /** Wall-clock time in ms since the epoch (token expiries are epoch times). Default `Date.now`. */
  now?: () => number;
  /** Refresh in the background this long before expiry. Default 120 000 (2 min). */
  refreshWindowInMs?: number;
  /** After a failed refresh, try again this often until the old token expires. Default 3000. */
  retryIntervalInMs?: number;
  /** Waits between refresh attempts. Default: a `setTimeout` promise. */
  sleep?: (ms: number) => Promise<void>;
}

/** Options for one {@link TokenCache.getToken} call. */
export interface TokenRequestOptions {
  /** Claims from a claims challenge (decoded JSON): drop the cached token and get one carrying them. */
  claims?: string;
  /** Stops this caller waiting; a refresh shared with other callers keeps going. */
  abortSignal?: AbortSignal;
}

/** A per-scope bearer-token cache in front of a {@link TokenCredential}. */
export interface TokenCache {
  /** Returns a usable bearer token for `scope`, refreshing as needed. */
  getToken(scope: string, options?: TokenRequestOptions): Promise<string>;
}

// Within this margin of expiry a token is treated as expired: it might lapse in flight.
const FORCED_REFRESH_WINDOW_IN_MS = 1000;

interface Refresh {
  promise: Promise<AccessToken>;
  claims: string | undefined;
}

interface Entry {
  token: AccessToken | null;
  refresh: Refresh | null;
}

/**
 * Creates a token cache that behaves like @azure/core-rest-pipeline's token cycler, per scope:
 * callers wait only when there is no token or it is about to expire; inside the refresh window
 * they get the cached token while one background refresh runs; concurrent callers share one
 * in-flight `getToken`; a failed background refresh is retried every `retryIntervalInMs` and the
 * old token is served until it expires. Tokens are requested with `enableCae: true`.
 */
export function createTokenCache(credential: TokenCredential, options: TokenCacheOptions = {}): TokenCache {
  const now = options.now ?? Date.now;
  const refreshWindowInMs = options.refreshWindowInMs ?? 120_000;
  const retryIntervalInMs = options.retryIntervalInMs ?? 3000;
  // The default timer is unref'd: a refresh retrying in the background never keeps a finished script alive.
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.()));
  for (const [name, value] of [["refreshWindowInMs", refreshWindowInMs], ["retryIntervalInMs", retryIntervalInMs]] as const) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  }
  const entries = new Map<string, Entry>();

  const entryFor = (scope: string): Entry => {
    let entry = entries.get(scope);
    if (!entry) {
      entry = { token: null, refresh: null };
      entries.set(scope, entry);
    }
    return entry;
  };

  const fetchToken = async (scope: string, claims: string | undefined, deadline: number): Promise<AccessToken> => {
    for (;;) {
      let failure: unknown;
      let token: AccessToken | null = null;
      try {
        token = await credential.getToken(scope, claims === undefined ? { enableCae: true } : { enableCae: true, claims });
      } catch (error) {
        failure = error;
      }
      if (token && typeof token.token === "string" && token.token !== "") return token;
      // Keep trying while the previous token still works; with none cached, fail at once.
      if (now() >= deadline) {
        if (failure === undefined) throw new Error(`The credential returned no access token for scope "${scope}".`);
        const reason = failure instanceof Error ? failure.message : String(failure);
        throw new Error(`Could not get an access token for scope "${scope}": ${reason}`, { cause: failure });
      }
      await sleep(retryIntervalInMs);
    }
  };

  const startRefresh = (entry: Entry, scope: string, claims: string | undefined): Refresh => {
    const refresh: Refresh = {
      promise: fetchToken(scope, claims, entry.token?.expiresOnTimestamp ?? now()),
      claims,
    };
    entry.refresh = refresh;
    refresh.promise.then(
      (token) => {
        if (entry.refresh !== refresh) return; // superseded by a claims refresh
        entry.refresh = null;
        entry.token = token;
      },
      () => {
        if (entry.refresh !== refresh) return;
        entry.refresh = null;
        entry.token = null; // the next caller starts a fresh attempt
      },
    );
    return refresh;
  };

  return {
    getToken(scope, { claims, abortSignal } = {}) {
      if (abortSignal?.aborted) return Promise.reject(abortSignal.reason);
      const entry = entryFor(scope);
      if (claims !== undefined) {
        // A claims challenge invalidates the cached token; callers with the same claims share one fetch.
        if (entry.refresh?.claims !== claims) {
          entry.token = null;
          startRefresh(entry, scope, claims);
        }
        return waitFor(entry.refresh!.promise, abortSignal);
      }
      const token = entry.token;
      const time = now();
      if (!token || token.expiresOnTimestamp - FORCED_REFRESH_WINDOW_IN_MS < time) {
        const refresh = entry.refresh ?? startRefresh(entry, scope, undefined);
        return waitFor(refresh.promise, abortSignal);
      }
      const dueForRefresh =
        token.expiresOnTimestamp - refreshWindowInMs < time ||
        (token.refreshAfterTimestamp !== undefined && token.refreshAfterTimestamp < time);
      if (dueForRefresh && !entry.refresh) {
        // Background refresh: its failure is handled in startRefresh; callers keep the cached token.
        startRefresh(entry, scope, undefined).promise.catch(() => undefined);
      }
      return Promise.resolve(token.token);
    },
  };
}

/** Resolves with the token string, or rejects early with the signal's reason. */
function waitFor(promise: Promise<AccessToken>, signal: AbortSignal | undefined): Promise<string> {
  if (!signal) return promise.then((t) => t.token);
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (t) => {
        signal.removeEventListener("abort", onAbort);
        resolve(t.token);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
