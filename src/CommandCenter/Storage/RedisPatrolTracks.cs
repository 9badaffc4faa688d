using System.Globalization;
using CommandCenter.Grains.Members;
using StackExchange.Redis;

namespace CommandCenter.Storage;

/// <summary>
/// The Redis profile's patrol tracks: a sorted set per member whose members are "ticks|lat|lon", ticks
/// zero-padded to 19 digits and every score 0, so text order is time order without rounding 100-ns ticks
/// to a double (as the ledger's time indexes do). Redis is durable per write (AOF, appendfsync always).
/// </summary>
public sealed class RedisPatrolTracks(IConnectionMultiplexer redis, RedisLedgerKeys keys) : IPatrolTracks
{
    private IDatabase Db => redis.GetDatabase();

    private RedisKey Key(string memberId) => keys.Track(memberId);

    public Task Append(string memberId, IReadOnlyList<Fix> fixes) => fixes.Count == 0
        ? Task.CompletedTask
        : Db.SortedSetAddAsync(Key(memberId), fixes.Select(f => new SortedSetEntry(Member(f), 0)).ToArray());

    public async Task<IReadOnlyList<Fix>> Between(string memberId, DateTimeOffset from, DateTimeOffset to)
    {
        // Bounds end in "|": a bound of digits alone would travel as a number and lose its leading zero.
        var members = await Db.SortedSetRangeByValueAsync(Key(memberId), Ticks(from.UtcTicks) + "|", Ticks(to.UtcTicks) + "|~", Exclude.None);
        return members.Select(m => Parse(m!)).ToList();
    }

    public async Task<Fix?> Last(string memberId)
    {
        var last = await Db.SortedSetRangeByRankAsync(Key(memberId), -1, -1);
        return last.Length == 0 ? null : Parse(last[0]!);
    }

    public Task Forget(string memberId, DateTimeOffset before) =>
        Db.SortedSetRemoveRangeByValueAsync(Key(memberId), default, Ticks(before.UtcTicks) + "|", Exclude.Stop);

    /// <summary>Every track key (SCAN, a page at a time on every primary), each trimmed by value like <see cref="Forget"/>.</summary>
    public async Task<long> ForgetAll(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        long dropped = 0;
        foreach (var endpoint in redis.GetEndPoints())
        {
            var server = redis.GetServer(endpoint);
            if (server.IsReplica || !server.IsConnected) continue;
            await foreach (var key in server.KeysAsync(Db.Database, keys.TrackPattern, pageSize: 500).WithCancellation(cancellationToken))
                dropped += await Db.SortedSetRemoveRangeByValueAsync(key, default, Ticks(before.UtcTicks) + "|", Exclude.Stop);
        }
        return dropped;
    }

    private static string Ticks(long ticks) => ticks.ToString("D19", CultureInfo.InvariantCulture);

    private static string Member(Fix f) => FormattableString.Invariant($"{Ticks(f.At.UtcTicks)}|{f.Lat:R}|{f.Lon:R}");

    private static Fix Parse(string member)
    {
        var parts = member.Split('|');
        return new Fix(double.Parse(parts[1], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture),
            new DateTimeOffset(long.Parse(parts[0], CultureInfo.InvariantCulture), TimeSpan.Zero));
    }
}
