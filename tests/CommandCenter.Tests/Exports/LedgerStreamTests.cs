using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;
using CommandCenter.Storage;
using CommandCenter.Tests.Support;
using StackExchange.Redis;

namespace CommandCenter.Tests.Exports;

/// <summary>
/// What an export reads: a ledger's stream of a query gives exactly the cases the query lists, in its order, page after page,
/// on the SQLite ledger and on the Redis ledger (a private Redis) alike; many cases reported at one instant straddle a page's
/// end and none is lost or doubled.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class LedgerStreamTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);
    private static readonly Actor Operator = new("operator1", Roles.Operator);
    private static readonly GridPlacement[] Places =
    [
        new("JY10-01-08", ["JY10-01-08", "JY10-01", "JY10", "JY"], GridArea.Urban),
        new("JY01-02-01", ["JY01-02-01", "JY01-02", "JY01", "JY"], GridArea.Urban),
    ];
    private const int Count = 4_500;   // past two of the SQLite ledger's stream pages (2,000) and nine of Redis's (500)

    private readonly string file = Path.Combine(Path.GetTempPath(), "cc-ledger-stream", Guid.NewGuid().ToString("N"), "ledger.db");
    private SqliteDatabase database = null!;
    private RedisServer redis = null!;
    private IConnectionMultiplexer connection = null!;
    private IIncidentLedger sqlite = null!, redisLedger = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        database = new SqliteDatabase(file, SqliteIncidentLedger.Schema);
        sqlite = new SqliteIncidentLedger(database);
        redis = await RedisServer.Start();
        connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        redisLedger = new RedisIncidentLedger(connection, new RedisLedgerKeys("stream"));
        await Parallel.ForEachAsync(Enumerable.Range(0, Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var category = i % 3 == 0 ? "E0402" : "E0102";
            var report = new IncidentReport(category, Priority.Normal, i % 5 == 0 ? $"水管 {i}" : $"垃圾 {i}", i % 2 == 0 ? "hotline" : "patrol", 31.75, 120.34);
            // Seven cases an instant: ties on the creation time straddle the pages' ends.
            var events = IncidentLifecycle.Report($"JY-S-{i:D6}", report, Places[i % 2], Operator, T0.AddSeconds(i / 7), new SlaRules(SampleRules.Policy, SampleRules.Catalogue.Find(category)!));
            var summary = IncidentSummary.Of(IncidentState.Fold(events));
            await sqlite.Append(events, summary);
            await redisLedger.Append(events, summary);
        });
    }

    public async Task DisposeAsync()
    {
        await connection.DisposeAsync();
        await redis.DisposeAsync();
        await database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path.GetDirectoryName(file)!, true); } catch (IOException) { }
    }

    private static IncidentQuery All => new(null, null, null, T0, T0.AddDays(1), T0.AddDays(1), 0, 100_000);

    [Fact]
    public async Task A_stream_gives_the_querys_cases_in_its_order_on_both_ledgers()
    {
        IncidentQuery[] queries =
        [
            All, All with { GridId = "JY10" }, All with { Channels = ["patrol"] }, All with { Categories = ["E0402"], GridId = "JY01" },
            All with { Search = "水管" }, All with { From = T0.AddSeconds(100), To = T0.AddSeconds(400) }, All with { Status = IncidentStatus.Gridded, Open = true },
            All with { Light = SlaLight.Green }, All with { Open = false },
        ];
        foreach (var query in queries)
        {
            var listed = (await sqlite.Query(query)).Items.Select(s => s.Id).ToList();
            (await Ids(sqlite.Stream(query))).Should().Equal(listed, $"the SQLite stream of {query} is its list");
            (await Ids(redisLedger.Stream(query))).Should().Equal(listed, $"the Redis stream of {query} is the same list");
        }
        (await Ids(sqlite.Stream(All))).Should().HaveCount(Count).And.OnlyHaveUniqueItems();
    }

    private static async Task<List<string>> Ids(IAsyncEnumerable<IncidentSummary> stream)
    {
        var ids = new List<string>();
        await foreach (var s in stream) ids.Add(s.Id);
        return ids;
    }
}
