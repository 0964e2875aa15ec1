/**
 * How the policy that raised an error tells the retry policy whether the request may go again. The
 * policy that knows why a try failed (a status, a broken connection, a timeout, a credential)
 * labels its error; the retry policy only reads labels, so it never re-derives HTTP semantics.
 */

/**
 * `any`: the service certainly did not act (429, nothing sent) — any method may be re-sent.
 * `idempotent`: transient, but the service may have acted — only idempotent methods go again.
 */
export type Resend = "any" | "idempotent";

/** What the retry policy may do about an error. */
export interface ResendHint {
  resend?: Resend;
  /** A claims challenge: re-send once with a token carrying these claims. */
  claims?: string;
}

const hints = new WeakMap<object, ResendHint>();

/** Labels `error` and returns it (an error without a label is final). */
export function withResendHint<E extends object>(error: E, hint: ResendHint): E {
  hints.set(error, hint);
  return error;
}

/** The label of `error`, if a policy gave it one. */
export function resendHintOf(error: unknown): ResendHint | undefined {
  return typeof error === "object" && error !== null ? hints.get(error) : undefined;
}
