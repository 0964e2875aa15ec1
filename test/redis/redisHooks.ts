/**
 * Redis for a test file. The shared one is the server CI starts (`REDIS_URL`, exported by .ci/run)
 * or, locally, one started for the file; a file can also have a server of its own to stop and
 * restart. There is no skipping: without REDIS_URL and without the binary the tests fail and say how
 * to fix it.
 */
import { afterAll, beforeAll } from "vitest";
import { startRedisServer, type RedisServer } from "./redisServer.js";

/** For a test file: REDIS_URL when set (CI), else a redis-server started for the file and stopped after it. */
export function useSharedRedis(): () => string {
  let url: string | undefined;
  let own: RedisServer | undefined;
  beforeAll(async () => {
    url = process.env.REDIS_URL ?? (own = await startRedisServer()).url;
  });
  afterAll(() => own?.stop());
  return () => url!;
}

/** For a test file: a redis-server of its own, to stop and restart; stopped after the file. */
export function useOwnRedis(): () => RedisServer {
  let own: RedisServer | undefined;
  beforeAll(async () => {
    own = await startRedisServer();
  });
  afterAll(() => own?.stop());
  return () => own!;
}
