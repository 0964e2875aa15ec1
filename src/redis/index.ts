/**
 * `power-platform-admin/redis`: one rate budget shared by every process that runs as the same identity,
 * kept in Redis. Needs the optional peer `ioredis` when given a `url`.
 */
export {
  RedisRateLimiter,
  RATE_LIMITER_CLOSED,
  RATE_LIMITER_UNAVAILABLE,
  type RedisRateLimiterEvent,
  type RedisRateLimiterOptions,
} from "./redisRateLimiter.js";
export type { RedisScriptClient } from "./connection.js";
