/**
 * Credential types shaped like @azure/core-auth's, so any @azure/identity credential fits without
 * this package importing (or depending on) the Azure packages.
 */

/** An access token and when it expires. Compatible with @azure/core-auth `AccessToken`. */
export interface AccessToken {
  /** The bearer token. */
  token: string;
  /** Expiry, in ms since the Unix epoch. */
  expiresOnTimestamp: number;
  /** When to refresh proactively, in ms since the Unix epoch. */
  refreshAfterTimestamp?: number;
  /** Token type; only `"Bearer"` is used here. */
  tokenType?: "Bearer" | "pop";
}

/** Options for {@link TokenCredential.getToken}. Compatible with @azure/core-auth `GetTokenOptions`. */
export interface GetTokenOptions {
  /** Cancels the token request. */
  abortSignal?: AbortSignal;
  /** Extra claims from a claims challenge (decoded JSON). */
  claims?: string;
  /** Ask for a token that supports continuous access evaluation. */
  enableCae?: boolean;
  /** Tenant to request the token from. */
  tenantId?: string;
}

/** Anything that can issue tokens, such as every @azure/identity credential. */
export interface TokenCredential {
  /** Gets a token for `scopes`, or null when none could be obtained. */
  getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null>;
}

const IDENTITY_PACKAGE = "@azure/identity";

/**
 * A credential that loads `@azure/identity` on first use and delegates to its
 * `DefaultAzureCredential`. The package is an optional peer dependency, so it is imported lazily:
 * users who pass their own `credential` never need it installed.
 */
export function defaultCredential(): TokenCredential {
  let loading: Promise<TokenCredential> | undefined;
  const load = async (): Promise<TokenCredential> => {
    let identity: typeof import("@azure/identity");
    try {
      identity = await import(IDENTITY_PACKAGE);
    } catch (cause) {
      throw new Error(
        `No credential was given and the optional package ${IDENTITY_PACKAGE} could not be loaded ` +
          `to create a DefaultAzureCredential. Fix: install ${IDENTITY_PACKAGE}, or pass \`credential\` ` +
          `(any TokenCredential).`,
        { cause },
      );
    }
    return new identity.DefaultAzureCredential();
  };
  return {
    async getToken(scopes, options) {
      // A failed load is forgotten so a later call can try again (e.g. after installing the package).
      loading ??= load().catch((error: unknown) => {
        loading = undefined;
        throw error;
      });
      return (await loading).getToken(scopes, options);
    },
  };
}
