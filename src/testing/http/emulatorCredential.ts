/**
 * Bearer-token checks of the emulator and a credential that satisfies them.
 */
import { EmulatorHttpError } from "./wire.js";

/** The token {@link emulatorCredential} hands out unless told otherwise. */
export const EMULATOR_TOKEN = "emulator-token";

/** The `AccessToken` shape of `@azure/core-auth`. */
export interface EmulatorAccessToken {
  token: string;
  expiresOnTimestamp: number;
  tokenType?: "Bearer";
}

/** Structurally a `TokenCredential` of `@azure/core-auth`, without depending on it. */
export interface EmulatorCredential {
  getToken(scopes: string | string[], options?: unknown): Promise<EmulatorAccessToken>;
}

const TEN_YEARS_MS = 10 * 365 * 24 * 60 * 60 * 1000;

/**
 * A `TokenCredential` for the emulator: every scope gets the same fixed token (`emulator-token` by
 * default; pass another to give a second caller its own throttle budget) with an expiry ten years out.
 */
export function emulatorCredential(token: string = EMULATOR_TOKEN): EmulatorCredential {
  return {
    getToken: async () => ({ token, expiresOnTimestamp: Date.now() + TEN_YEARS_MS, tokenType: "Bearer" }),
  };
}

/** The bearer token of an `Authorization` header value, or `null` when it is not a usable `Bearer` one. */
export function bearerTokenOf(authorization: string | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match?.[1] ?? null;
}

/** The 401 for a request without a bearer token, with the `WWW-Authenticate` challenge. */
export function unauthenticated(): EmulatorHttpError {
  return new EmulatorHttpError(
    401,
    { error: { code: "AuthenticationFailed", message: "Authentication failed. The 'Authorization' header is missing or is not a Bearer token." } },
    { "WWW-Authenticate": 'Bearer authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", error="invalid_token"' },
  );
}
