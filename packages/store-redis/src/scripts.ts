// The Lua scripts every write and lease change goes through. A script runs atomically in Redis:
// nothing else happens between its fencing check and its writes (MULTI/EXEC with WATCH would
// only detect a change, and needs a round trip per attempt).

/**
 * Whether ARGV[1] may write: it holds the lease, or the lease expired and nobody took the
 * account since (the fence counter is still this token). A paused worker whose lease another
 * worker took fails this check for good: the counter moved past its token.
 */
const FENCE_CHECK = `
local held = redis.call('HGET', KEYS[LEASE], 'token')
if held ~= ARGV[1] and not (held == false and redis.call('GET', KEYS[FENCE]) == ARGV[1]) then
  return redis.error_reply('WXBOT_LEASE_LOST fencing token ' .. ARGV[1] .. ' is stale (the lease is held by token ' .. tostring(held) .. ')')
end
`;

/**
 * One write group. KEYS: lease, fence, log, meta. ARGV: token, seq, mode ('a' append |
 * 'r' replace: compaction), records... Returns 1 when applied, 0 when the group was applied
 * before (a retry after a lost answer): a write is idempotent by its sequence number.
 */
export const WRITE_LUA = `${FENCE_CHECK.replace('KEYS[LEASE]', 'KEYS[1]').replace('KEYS[FENCE]', 'KEYS[2]')}
local seq = tonumber(ARGV[2])
local last = tonumber(redis.call('HGET', KEYS[4], 'seq') or '0')
if seq <= last then
  -- Rewritten so that a WAIT after a retry covers this group too (a write on this connection).
  redis.call('HSET', KEYS[4], 'seq', last)
  return 0
end
if ARGV[3] == 'r' then redis.call('DEL', KEYS[3]) end
local n = #ARGV
local i = 4
while i <= n do
  local j = math.min(i + 999, n)
  redis.call('RPUSH', KEYS[3], unpack(ARGV, i, j))
  i = j + 1
end
redis.call('HSET', KEYS[4], 'seq', seq)
return 1
`;

/**
 * Take a free lease. KEYS: lease, fence. ARGV: owner, ttlMs, nowMs. Returns
 * {token, owner, pttl}: token 0 when another worker holds it (owner and pttl are then theirs).
 */
export const ACQUIRE_LUA = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  return {0, redis.call('HGET', KEYS[1], 'owner') or '', redis.call('PTTL', KEYS[1])}
end
local token = redis.call('INCR', KEYS[2])
redis.call('HSET', KEYS[1], 'token', token, 'owner', ARGV[1], 'since', ARGV[3], 'renewed', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {token, ARGV[1], tonumber(ARGV[2])}
`;

/**
 * Extend a held lease. KEYS: lease, fence. ARGV: token, ttlMs, nowMs, owner. Returns 1 (extended),
 * 2 (it had expired and nobody took it: recreated with the same token), 0 (lost). The owner is
 * checked too: after a failover that lost an acquisition, another worker may have been handed
 * the same token number, and this renewal must not take that lease for its own.
 */
export const RENEW_LUA = `
local held = redis.call('HGET', KEYS[1], 'token')
if held == ARGV[1] and redis.call('HGET', KEYS[1], 'owner') == ARGV[4] then
  redis.call('HSET', KEYS[1], 'renewed', ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if held == false and redis.call('GET', KEYS[2]) == ARGV[1] then
  redis.call('HSET', KEYS[1], 'token', ARGV[1], 'owner', ARGV[4], 'since', ARGV[3], 'renewed', ARGV[3])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 2
end
return 0
`;

/** Give a held lease back. KEYS: lease. ARGV: token. Returns 1 if it was ours. */
export const RELEASE_LUA = `
if redis.call('HGET', KEYS[1], 'token') == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
`;

/**
 * Keep media bytes for a queued send, fenced like every write. KEYS: lease, fence, media key.
 * ARGV: token, bytes, ttlMs. Returns 1.
 */
export const MEDIA_LUA = `${FENCE_CHECK.replace('KEYS[LEASE]', 'KEYS[1]').replace('KEYS[FENCE]', 'KEYS[2]')}
redis.call('SET', KEYS[3], ARGV[2], 'PX', ARGV[3])
return 1
`;
