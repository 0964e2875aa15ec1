/**
 * Puts the attempt's bearer token on the request, after the limiter slot was taken. When the request
 * waited for its slot, the token cache is asked again (a cache hit unless the token aged past its
 * refresh point while waiting), so a token never goes out stale because the budget was busy. The
 * header is removed again when the attempt ends.
 */
import type { Clock } from "../clock.js";
import { obtainToken, type BearerTokenSource } from "./bearerToken.js";
import type { PipelinePolicy } from "./pipeline.js";

/** Sets `Authorization: Bearer …` from the token the bearer-token policy obtained. */
export function authorizationPolicy(options: { tokens: BearerTokenSource; scope: string; clock: Clock }): PipelinePolicy {
  const { tokens, scope, clock } = options;
  return {
    name: "authorization",
    async sendRequest(request, next) {
      let token = request.token;
      if (token === undefined || clock.now() > token.obtainedAt) {
        token = { value: await obtainToken(tokens, scope, request), obtainedAt: clock.now() };
        request.token = token;
      }
      request.headers.set("authorization", `Bearer ${token.value}`);
      try {
        return await next(request);
      } finally {
        // Policies outside this one (a caller's too) never find the token on the request.
        request.headers.delete("authorization");
      }
    },
  };
}
