using CommandCenter.Grains.Members;
using CommandCenter.Storage.Postgres;
using CommandCenter.Tests.Members;

namespace CommandCenter.Tests.Postgres;

/// <summary>The PostgreSQL track store answers as the SQLite and Redis ones (<see cref="PatrolTrackStoreTests"/>), each test on its own database.</summary>
[Trait("Category", "Postgres")]
public sealed class PostgresPatrolTrackStoreTests(PostgresDatabases databases) : PatrolTrackStoreTests, IClassFixture<PostgresDatabases>, IAsyncLifetime
{
    private PostgresPatrolTracks tracks = null!;

    protected override IPatrolTracks Tracks => tracks;

    public async Task InitializeAsync() => tracks = new PostgresPatrolTracks(await databases.Fresh());

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_fix_reads_back_at_its_instant_to_the_tick_and_the_window_bounds_hold_to_the_tick()
    {
        var at = new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero).AddTicks(7);
        var fixes = new List<Fix> { new(31.75, 120.34, at), new(31.7501, 120.34, at.AddTicks(2)) };
        await tracks.Append("T1", fixes);

        (await tracks.Last("T1")).Should().Be(fixes[1]);
        (await tracks.Between("T1", at, at)).Should().Equal(fixes[0]);
        (await tracks.Between("T1", at.AddTicks(1), at.AddTicks(2))).Should().Equal(fixes[1]);
        await tracks.Forget("T1", at.AddTicks(2));
        (await tracks.Between("T1", at.AddDays(-1), at.AddDays(1))).Should().Equal(fixes[1]);
    }
}
