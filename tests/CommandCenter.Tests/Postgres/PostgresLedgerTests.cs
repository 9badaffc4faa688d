using System.Text.Json;
using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;
using CommandCenter.Storage;
using CommandCenter.Storage.Postgres;
using CommandCenter.Tests.Support;
using Npgsql;

namespace CommandCenter.Tests.Postgres;

/// <summary>
/// The PostgreSQL ledger's contract, against a private PostgreSQL: what was appended reads back as written, an append
/// that does not continue the sequence (stale, gapped or beaten by another writer) changes nothing, and the lists,
/// windows and open-work lookups read the summary of the latest append.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PostgresLedgerTests(PostgresDatabases databases) : IClassFixture<PostgresDatabases>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly string[] Chain = ["JY10-01-08", "JY10-01", "JY10", "JY"];

    private async Task<(PostgresIncidentLedger Ledger, NpgsqlDataSource Source)> Fresh()
    {
        var source = await databases.Fresh();
        return (new PostgresIncidentLedger(source), source);
    }

    private static IncidentEvent Event(string id, int sequence, DateTimeOffset at, IncidentStatus to) => new()
    {
        IncidentId = id, Sequence = sequence, At = at, Action = IncidentAction.Report, Actor = "operator1", ActorRole = "operator",
        From = IncidentStatus.Reported, To = to,
    };

    private static IncidentSummary Summary(string id, IncidentStatus status, DateTimeOffset created, string? assignee = null, DateTimeOffset? wake = null,
        int version = 1, string grid = "JY10-01-08", IReadOnlyList<string>? chain = null) => new(
        id, status, IncidentSteps.StepOf(status), "E0102", Priority.Normal, "hotline", grid, chain ?? Chain, assignee,
        31.75, 120.34, created, created, null, null, wake, false, EscalationRung.None, wake, version, false, new SlaLightCourse(null, wake, null));

    private static string Json(IEnumerable<IncidentEvent> events) => JsonSerializer.Serialize(events, LedgerJson.Options);

    private static async Task<long> Count(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_real_history_reads_back_exactly_as_written_with_its_request_key_and_instants_to_the_tick()
    {
        var (ledger, _) = await Fresh();
        var rules = new SlaRules(SampleRules.Policy, SampleRules.Catalogue.Find("E0102")!);
        var desk = new Actor("operator1", Roles.Operator);
        var placement = new GridPlacement("JY10-01-08", Chain, GridArea.Urban);
        // An instant 7 ticks past a whole microsecond: the clock's own resolution, finer than timestamptz.
        var at = T0.AddTicks(1_234_567);
        var opened = IncidentLifecycle.Report("JY-P-000001", new IncidentReport("E0102", Priority.Normal, "垃圾 \"heaped\"", "hotline", 31.7538, 120.3435,
            Address: "南街 12号", ReporterName: "王芳", ReporterPhone: "139 1234 5678"), placement, desk, at, rules);
        await ledger.Append(opened, IncidentSummary.Of(IncidentState.Fold(opened)));
        var dispatch = IncidentLifecycle.DecideOnce(opened, IncidentState.Fold(opened),
            new IncidentCommand(IncidentAction.Dispatch) { MemberId = "M00042", RequestKey = "desk-\"1\"" }, desk, at.AddMinutes(1), rules);
        var all = opened.Concat(dispatch.Events).ToList();
        await ledger.Append(dispatch.Events, IncidentSummary.Of(IncidentState.Fold(all)));

        var read = await ledger.Read("JY-P-000001");

        Json(read).Should().Be(Json(all), "every field, the newest ones included, round-trips");
        read.Select(e => e.RequestKey).Last().Should().Be("desk-\"1\"");
        read[0].At.Should().Be(at);
        (await ledger.ReportsOf(["JY-P-000001", "nobody"])).Should().ContainSingle().Which.Value.Should().Be(opened[0].Report);
        var summary = (await ledger.Query(new IncidentQuery(null, null, null, null, null, T0, 0, 10))).Items.Single();
        JsonSerializer.Serialize(summary, LedgerJson.Options).Should().Be(JsonSerializer.Serialize(IncidentSummary.Of(IncidentState.Fold(all)), LedgerJson.Options));
        (await ledger.Read("nobody")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_stale_or_gapped_append_is_refused_and_writes_nothing()
    {
        var (ledger, source) = await Fresh();
        await ledger.Append([Event("A1", 1, T0, IncidentStatus.Gridded)], Summary("A1", IncidentStatus.Gridded, T0));

        var stale = () => ledger.Append([Event("A1", 1, T0.AddSeconds(1), IncidentStatus.Cancelled)], Summary("A1", IncidentStatus.Cancelled, T0, version: 2));
        var gapped = () => ledger.Append([Event("A1", 3, T0.AddSeconds(1), IncidentStatus.Cancelled)], Summary("A1", IncidentStatus.Cancelled, T0, version: 3));
        var late = () => ledger.Append([Event("B1", 2, T0, IncidentStatus.Gridded)], Summary("B1", IncidentStatus.Gridded, T0));

        await stale.Should().ThrowAsync<LedgerConflictException>();
        await gapped.Should().ThrowAsync<LedgerConflictException>();
        await late.Should().ThrowAsync<LedgerConflictException>("an incident's ledger starts at 1");
        (await ledger.Read("A1")).Should().ContainSingle().Which.To.Should().Be(IncidentStatus.Gridded);
        (await ledger.OpenIn("JY10-01-08")).Should().ContainSingle().Which.Status.Should().Be(IncidentStatus.Gridded);
        (await Count(source, "SELECT count(*) FROM cc_incident_events")).Should().Be(1);
        (await Count(source, "SELECT count(*) FROM cc_incident_summaries")).Should().Be(1, "the refused appends left no summary either");
    }

    [Fact]
    public async Task Of_two_appends_racing_for_the_same_next_sequence_exactly_one_wins_and_the_summary_is_the_winners()
    {
        var (ledger, _) = await Fresh();
        var ids = Enumerable.Range(0, 24).Select(i => $"R{i:D2}").ToList();
        foreach (var id in ids) await ledger.Append([Event(id, 1, T0, IncidentStatus.Gridded)], Summary(id, IncidentStatus.Gridded, T0));

        var outcomes = await Task.WhenAll(ids.SelectMany(id => new[] { IncidentStatus.Dispatched, IncidentStatus.Cancelled }.Select(async to =>
        {
            try
            {
                await ledger.Append([Event(id, 2, T0.AddMinutes(1), to)], Summary(id, to, T0, version: 2));
                return (Id: id, Won: (IncidentStatus?)to);
            }
            catch (LedgerConflictException)
            {
                return (Id: id, Won: null);
            }
        })));

        foreach (var id in ids)
        {
            var winners = outcomes.Where(o => o.Id == id && o.Won is not null).ToList();
            winners.Should().ContainSingle($"one of the two appends to {id} wins");
            var events = await ledger.Read(id);
            events.Select(e => e.Sequence).Should().Equal(1, 2);
            events[1].To.Should().Be(winners[0].Won!.Value);
            (await ledger.Query(new IncidentQuery(null, null, null, null, null, T0, 0, 1) { Ids = [id] })).Items.Single().Status.Should().Be(winners[0].Won!.Value);
        }
    }

    [Fact]
    public async Task A_window_replays_events_of_all_incidents_in_time_then_incident_then_sequence_order_to_the_tick()
    {
        var (ledger, _) = await Fresh();
        await ledger.Append([Event("W1", 1, T0.AddMinutes(1), IncidentStatus.Gridded), Event("W1", 2, T0.AddMinutes(3), IncidentStatus.Dispatched)], Summary("W1", IncidentStatus.Dispatched, T0));
        await ledger.Append([Event("W2", 1, T0.AddMinutes(2), IncidentStatus.Gridded)], Summary("W2", IncidentStatus.Gridded, T0));
        await ledger.Append([Event("W1", 3, T0.AddMinutes(5), IncidentStatus.Handling)], Summary("W1", IncidentStatus.Handling, T0, version: 3));
        // Within one microsecond: W4 three ticks in, W3 five ticks in; W0 at the same instant as W2.
        await ledger.Append([Event("W4", 1, T0.AddMinutes(4).AddTicks(3), IncidentStatus.Gridded)], Summary("W4", IncidentStatus.Gridded, T0));
        await ledger.Append([Event("W3", 1, T0.AddMinutes(4).AddTicks(5), IncidentStatus.Gridded)], Summary("W3", IncidentStatus.Gridded, T0));
        await ledger.Append([Event("W0", 1, T0.AddMinutes(2), IncidentStatus.Gridded)], Summary("W0", IncidentStatus.Gridded, T0));

        var window = await ledger.ReadWindow(T0.AddMinutes(1), T0.AddMinutes(5)).ToListAsync();

        window.Select(e => (e.IncidentId, e.Sequence)).Should().Equal(("W1", 1), ("W0", 1), ("W2", 1), ("W1", 2), ("W4", 1), ("W3", 1));
        (await ledger.ReadWindow(T0.AddMinutes(4).AddTicks(4), T0.AddMinutes(4).AddTicks(6)).ToListAsync()).Select(e => e.IncidentId)
            .Should().Equal(["W3"], "the bounds hold to the tick");
        (await ledger.ReadWindowOf(new HashSet<string> { "W1", "W3" }, T0, T0.AddHours(1)).ToListAsync()).Select(e => (e.IncidentId, e.Sequence))
            .Should().Equal(("W1", 1), ("W1", 2), ("W3", 1), ("W1", 3));
        (await ledger.ReadWindowOf(new HashSet<string>(), T0, T0.AddHours(1)).ToListAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Summaries_follow_the_last_append_across_the_open_lists_the_wake_list_and_queries()
    {
        var (ledger, _) = await Fresh();
        await ledger.Append([Event("M1", 1, T0, IncidentStatus.Dispatched)], Summary("M1", IncidentStatus.Dispatched, T0, assignee: "M00030", wake: T0.AddMinutes(10)));
        (await ledger.OpenAssignedTo("M00030")).Select(s => s.Id).Should().Equal("M1");
        (await ledger.DueForWake(T0.AddMinutes(10), 10)).Should().Equal("M1");
        (await ledger.DueForWake(T0.AddMinutes(10).AddTicks(-1), 10)).Should().BeEmpty();
        (await ledger.OpenIn("JY10", subtree: true)).Select(s => s.Id).Should().Contain("M1");

        await ledger.Append([Event("M1", 2, T0.AddMinutes(1), IncidentStatus.Cancelled)], Summary("M1", IncidentStatus.Cancelled, T0, version: 2));

        (await ledger.OpenAssignedTo("M00030")).Should().BeEmpty();
        (await ledger.DueForWake(DateTimeOffset.MaxValue, int.MaxValue)).Should().NotContain("M1");
        (await ledger.OpenIn("JY10", subtree: true)).Select(s => s.Id).Should().NotContain("M1");
        var cancelled = await ledger.Query(new IncidentQuery("JY10", IncidentStatus.Cancelled, null, null, null, T0, 0, 10));
        cancelled.Items.Should().ContainSingle().Which.Version.Should().Be(2);
        (await ledger.Query(new IncidentQuery(null, IncidentStatus.Dispatched, null, null, null, T0, 0, 10))).Total.Should().Be(0);
    }

    [Fact]
    public async Task Open_work_is_found_by_grid_subtree_member_place_and_wake_instant()
    {
        var (ledger, _) = await Fresh();
        await ledger.Append([Event("G1", 1, T0, IncidentStatus.Gridded)], Summary("G1", IncidentStatus.Gridded, T0, wake: T0.AddMinutes(30)));
        await ledger.Append([Event("G2", 1, T0, IncidentStatus.Dispatched)],
            Summary("G2", IncidentStatus.Dispatched, T0, assignee: "M7", wake: T0.AddMinutes(20), grid: "JY10-02-01", chain: ["JY10-02-01", "JY10-02", "JY10", "JY"]));
        await ledger.Append([Event("G3", 1, T0, IncidentStatus.Gridded)],
            Summary("G3", IncidentStatus.Gridded, T0, grid: "JY01-01-01", chain: ["JY01-01-01", "JY01-01", "JY01", "JY"]) with { Lat = 31.9, Lon = 120.1 });
        await ledger.Append([Event("G4", 1, T0, IncidentStatus.Cancelled)], Summary("G4", IncidentStatus.Cancelled, T0));

        (await ledger.OpenIn("JY10-01-08")).Select(s => s.Id).Should().Equal("G1");
        (await ledger.OpenIn("JY10-01")).Should().BeEmpty("only incidents located in the grid itself");
        (await ledger.OpenIn("JY10-01", subtree: true)).Select(s => s.Id).Should().Equal("G1");
        (await ledger.OpenIn("JY10", subtree: true)).Select(s => s.Id).Should().BeEquivalentTo(["G1", "G2"]);
        (await ledger.OpenIn("JY", subtree: true)).Select(s => s.Id).Should().BeEquivalentTo(["G1", "G2", "G3"], "closed G4 is not open work");
        (await ledger.OpenIn("JY10-0", subtree: true)).Should().BeEmpty("a grid is a whole id, not a prefix");
        (await ledger.OpenAssignedTo("M7")).Select(s => s.Id).Should().Equal("G2");
        (await ledger.DueForWake(T0.AddHours(1), 10)).Should().Equal("G2", "G1");
        (await ledger.DueForWake(T0.AddHours(1), 1)).Should().Equal("G2");

        (await ledger.OpenNear("E0102", 31.7502, 120.34, 50, T0.AddHours(-1))).Select(s => s.Id).Should().BeEquivalentTo(["G1", "G2"]); // ≈ 22 m away
        (await ledger.OpenNear("E0102", 31.76, 120.34, 50, T0.AddHours(-1))).Should().BeEmpty();                                    // ≈ 1 km away
        (await ledger.OpenNear("E0101", 31.75, 120.34, 50, T0.AddHours(-1))).Should().BeEmpty();
        (await ledger.OpenNear("E0102", 31.75, 120.34, 50, T0.AddTicks(1))).Should().BeEmpty("reported before the window");
        (await ledger.OpenNear("E0102", 31.9, 120.1, 50, T0)).Select(s => s.Id).Should().Equal("G3");
    }

    [Fact]
    public async Task Queries_filter_by_ids_categories_channels_and_openness_and_page_newest_first_with_the_total()
    {
        var (ledger, _) = await Fresh();
        await ledger.Append([Event("Q1", 1, T0, IncidentStatus.Gridded)], Summary("Q1", IncidentStatus.Gridded, T0));
        await ledger.Append([Event("Q2", 1, T0.AddMinutes(1), IncidentStatus.Gridded)], Summary("Q2", IncidentStatus.Gridded, T0.AddMinutes(1)) with { Category = "A0101", Channel = "open311" });
        await ledger.Append([Event("Q3", 1, T0.AddMinutes(2), IncidentStatus.Cancelled)], Summary("Q3", IncidentStatus.Cancelled, T0.AddMinutes(2)));
        for (var i = 0; i < 7; i++)
            await ledger.Append([Event($"P{i}", 1, T0.AddDays(1).AddMinutes(i), IncidentStatus.Gridded)], Summary($"P{i}", IncidentStatus.Gridded, T0.AddDays(1).AddMinutes(i)));
        var all = new IncidentQuery(null, null, null, null, T0.AddDays(1), T0, 0, 10);

        (await ledger.Query(all with { Ids = ["Q3", "Q1", "nobody"] })).Items.Select(s => s.Id).Should().Equal("Q3", "Q1");
        (await ledger.Query(all with { Ids = [] })).Total.Should().Be(0);
        (await ledger.Query(all with { Ids = ["Q1", "Q2", "Q3"], Open = true, Offset = 1 })).Should().Match<IncidentPage>(p => p.Total == 2 && p.Items.Single().Id == "Q1");
        (await ledger.Query(all with { Categories = ["A0101"] })).Items.Select(s => s.Id).Should().Equal("Q2");
        (await ledger.Query(all with { Channels = ["hotline"], Open = true })).Items.Select(s => s.Id).Should().Equal("Q1");
        (await ledger.Query(all with { Open = false })).Items.Select(s => s.Id).Should().Equal("Q3");

        var page = await ledger.Query(new IncidentQuery("JY10-01", null, null, T0.AddDays(1).AddMinutes(1), T0.AddDays(1).AddMinutes(6), T0, 2, 2));
        page.Total.Should().Be(5);
        page.Items.Select(s => s.Id).Should().Equal("P3", "P2");
    }

    [Fact]
    public async Task A_stream_gives_every_case_a_query_lists_in_its_order_across_pages_even_when_many_share_an_instant()
    {
        var (ledger, _) = await Fresh();
        const int count = 4_100; // past two stream pages (2,000)
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var created = T0.AddSeconds(i / 7); // seven cases an instant: ties straddle the pages' ends
            await ledger.Append([Event($"S{i:D5}", 1, created, IncidentStatus.Gridded)],
                Summary($"S{i:D5}", i % 3 == 0 ? IncidentStatus.Cancelled : IncidentStatus.Gridded, created));
        });
        var query = new IncidentQuery(null, null, null, null, null, T0, 0, int.MaxValue);

        var listed = (await ledger.Query(query)).Items.Select(s => s.Id).ToList();
        var streamed = await ledger.Stream(query).Select(s => s.Id).ToListAsync();
        var open = await ledger.Stream(query with { Open = true, To = T0.AddSeconds(300) }).Select(s => s.Id).ToListAsync();

        listed.Should().HaveCount(count);
        streamed.Should().Equal(listed);
        open.Should().Equal((await ledger.Query(query with { Open = true, To = T0.AddSeconds(300) })).Items.Select(s => s.Id));
    }
}
