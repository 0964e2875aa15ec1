/**
 * The Lua scripts behind {@link RedisRateLimiter}. Each runs atomically inside Redis and reads the
 * time from the server's `TIME`, so every process sharing a key agrees on one clock whatever its
 * host's clock says. Times are milliseconds since the epoch with a microsecond fraction.
 */
import { createHash } from "node:crypto";

/** A Lua script with its SHA-1, for EVALSHA with an EVAL fallback. */
export interface LuaScript {
  readonly source: string;
  readonly sha1: string;
}

function script(source: string): LuaScript {
  return { source, sha1: createHash("sha1").update(source).digest("hex") };
}

// Redis before 5 replicates scripts verbatim and refuses writes after TIME unless effects replication
// is switched on; from 5 on that is the default and the call is a harmless no-op.
const PRELUDE = `
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
`;

/**
 * Admits up to `want` dispatches now.
 *
 * KEYS[1] the sliding log (sorted set: member = unique id per dispatch; score = the Redis time the
 * dispatch stops being "in flight": first admission + lease, then its release time, see RELEASE);
 * KEYS[2] the pause key (the Redis time until which nothing may be dispatched).
 * ARGV: limit, span (window + safety margin, ms), want, member prefix, first member sequence number,
 * lease (ms).
 *
 * An entry counts while its score is within `span` of now, so a call counts from its admission until a
 * span after its release (or after its lease, if its process never released it: it crashed). Returns
 * `{granted, waitMs, nowMs, inFlight}`: `granted` entries were added with members prefix..seq+i; when
 * fewer than `want`, `waitMs` is how long until the entry that blocks leaves the span (or the pause
 * ends), and `inFlight` is 1 when that entry is a call still in flight (its release, in any process,
 * may come much sooner). Entries at or before `now - span` are trimmed first, and the log expires
 * after its longest-lived entry, so it never holds more than `limit` live entries nor outlives its use.
 */
export const ACQUIRE = script(`${PRELUDE}
local pausedUntil = tonumber(redis.call('GET', KEYS[2]))
if pausedUntil and pausedUntil > now then
  return {0, string.format('%.3f', pausedUntil - now), string.format('%.3f', now), 0}
end
local limit = tonumber(ARGV[1])
local span = tonumber(ARGV[2])
local want = tonumber(ARGV[3])
local seq = tonumber(ARGV[5])
local lease = tonumber(ARGV[6])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - span)
local count = redis.call('ZCARD', KEYS[1])
local granted = math.max(0, math.min(want, limit - count))
for i = 0, granted - 1 do
  redis.call('ZADD', KEYS[1], now + lease, ARGV[4] .. (seq + i))
end
count = count + granted
if granted > 0 then redis.call('PEXPIRE', KEYS[1], math.ceil(lease + span) + 1000) end
local wait = 0
local inFlight = 0
if granted < want then
  local blocking = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
  local score = tonumber(blocking[2])
  wait = score + span - now
  if score > now then inFlight = 1 end
end
return {granted, string.format('%.3f', wait), string.format('%.3f', now), inFlight}
`);

/**
 * Marks dispatches as answered: each listed entry still in the log (KEYS[1]) gets the Redis time now as
 * its score, so it counts for one more span from now. ARGV: the members.
 */
export const RELEASE = script(`${PRELUDE}
for i = 1, #ARGV do
  redis.call('ZADD', KEYS[1], 'XX', now, ARGV[i])
end
return #ARGV
`);

/**
 * Pauses the budget for every process: KEYS[1] the pause key, ARGV[1] the pause in ms. A pause never
 * shortens one already in force. Returns the Redis time the pause ends.
 */
export const PAUSE = script(`${PRELUDE}
local ms = tonumber(ARGV[1])
local untilMs = now + ms
local current = tonumber(redis.call('GET', KEYS[1]))
if current == nil or untilMs > current then
  redis.call('SET', KEYS[1], string.format('%.3f', untilMs), 'PX', math.ceil(ms) + 1)
  current = untilMs
end
return string.format('%.3f', current)
`);

/** Gives back admitted entries nobody used (their waiters aborted meanwhile): KEYS[1] the log, ARGV the members. */
export const GIVE_BACK = script(`
return redis.call('ZREM', KEYS[1], unpack(ARGV))
`);
