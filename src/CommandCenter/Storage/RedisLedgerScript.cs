namespace CommandCenter.Storage;

/// <summary>
/// The Redis ledger's one write, as a Lua script: Redis runs it whole and alone, and with
/// appendfsync=always its effects are in the AOF, fsynced, before the reply. It checks that the
/// events continue the incident's sequence (else nothing is written), appends them, writes the
/// summary, and moves the incident between indexes: entries it left are removed, entries it joined
/// are added, and the memberships hash remembers where it is for the next append.
/// </summary>
/// <remarks>
/// KEYS: events list, summary, memberships hash, timeline.
/// ARGV: expected last sequence, incident id, summary JSON, event count n, n event JSONs,
/// n timeline members, then triples (kind, key, member) of the indexes the incident is in now:
/// kind "s" = set of ids, "l" = lex-sorted set (score 0), "g:lon:lat" = geo set, or a number = sorted set with that score;
/// "p" = a set of ids joined for good (never left, so not remembered in the memberships hash).
/// Returns -1 when written, else the sequence the ledger is at.
/// </remarks>
public static class RedisLedgerScript
{
    public const string Append = """
        local last = redis.call('LLEN', KEYS[1])
        if last ~= tonumber(ARGV[1]) then return last end
        local id = ARGV[2]
        local n = tonumber(ARGV[4])
        for i = 1, n do
          redis.call('RPUSH', KEYS[1], ARGV[4 + i])
          redis.call('ZADD', KEYS[4], 0, ARGV[4 + n + i])
        end
        redis.call('SET', KEYS[2], ARGV[3])

        local function remove(key, kind, member)
          if kind == 's' then redis.call('SREM', key, member) else redis.call('ZREM', key, member) end
        end
        local function add(key, kind, member)
          if kind == 's' or kind == 'p' then redis.call('SADD', key, member)
          elseif kind == 'l' then redis.call('ZADD', key, 0, member)
          elseif string.sub(kind, 1, 2) == 'g:' then
            local lon, lat = string.match(kind, '^g:([^:]+):([^:]+)$')
            redis.call('GEOADD', key, lon, lat, member)
          else redis.call('ZADD', key, tonumber(kind), member) end
        end

        local wanted = {}
        for i = 5 + 2 * n, #ARGV, 3 do
          if ARGV[i] == 'p' then add(ARGV[i + 1], 'p', ARGV[i + 2])
          else wanted[ARGV[i + 1]] = ARGV[i] .. '\n' .. ARGV[i + 2] end
        end
        local before = redis.call('HGETALL', KEYS[3])
        for i = 1, #before, 2 do
          local key, entry = before[i], before[i + 1]
          if wanted[key] ~= entry then
            local cut = string.find(entry, '\n', 1, true)
            remove(key, string.sub(entry, 1, cut - 1), string.sub(entry, cut + 1))
          end
        end
        redis.call('DEL', KEYS[3])
        for key, entry in pairs(wanted) do
          local cut = string.find(entry, '\n', 1, true)
          add(key, string.sub(entry, 1, cut - 1), string.sub(entry, cut + 1))
          redis.call('HSET', KEYS[3], key, entry)
        end
        return -1
        """;
}
