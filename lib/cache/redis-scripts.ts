import { createHash } from 'node:crypto';

/** A Lua script and its SHA-1 (for EVALSHA). */
export interface LuaScript {
  readonly text: string;
  readonly sha: string;
}

function lua(text: string): LuaScript {
  return { text, sha: createHash('sha1').update(text).digest('hex') };
}

/**
 * A generation counter that does not exist yet starts at the server's clock in microseconds, so one that expired
 * or was evicted never comes back at a value an old entry was stored under.
 */
const GENERATION = `
local function generation(key, ttl)
  local value = redis.call('GET', key)
  if not value then
    local t = redis.call('TIME')
    value = t[1] .. string.format('%06d', tonumber(t[2]))
    if ttl > 0 then redis.call('SET', key, value, 'PX', ttl) else redis.call('SET', key, value) end
  end
  return value
end
local function bump(key, ttl)
  generation(key, ttl)
  local value = redis.call('INCR', key)
  if ttl > 0 and redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, ttl) end
  return value
end
`;

/**
 * KEYS: entry, epoch, model generation, row generation. ARGV: row generation lifetime (ms).
 * Returns the entry (or nil) and the three generations as they are now.
 */
export const READ = lua(`${GENERATION}
local ttl = tonumber(ARGV[1])
return { redis.call('GET', KEYS[1]), generation(KEYS[2], 0), generation(KEYS[3], 0), generation(KEYS[4], ttl) }
`);

/**
 * KEYS: entry, epoch, model generation, row generation. ARGV: the three generations read before the database
 * was, the sealed entry, its lifetime (ms). Stores the entry only if no generation moved since: a reader that
 * fetched before a write committed cannot put the old row back. The row generation outlives the entry.
 */
export const PUT = lua(`
if redis.call('GET', KEYS[2]) ~= ARGV[1] or redis.call('GET', KEYS[3]) ~= ARGV[2] or redis.call('GET', KEYS[4]) ~= ARGV[3] then
  return 0
end
local ttl = tonumber(ARGV[5])
redis.call('SET', KEYS[1], ARGV[4], 'PX', ttl)
if redis.call('PTTL', KEYS[4]) < ttl + 60000 then redis.call('PEXPIRE', KEYS[4], ttl + 60000) end
return 1
`);

/**
 * KEYS: for each row, its generation followed by its entries (ARGV[1] of them). ARGV: entries per row, row
 * generation lifetime (ms), channel, message. Bumps each row's generation, deletes its entries, then publishes.
 */
export const INVALIDATE_ROWS = lua(`${GENERATION}
local per = tonumber(ARGV[1])
local ttl = tonumber(ARGV[2])
local i = 1
while i <= #KEYS do
  bump(KEYS[i], ttl)
  for j = 1, per do redis.call('DEL', KEYS[i + j]) end
  i = i + per + 1
end
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1
`);

/** KEYS: a model generation or the epoch. ARGV: channel, message. Bumps it, then publishes. */
export const BUMP = lua(`${GENERATION}
bump(KEYS[1], 0)
redis.call('PUBLISH', ARGV[1], ARGV[2])
return 1
`);
