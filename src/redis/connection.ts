/**
 * Talking to Redis for {@link RedisRateLimiter}: the small client shape it needs, the ioredis client it
 * creates from a URL (loaded lazily: ioredis is an optional peer), script calls with an EVAL fallback,
 * and a deadline on every call so a slow or vanished Redis can never hang a caller.
 */
import type { LuaScript } from "./scripts.js";

/**
 * What the limiter needs from a Redis client: `evalsha` and `eval` in ioredis's argument order
 * (`script, numKeys, ...keysAndArgs`). An ioredis `Redis` or `Cluster` fits as is.
 */
export interface RedisScriptClient {
  evalsha(sha1: string, numKeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
  eval(script: string, numKeys: number, ...keysAndArgs: (string | number)[]): Promise<unknown>;
}

/** A client the limiter created itself, and so also connects and closes. */
export interface OwnedClient {
  readonly client: RedisScriptClient;
  /** Resolves once connected; rejects after `timeoutInMs` or when the connection is closed for good. */
  ready(timeoutInMs: number): Promise<void>;
  close(): Promise<void>;
}

const IOREDIS_PACKAGE = "ioredis";

/** Rejects with a `TimeoutError` when `promise` has not settled after `ms`. */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DOMException(`${what} did not answer within ${ms} ms`, "TimeoutError")), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Runs `script` by its SHA-1, loading it with EVAL when the server does not know it (e.g. after a restart). */
export async function runScript(client: RedisScriptClient, script: LuaScript, keys: string[], args: (string | number)[]): Promise<unknown> {
  try {
    return await client.evalsha(script.sha1, keys.length, ...keys, ...args);
  } catch (error) {
    if (!String((error as Error | undefined)?.message).startsWith("NOSCRIPT")) throw error;
    return client.eval(script.source, keys.length, ...keys, ...args);
  }
}

/** `redis://host:port/db` without user name or password, for messages. */
export function describeRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}${parsed.pathname.length > 1 ? parsed.pathname : ""}`;
  } catch {
    return "[invalid Redis URL]";
  }
}

// The part of ioredis's Redis class this module uses.
interface IoRedisLike extends RedisScriptClient {
  status: string;
  connect(): Promise<void>;
  quit(): Promise<unknown>;
  disconnect(): void;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  off(event: string, listener: (...args: unknown[]) => void): unknown;
}

/**
 * Creates an ioredis client for `url` that never queues commands while disconnected (they fail at
 * once instead), bounds connecting and every command by `timeoutInMs`, and reconnects in the
 * background after a loss. Connection errors surface through the calls, not as unhandled events.
 */
export async function createOwnedClient(url: string, timeoutInMs: number): Promise<OwnedClient> {
  let ioredis: { Redis: new (url: string, options: Record<string, unknown>) => IoRedisLike };
  try {
    ioredis = (await import(IOREDIS_PACKAGE)) as typeof ioredis;
  } catch (cause) {
    throw new Error(
      `RedisRateLimiter was given a url, which needs the optional package ${IOREDIS_PACKAGE}. ` +
        `Fix: npm install ${IOREDIS_PACKAGE}, or pass \`client\` (an existing Redis client).`,
      { cause },
    );
  }
  const redis = new ioredis.Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: timeoutInMs,
    commandTimeout: timeoutInMs,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempts: number) => Math.min(attempts * 100, 1000),
  });
  redis.on("error", () => {
    // Reported through the failing calls; an unhandled "error" event would only add noise.
  });
  return {
    client: redis,
    ready(ms) {
      if (redis.status === "ready") return Promise.resolve();
      if (redis.status === "end") return Promise.reject(new Error("the Redis connection was closed"));
      let onReady = (): void => undefined;
      let onEnd = (): void => undefined;
      let onError = (_error: unknown): void => undefined;
      const connected = new Promise<void>((resolve, reject) => {
        onReady = () => resolve();
        onEnd = () => reject(new Error("the Redis connection was closed"));
        // A refused or broken connection fails the call at once, with its reason, instead of at the deadline.
        onError = (error) => reject(error);
      });
      redis.on("ready", onReady);
      redis.on("end", onEnd);
      redis.on("error", onError as (...args: unknown[]) => void);
      // "wait" = never connected (lazyConnect); the other states reconnect on their own.
      if (redis.status === "wait") redis.connect().catch(() => undefined);
      return withDeadline(connected, ms, "Redis connection").finally(() => {
        redis.off("ready", onReady);
        redis.off("end", onEnd);
        redis.off("error", onError as (...args: unknown[]) => void);
      });
    },
    async close() {
      if (redis.status === "end") return;
      try {
        await withDeadline(redis.quit(), timeoutInMs, "Redis QUIT");
      } catch {
        redis.disconnect();
      }
    },
  };
}
