using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;
using CommandCenter.Storage;
using CommandCenter.Storage.Postgres;
using CommandCenter.Tests.Support;
using Npgsql;
using StackExchange.Redis;

namespace CommandCenter.Tests.Cluster;

/// <summary>
/// The desk's list filters (case search, the caller's phone, step, light, category, channel, open, visits closed
/// unanswered) answer the same on every incident ledger: the same histories written into the SQLite ledger, the Redis
/// ledger (a private Redis) and the PostgreSQL ledger (a private PostgreSQL) give, query by query and page by page, the
/// same cases in the same order with the same total, and the ones the rules say.
/// </summary>
[Trait("Category", "Cluster")]
public sealed class LedgerSearchParityTests : IAsyncLifetime
{
    // Tuesday 24 Nov 2026, 09:00 in Jiangyin: office hours.
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);
    private static readonly GridPlacement Town = new("JY10-01-08", ["JY10-01-08", "JY10-01", "JY10", "JY"], GridArea.Urban);
    private static readonly Actor Operator = new("operator1", Roles.Operator);
    private static readonly Actor Supervisor = new("supervisor1", Roles.Supervisor);
    private static readonly Actor Worker = new("M01124", Roles.Worker, "M01124");

    private readonly string file = Path.Combine(Path.GetTempPath(), "cc-ledger-parity", Guid.NewGuid().ToString("N"), "ledger.db");
    private SqliteDatabase database = null!;
    private RedisServer redis = null!;
    private IConnectionMultiplexer connection = null!;
    private PostgresServer postgres = null!;
    private NpgsqlDataSource postgresSource = null!;
    private IIncidentLedger sqlite = null!, redisLedger = null!, postgresLedger = null!;
    private readonly Dictionary<string, IncidentState> states = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        database = new SqliteDatabase(file, SqliteIncidentLedger.Schema);
        sqlite = new SqliteIncidentLedger(database);
        redis = await RedisServer.Start();
        connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        redisLedger = new RedisIncidentLedger(connection, new RedisLedgerKeys("parity"));
        postgres = await PostgresServer.Start();
        var postgresConnection = postgres.ConnectionString(await postgres.CreateDatabase());
        await PostgresSchema.Migrate(postgresConnection);
        postgresSource = NpgsqlDataSource.Create(postgresConnection);
        postgresLedger = new PostgresIncidentLedger(postgresSource);
        await WriteHistories();
    }

    public async Task DisposeAsync()
    {
        await connection.DisposeAsync();
        await redis.DisposeAsync();
        await postgresSource.DisposeAsync();
        await postgres.DisposeAsync();
        await database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path.GetDirectoryName(file)!, true); } catch (IOException) { }
    }

    private static SlaRules Rules(string category) => new(SampleRules.Policy, SampleRules.Catalogue.Find(category)!);

    private sealed record Step(IncidentAction Action, Actor Actor, DateTimeOffset At, Func<IncidentCommand, IncidentCommand>? Fill = null);

    /// <summary>Writes one history into both ledgers, batch by batch as the grain would (the steps, then the clock at <paramref name="watchAt"/>).</summary>
    private async Task<string> Write(string id, IncidentReport report, GridPlacement? placement, DateTimeOffset? watchAt = null, params Step[] steps)
    {
        var rules = Rules(report.Category);
        var events = IncidentLifecycle.Report(id, report, placement, Operator, T0, rules).ToList();
        var batches = new List<IReadOnlyList<IncidentEvent>> { events.ToList() };
        foreach (var step in steps)
        {
            var outcome = IncidentLifecycle.Decide(IncidentState.Fold(events), (step.Fill ?? (c => c))(new IncidentCommand(step.Action)), step.Actor, step.At, rules);
            outcome.Accepted.Should().BeTrue(outcome.Rejection?.Message);
            batches.Add(outcome.Events);
            events.AddRange(outcome.Events);
        }
        if (watchAt is { } at && IncidentLifecycle.Watch(IncidentState.Fold(events), at, rules) is { Count: > 0 } due)
        {
            batches.Add(due);
            events.AddRange(due);
        }
        var state = new IncidentState();
        foreach (var batch in batches)
        {
            foreach (var e in batch) state.Apply(e);
            await sqlite.Append(batch, IncidentSummary.Of(state));
            await redisLedger.Append(batch, IncidentSummary.Of(state));
            await postgresLedger.Append(batch, IncidentSummary.Of(state));
        }
        states[id] = state;
        return id;
    }

    private string a1 = "", a2 = "", a3 = "", a4 = "", a5 = "";

    private async Task WriteHistories()
    {
        // A caller's rubbish, located: step 2.
        a1 = await Write("JY-20261124-000001", new IncidentReport("E0102", Priority.Normal, "垃圾 Heaped by the bridge", "hotline", 31.75, 120.34,
            Address: "南街 12号", ReporterName: "王芳", ReporterPhone: "139 1234 5678"), Town);
        // A burst pipe on patrol, dispatched: step 3.
        a2 = await Write("JY-20261124-000002", new IncidentReport("E0402", Priority.Normal, "水管破裂", "patrol", 31.75, 120.34), Town, null,
            new Step(IncidentAction.Dispatch, Operator, T0.AddMinutes(5), c => c with { MemberId = Worker.MemberId }));
        // The same caller again, without a position: step 1.
        a3 = await Write("JY-20261124-000003", new IncidentReport("E0601", Priority.Normal, "过期食品", "hotline", null, null,
            ReporterName: "王芳", ReporterPhone: "13912345678"), null);
        // Verified, and its visit closed unanswered by the clock: filed, closed.
        a4 = await Write("JY-20261124-000004", new IncidentReport("E0102", Priority.Normal, "垃圾 again", "hotline", 31.75, 120.34, ReporterPhone: "0510-8686 0000"), Town,
            T0.AddDays(3),
            new Step(IncidentAction.Dispatch, Operator, T0.AddMinutes(5), c => c with { MemberId = Worker.MemberId }),
            new Step(IncidentAction.Accept, Worker, T0.AddMinutes(6)),
            new Step(IncidentAction.Resolve, Worker, T0.AddMinutes(30), c => c with { Note = "已清运" }),
            new Step(IncidentAction.Verify, Supervisor, T0.AddMinutes(40), c => c with { Passed = true }),
            new Step(IncidentAction.NoAnswer, Operator, T0.AddMinutes(50)));
        // Urgent and located, breached by the clock: red.
        a5 = await Write("JY-20261124-000005", new IncidentReport("E0102", Priority.Urgent, "井盖 missing", "sensor", 31.75, 120.34), Town,
            T0.AddMinutes(11));
    }

    private static readonly DateTimeOffset Now = T0.AddDays(4);

    private async Task<IReadOnlyList<string>> Alike(IncidentQuery query)
    {
        var fromSqlite = await sqlite.Query(query);
        foreach (var (name, other) in new[] { ("Redis", redisLedger), ("PostgreSQL", postgresLedger) })
        {
            var answer = await other.Query(query);
            answer.Items.Select(s => s.Id).Should().Equal(fromSqlite.Items.Select(s => s.Id), $"the {name} ledger answers as the SQLite one, in the same order");
            answer.Total.Should().Be(fromSqlite.Total, $"the {name} ledger counts as the SQLite one");
            // Every page of one case answers alike too, and the export's stream gives the same cases.
            for (var offset = 0; offset < fromSqlite.Total; offset++)
            {
                var one = query with { Offset = offset, Limit = 1 };
                (await other.Query(one)).Items.Select(s => s.Id).Should().Equal((await sqlite.Query(one)).Items.Select(s => s.Id), $"page {offset} on the {name} ledger");
            }
            (await other.Stream(query).Select(s => s.Id).ToListAsync()).Should().Equal(await sqlite.Stream(query).Select(s => s.Id).ToListAsync(), $"the {name} ledger's stream");
        }
        return fromSqlite.Items.Select(s => s.Id).ToList();
    }

    private static IncidentQuery All => new(null, null, null, null, null, Now, 0, 100);

    [Fact]
    public async Task Case_search_finds_by_number_words_and_phone_digits_on_every_ledger()
    {
        (await Alike(All with { Search = "南街" })).Should().Equal(a1);
        (await Alike(All with { Search = a2.ToLowerInvariant() })).Should().Equal(a2);
        (await Alike(All with { Search = "垃圾 HEAPED" })).Should().Equal(a1);
        (await Alike(All with { Search = "垃圾" })).Should().Equal(a4, a1);
        (await Alike(All with { Search = "139-1234-5678" })).Should().Equal(a3, a1);
        (await Alike(All with { Search = "王芳" })).Should().Equal(a3, a1);
        (await Alike(All with { Search = "nowhere" })).Should().BeEmpty();
    }

    [Fact]
    public async Task The_callers_phone_lists_exactly_the_cases_with_those_digits_on_every_ledger()
    {
        (await Alike(All with { PhoneDigits = "13912345678" })).Should().Equal(a3, a1);
        (await Alike(All with { PhoneDigits = "051086860000" })).Should().Equal(a4);
        (await Alike(All with { PhoneDigits = "1391234567" })).Should().BeEmpty("the whole number, not a part");
        foreach (var ledger in new[] { redisLedger, postgresLedger })
        {
            var page = await ledger.Query(All with { PhoneDigits = "13912345678", Limit = 1 });
            (page.Total, page.Items.Single().Id).Should().Be((2, a3));
        }
    }

    [Fact]
    public async Task Step_light_category_channel_and_open_filter_alike_on_every_ledger()
    {
        (await Alike(All with { Step = 1 })).Should().Equal(a3);
        (await Alike(All with { Step = 3 })).Should().Equal(a2);
        (await Alike(All with { Categories = ["E0402"] })).Should().Equal(a2);
        (await Alike(All with { Channels = ["sensor"] })).Should().Equal(a5);
        (await Alike(All with { Open = false })).Should().Equal(a4);
        (await Alike(All with { Search = "139", Step = 1 })).Should().Equal([a3], "the filters hold together");
        foreach (var light in Enum.GetValues<SlaLight>())
        {
            var expected = states.Where(s => SlaLightRule.LightAt(s.Value, Now) == light).Select(s => s.Key).OrderDescending().ToList();
            (await Alike(All with { Light = light })).Should().Equal(expected, $"the light rule's {light} cases");
        }
        (await Alike(All with { Light = SlaLight.None })).Should().Equal(a4);
        (await Alike(All with { Light = SlaLight.Red })).Should().Contain(a5);
    }

    [Fact]
    public async Task Visits_closed_unanswered_are_found_by_their_close_instant_on_every_ledger()
    {
        var closedAt = states[a4].VisitClosedAt!.Value;
        closedAt.Should().Be(states[a4].History.Last(d => d.Deadline.Step == SlaStep.Evaluate).Deadline.DueAt);

        (await Alike(All with { VisitClosedFrom = closedAt, VisitClosedTo = closedAt.AddTicks(1) })).Should().Equal(a4);
        (await Alike(All with { VisitClosedFrom = closedAt.AddTicks(1), VisitClosedTo = Now })).Should().BeEmpty();
        (await Alike(ReturnVisitDesk.UnansweredQuery("JY10", T0, Now, Now))).Should().Equal(a4);
        (await Alike(ReturnVisitDesk.UnansweredQuery("JY01", T0, Now, Now))).Should().BeEmpty("another town");
        (await Alike(ReturnVisitDesk.WaitingQuery(null, Now))).Should().BeEmpty("no visit is waiting any more");
    }

    [Fact]
    public async Task Grid_state_overdue_ids_and_creation_windows_filter_alike_on_every_ledger()
    {
        (await Alike(All)).Should().Equal(a5, a4, a3, a2, a1);
        (await Alike(All with { GridId = "JY10-01" })).Should().Equal(a5, a4, a2, a1);
        (await Alike(All with { GridId = "JY10-01-08" })).Should().Equal(a5, a4, a2, a1);
        (await Alike(All with { GridId = "JY10-0" })).Should().BeEmpty("a grid is a whole id");
        (await Alike(All with { GridId = "JY01" })).Should().BeEmpty();
        (await Alike(All with { Status = IncidentStatus.Dispatched })).Should().Equal(a2);
        (await Alike(All with { GridId = "JY10", Status = states[a1].Status })).Should().Contain(a1);
        (await Alike(All with { Overdue = true })).Should().Contain(a5);
        (await Alike(All with { Overdue = false })).Should().NotContain(a5);
        (await Alike(All with { Overdue = true, Now = T0 })).Should().BeEmpty("nothing was late at the start");
        (await Alike(All with { Ids = [a4, a1, "JY-nobody"] })).Should().Equal(a4, a1);
        (await Alike(All with { Ids = [] })).Should().BeEmpty();
        (await Alike(All with { From = T0, To = T0.AddTicks(1) })).Should().HaveCount(5, "every case was reported at T0");
        (await Alike(All with { From = T0.AddTicks(1) })).Should().BeEmpty();
        (await Alike(All with { To = T0 })).Should().BeEmpty();
        (await Alike(All with { GridId = "JY10", Open = true, Channels = ["hotline", "sensor"], Limit = 2 })).Should().Equal(a5, a1);
        (await Alike(All with { Offset = 3, Limit = 10 })).Should().Equal(a2, a1);
        foreach (var at in new[] { T0, T0.AddMinutes(9), T0.AddMinutes(10), T0.AddMinutes(11), T0.AddHours(1), Now })
            foreach (var light in Enum.GetValues<SlaLight>())
                await Alike(All with { Light = light, Now = at });
    }
}
