using CommandCenter.Grains.Members;
using CommandCenter.Jobs;
using CommandCenter.Storage;
using CommandCenter.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;

namespace CommandCenter.Tests.Members;

/// <summary>
/// The two track stores the profiles ship (SQLite file, Redis) answer alike: a window in time order,
/// the last fix, retries that change nothing, and old days forgotten. Real SQLite, real redis-server.
/// </summary>
[Trait("Category", "InProcess")]
public abstract class PatrolTrackStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    protected abstract IPatrolTracks Tracks { get; }

    private static List<Fix> Walk(int count, DateTimeOffset from) =>
        Enumerable.Range(0, count).Select(i => new Fix(31.7538 + i * 1e-5, 120.3435, from.AddSeconds(i * 10))).ToList();

    [Fact]
    public async Task A_window_comes_back_in_time_order_with_exact_positions_and_instants()
    {
        var walk = Walk(30, T0);
        await Tracks.Append("M1", walk.Take(10).ToList());
        await Tracks.Append("M1", walk.Skip(10).ToList());
        await Tracks.Append("M2", Walk(5, T0));

        (await Tracks.Between("M1", T0, T0.AddHours(1))).Should().Equal(walk);
        (await Tracks.Between("M1", T0.AddSeconds(50), T0.AddSeconds(100))).Should().Equal(walk.Skip(5).Take(6));
        (await Tracks.Last("M1")).Should().Be(walk[^1]);
        (await Tracks.Last("M9")).Should().BeNull();
    }

    [Fact]
    public async Task A_batch_sent_twice_is_kept_once()
    {
        var walk = Walk(5, T0);
        await Tracks.Append("R1", walk);
        await Tracks.Append("R1", walk);

        (await Tracks.Between("R1", T0, T0.AddHours(1))).Should().Equal(walk);
    }

    [Fact]
    public async Task Days_before_the_cut_are_forgotten_and_later_ones_stay()
    {
        var old = Walk(3, T0.AddDays(-8));
        var recent = Walk(3, T0);
        await Tracks.Append("F1", [.. old, .. recent]);

        await Tracks.Forget("F1", new TrackRetention(7).KeptSince(T0));

        (await Tracks.Between("F1", T0.AddDays(-30), T0.AddDays(1))).Should().Equal(recent);
    }

    [Fact]
    public async Task The_nightly_trim_drops_every_members_fixes_older_than_the_retention_and_keeps_the_rest()
    {
        var clock = new FakeTimeProvider(T0);
        var trim = new TrackRetentionRun(Tracks, new TrackRetention(), clock);
        var tooOld = Walk(4, T0.AddDays(-401));
        var almost = Walk(3, T0.AddDays(-399));
        var recent = Walk(3, T0.AddHours(-1));
        await Tracks.Append("N1", [.. tooOld, .. almost, .. recent]);
        await Tracks.Append("N2", Walk(5, T0.AddDays(-500)));
        await Tracks.Append("N3", recent);

        var first = await trim.Run();

        first.RetentionDays.Should().Be(400, "the default covers a year of assessments");
        first.FixesDropped.Should().Be(9);
        (await Tracks.Between("N1", T0.AddDays(-600), T0)).Should().Equal([.. almost, .. recent]);
        (await Tracks.Between("N2", T0.AddDays(-600), T0)).Should().BeEmpty();
        (await Tracks.Between("N3", T0.AddDays(-600), T0)).Should().Equal(recent);

        clock.Advance(TimeSpan.FromDays(2));
        (await trim.Run()).FixesDropped.Should().Be(3);
        (await Tracks.Between("N1", T0.AddDays(-600), T0)).Should().Equal(recent);
    }
}

[Trait("Category", "InProcess")]
public sealed class SqlitePatrolTrackStoreTests : PatrolTrackStoreTests, IAsyncLifetime
{
    private readonly string file = Path.Combine(Path.GetTempPath(), "cc-tracks", Guid.NewGuid().ToString("N"), "tracks.db");
    private SqliteDatabase database = null!;
    private SqlitePatrolTracks tracks = null!;

    protected override IPatrolTracks Tracks => tracks;

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        database = new SqliteDatabase(file, SqlitePatrolTracks.Schema);
        tracks = new SqlitePatrolTracks(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path.GetDirectoryName(file)!, true); } catch (IOException) { }
    }
}

[Trait("Category", "InProcess")]
public sealed class RedisPatrolTrackStoreTests : PatrolTrackStoreTests, IAsyncLifetime
{
    private RedisServer redis = null!;
    private IConnectionMultiplexer connection = null!;
    private RedisPatrolTracks tracks = null!;

    protected override IPatrolTracks Tracks => tracks;

    public async Task InitializeAsync()
    {
        redis = await RedisServer.Start();
        connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        tracks = new RedisPatrolTracks(connection, new RedisLedgerKeys("test"));
    }

    public async Task DisposeAsync()
    {
        connection.Dispose();
        await redis.DisposeAsync();
    }
}
