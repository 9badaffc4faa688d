using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Storage;
using CommandCenter.Tests.Support;
using StackExchange.Redis;

namespace CommandCenter.Tests.Cluster;

/// <summary>The Redis ledger on its own, against a private Redis: what lists and replays read back after appends.</summary>
[Trait("Category", "Cluster")]
public class RedisLedgerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private RedisServer redis = null!;
    private IConnectionMultiplexer connection = null!;
    private RedisIncidentLedger ledger = null!;

    public async Task InitializeAsync()
    {
        redis = await RedisServer.Start();
        connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        ledger = new RedisIncidentLedger(connection, new RedisLedgerKeys("test"));
    }

    private static IncidentEvent Event(string id, int sequence, DateTimeOffset at, IncidentStatus to) => new()
    {
        IncidentId = id, Sequence = sequence, At = at, Action = IncidentAction.Report, Actor = "operator1", ActorRole = "operator",
        From = IncidentStatus.Reported, To = to,
    };

    private static IncidentSummary Summary(string id, IncidentStatus status, DateTimeOffset created, string? assignee = null, DateTimeOffset? wake = null, int version = 1) => new(
        id, status, IncidentSteps.StepOf(status), "E0102", Priority.Normal, "hotline", "JY10-01-08", ["JY10-01-08", "JY10-01", "JY10", "JY"], assignee,
        31.75, 120.34, created, created, null, null, wake, false, EscalationRung.None, wake, version, false, new Grains.Sla.SlaLightCourse(null, wake, null));

    [Fact]
    public async Task An_append_that_does_not_continue_the_sequence_is_refused_and_changes_nothing()
    {
        await ledger.Append([Event("A1", 1, T0, IncidentStatus.Gridded)], Summary("A1", IncidentStatus.Gridded, T0));

        var racing = () => ledger.Append([Event("A1", 1, T0.AddSeconds(1), IncidentStatus.Cancelled)], Summary("A1", IncidentStatus.Cancelled, T0));

        await racing.Should().ThrowAsync<LedgerConflictException>();
        (await ledger.Read("A1")).Should().ContainSingle().Which.To.Should().Be(IncidentStatus.Gridded);
        (await ledger.OpenIn("JY10-01-08")).Should().ContainSingle().Which.Status.Should().Be(IncidentStatus.Gridded);
    }

    [Fact]
    public async Task A_request_key_is_read_back_as_written_and_an_event_without_one_reads_as_none()
    {
        await ledger.Append([Event("K1", 1, T0, IncidentStatus.Gridded), Event("K1", 2, T0.AddMinutes(1), IncidentStatus.Dispatched) with { RequestKey = "outbox-1 \"a\"" }],
            Summary("K1", IncidentStatus.Dispatched, T0, version: 2));

        (await ledger.Read("K1")).Select(e => e.RequestKey).Should().Equal(null, "outbox-1 \"a\"");
    }

    [Fact]
    public async Task A_window_replays_events_of_all_incidents_in_time_order()
    {
        await ledger.Append([Event("W1", 1, T0.AddMinutes(1), IncidentStatus.Gridded), Event("W1", 2, T0.AddMinutes(3), IncidentStatus.Dispatched)], Summary("W1", IncidentStatus.Dispatched, T0));
        await ledger.Append([Event("W2", 1, T0.AddMinutes(2), IncidentStatus.Gridded)], Summary("W2", IncidentStatus.Gridded, T0));
        await ledger.Append([Event("W1", 3, T0.AddMinutes(5), IncidentStatus.Handling)], Summary("W1", IncidentStatus.Handling, T0, version: 3));

        var window = await ledger.ReadWindow(T0.AddMinutes(1), T0.AddMinutes(5)).ToListAsync();

        window.Select(e => (e.IncidentId, e.Sequence)).Should().Equal(("W1", 1), ("W2", 1), ("W1", 2));
    }

    [Fact]
    public async Task An_incident_moves_between_lists_as_it_is_assigned_and_closed()
    {
        await ledger.Append([Event("M1", 1, T0, IncidentStatus.Dispatched)], Summary("M1", IncidentStatus.Dispatched, T0, assignee: "M00030", wake: T0.AddMinutes(10)));
        (await ledger.OpenAssignedTo("M00030")).Select(s => s.Id).Should().Equal("M1");
        (await ledger.DueForWake(T0.AddMinutes(10), 10)).Should().Equal("M1");
        (await ledger.OpenIn("JY10", subtree: true)).Select(s => s.Id).Should().Contain("M1");

        await ledger.Append([Event("M1", 2, T0.AddMinutes(1), IncidentStatus.Cancelled)], Summary("M1", IncidentStatus.Cancelled, T0, version: 2));

        (await ledger.OpenAssignedTo("M00030")).Should().BeEmpty();
        (await ledger.DueForWake(DateTimeOffset.MaxValue, int.MaxValue)).Should().NotContain("M1");
        (await ledger.OpenIn("JY10", subtree: true)).Select(s => s.Id).Should().NotContain("M1");
        var cancelled = await ledger.Query(new IncidentQuery("JY10", IncidentStatus.Cancelled, null, null, null, T0, 0, 10));
        cancelled.Items.Select(s => s.Id).Should().Equal("M1");
        (await ledger.Query(new IncidentQuery(null, IncidentStatus.Dispatched, null, null, null, T0, 0, 10))).Total.Should().Be(0);
    }

    [Fact]
    public async Task Reports_are_read_from_each_incidents_first_event_and_unknown_ids_are_left_out()
    {
        var report = new IncidentReport("E0102", Priority.Normal, "井盖缺失", "hotline", 31.75, 120.34);
        await ledger.Append([Event("R1", 1, T0, IncidentStatus.Gridded) with { Report = report }], Summary("R1", IncidentStatus.Gridded, T0));
        await ledger.Append([Event("R1", 2, T0.AddMinutes(1), IncidentStatus.Cancelled)], Summary("R1", IncidentStatus.Cancelled, T0, version: 2));

        var reports = await ledger.ReportsOf(["R1", "nobody"]);

        reports.Should().ContainSingle().Which.Should().Be(new KeyValuePair<string, IncidentReport>("R1", report));
    }

    [Fact]
    public async Task Queries_filter_by_ids_categories_channels_and_openness()
    {
        await ledger.Append([Event("Q1", 1, T0, IncidentStatus.Gridded)], Summary("Q1", IncidentStatus.Gridded, T0));
        await ledger.Append([Event("Q2", 1, T0.AddMinutes(1), IncidentStatus.Gridded)], Summary("Q2", IncidentStatus.Gridded, T0.AddMinutes(1)) with { Category = "A0101", Channel = "open311" });
        await ledger.Append([Event("Q3", 1, T0.AddMinutes(2), IncidentStatus.Cancelled)], Summary("Q3", IncidentStatus.Cancelled, T0.AddMinutes(2)));
        var all = new IncidentQuery(null, null, null, null, null, T0, 0, 10);

        (await ledger.Query(all with { Ids = ["Q3", "Q1", "nobody"] })).Items.Select(s => s.Id).Should().Equal("Q3", "Q1");
        (await ledger.Query(all with { Ids = ["Q1", "Q2", "Q3"], Open = true, Offset = 1 })).Should().Match<IncidentPage>(p => p.Total == 2 && p.Items.Single().Id == "Q1");
        (await ledger.Query(all with { Categories = ["A0101"] })).Items.Select(s => s.Id).Should().Equal("Q2");
        (await ledger.Query(all with { Channels = ["hotline"], Open = true })).Items.Select(s => s.Id).Should().Equal("Q1");
        (await ledger.Query(all with { Open = false })).Items.Select(s => s.Id).Should().Equal("Q3");
    }

    [Fact]
    public async Task Open_incidents_of_a_category_are_found_near_a_point_and_not_far_from_it()
    {
        await ledger.Append([Event("N1", 1, T0, IncidentStatus.Gridded)], Summary("N1", IncidentStatus.Gridded, T0));

        (await ledger.OpenNear("E0102", 31.7502, 120.34, 50, T0.AddHours(-1))).Select(s => s.Id).Should().Equal("N1"); // ≈ 22 m away
        (await ledger.OpenNear("E0102", 31.76, 120.34, 50, T0.AddHours(-1))).Should().BeEmpty();                       // ≈ 1 km away
        (await ledger.OpenNear("E0101", 31.75, 120.34, 50, T0.AddHours(-1))).Should().BeEmpty();
        (await ledger.OpenNear("E0102", 31.75, 120.34, 50, T0.AddMinutes(1))).Should().BeEmpty("reported before the window");
    }

    [Fact]
    public async Task Lists_are_newest_first_and_paged_with_the_total()
    {
        for (var i = 0; i < 7; i++)
            await ledger.Append([Event($"P{i}", 1, T0.AddMinutes(i), IncidentStatus.Gridded)], Summary($"P{i}", IncidentStatus.Gridded, T0.AddMinutes(i)));

        var page = await ledger.Query(new IncidentQuery("JY10-01", null, null, T0.AddMinutes(1), T0.AddMinutes(6), T0, 2, 2));

        page.Total.Should().Be(5);
        page.Items.Select(s => s.Id).Should().Equal("P3", "P2");
    }

    public async Task DisposeAsync()
    {
        await connection.DisposeAsync();
        await redis.DisposeAsync();
    }
}
