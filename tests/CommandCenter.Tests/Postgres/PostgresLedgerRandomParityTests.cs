using System.Text.Json;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;
using CommandCenter.Storage;
using CommandCenter.Storage.Postgres;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Postgres;

/// <summary>
/// The PostgreSQL ledger answers as the SQLite ledger over random histories (<see cref="RandomHistory"/>: every path of the
/// loop, clocks waking late, instants at the light's edges and a tick either side): the same appends give the same events
/// back, the same lists and totals for every filter and page, the same replay windows, export streams and open work.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PostgresLedgerRandomParityTests(PostgresDatabases databases) : IClassFixture<PostgresDatabases>, IAsyncLifetime
{
    private const int Seed = 20_261_202;
    private const int Histories = 240;
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);

    private readonly TemporarySqlite database = new("cc-pg-parity", SqliteIncidentLedger.Schema, inMemory: true);
    private IIncidentLedger sqlite = null!, postgres = null!;

    public async Task InitializeAsync()
    {
        sqlite = new SqliteIncidentLedger(database.Database);
        postgres = new PostgresIncidentLedger(await databases.Fresh());
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    private static IEnumerable<string> Ids(IEnumerable<IncidentSummary> summaries) => summaries.Select(s => s.Id);

    private async Task Alike(IncidentQuery query, string because)
    {
        var expected = await sqlite.Query(query);
        var actual = await postgres.Query(query);
        Ids(actual.Items).Should().Equal(Ids(expected.Items), because);
        actual.Total.Should().Be(expected.Total, because);
    }

    [Fact]
    public async Task Random_histories_read_list_replay_and_stream_alike_on_the_PostgreSQL_and_SQLite_ledgers()
    {
        var histories = new List<RandomHistory>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Histories), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var history = RandomHistory.Write($"JY-R-{i:D5}", Seed + i, Start);
            lock (histories) histories.Add(history);
            var written = new List<IncidentEvent>();
            foreach (var batch in history.Batches)
            {
                written.AddRange(batch);
                var summary = IncidentSummary.Of(IncidentState.Fold(written));
                await sqlite.Append(batch, summary);
                await postgres.Append(batch, summary);
            }
        });
        histories.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));

        // What was written reads back the same, event for event and field for field.
        foreach (var history in histories)
            JsonSerializer.Serialize(await postgres.Read(history.Id), LedgerJson.Options)
                .Should().Be(JsonSerializer.Serialize(await sqlite.Read(history.Id), LedgerJson.Options), history.Id);
        var allIds = histories.Select(h => h.Id).ToList();
        JsonSerializer.Serialize((await postgres.ReportsOf(allIds)).OrderBy(r => r.Key, StringComparer.Ordinal), LedgerJson.Options)
            .Should().Be(JsonSerializer.Serialize((await sqlite.ReportsOf(allIds)).OrderBy(r => r.Key, StringComparer.Ordinal), LedgerJson.Options));

        // Instants worth asking at: the light's edges (and a tick either side) of every history, and random ones.
        var random = new Random(Seed);
        var end = histories.Max(h => h.Events[^1].At);
        var instants = histories.SelectMany(h => RandomHistory.InstantsWithin(random, h.State, Start, end + TimeSpan.FromDays(3)))
            .OrderBy(_ => random.Next()).Take(24).Append(Start).Append(end).Append(end + TimeSpan.FromDays(3)).ToList();
        var grids = histories.SelectMany(h => h.State.Placement?.Chain ?? []).Distinct().Order(StringComparer.Ordinal).ToList();
        var created = histories.Select(h => h.State.CreatedAt).Order().ToList();
        var closed = histories.Select(h => h.State.VisitClosedAt).OfType<DateTimeOffset>().ToList();
        grids.Should().NotBeEmpty();

        foreach (var at in instants)
        {
            var all = new IncidentQuery(null, null, null, null, null, at, 0, 1_000);
            await Alike(all, "everything");
            foreach (var overdue in new[] { true, false }) await Alike(all with { Overdue = overdue }, $"overdue {overdue} at {at:O}");
            foreach (var light in Enum.GetValues<SlaLight>()) await Alike(all with { Light = light }, $"{light} at {at:O}");
        }
        var always = new IncidentQuery(null, null, null, null, null, end, 0, 1_000);
        foreach (var status in Enum.GetValues<IncidentStatus>()) await Alike(always with { Status = status }, $"{status}");
        for (var step = 1; step <= 9; step++) await Alike(always with { Step = step }, $"step {step}");
        foreach (var open in new[] { true, false }) await Alike(always with { Open = open }, $"open {open}");
        foreach (var grid in grids)
        {
            await Alike(always with { GridId = grid }, grid);
            await Alike(always with { GridId = grid, Open = true, Overdue = true }, grid + ", open and overdue");
            (await postgres.OpenIn(grid)).Select(s => s.Id).Should().BeEquivalentTo(Ids(await sqlite.OpenIn(grid)), grid);
            (await postgres.OpenIn(grid, subtree: true)).Select(s => s.Id).Should().BeEquivalentTo(Ids(await sqlite.OpenIn(grid, subtree: true)), grid + " and below");
        }
        foreach (var member in new[] { "M1", "M2", "M3", "M4" })
            (await postgres.OpenAssignedTo(member)).Select(s => s.Id).Should().BeEquivalentTo(Ids(await sqlite.OpenAssignedTo(member)), member);
        foreach (var since in new[] { Start, created[created.Count / 2], created[created.Count / 2].AddTicks(1) })
            (await postgres.OpenNear("E0102", 31.9, 120.28, 100, since)).Select(s => s.Id).Should().BeEquivalentTo(Ids(await sqlite.OpenNear("E0102", 31.9, 120.28, 100, since)));
        foreach (var c in created.Where((_, i) => i % 17 == 0))
        {
            await Alike(always with { From = c, To = c.AddHours(12) }, $"created from {c:O}");
            await Alike(always with { From = c.AddTicks(1), To = c.AddTicks(1).AddHours(12) }, $"created from a tick after {c:O}");
            await Alike(always with { From = c.AddTicks(-1), To = c }, $"created up to {c:O}");
        }
        foreach (var c in closed)
        {
            await Alike(always with { VisitClosedFrom = c, VisitClosedTo = c.AddTicks(1) }, $"visit closed at {c:O}");
            await Alike(always with { VisitClosedFrom = c.AddTicks(1), VisitClosedTo = c.AddDays(2) }, $"visit closed after {c:O}");
        }
        // Page by page, as the desk pages.
        var total = (await sqlite.Query(always)).Total;
        for (var offset = 0; offset < total; offset += 7) await Alike(always with { Offset = offset, Limit = 7 }, $"page at {offset}");
        (await postgres.Stream(always).Select(s => s.Id).ToListAsync()).Should().Equal(await sqlite.Stream(always).Select(s => s.Id).ToListAsync());

        // Replay windows: whole, a day, from a tick after an event, and one town's share.
        var starts = histories.SelectMany(h => h.Events).Select(e => e.At).OrderBy(_ => random.Next()).Take(12).ToList();
        var windows = new List<(DateTimeOffset From, DateTimeOffset To)> { (Start, end.AddTicks(1)) };
        windows.AddRange(starts.Select(s => (s, s.AddDays(1))));
        windows.AddRange(starts.Select(s => (s.AddTicks(1), s.AddDays(1).AddTicks(1))));
        var town = histories.Where((_, i) => i % 3 == 0).Select(h => h.Id).ToHashSet();
        foreach (var (from, to) in windows)
        {
            (await postgres.ReadWindow(from, to).Select(e => (e.IncidentId, e.Sequence)).ToListAsync())
                .Should().Equal(await sqlite.ReadWindow(from, to).Select(e => (e.IncidentId, e.Sequence)).ToListAsync(), $"the window from {from:O}");
            (await postgres.ReadWindowOf(town, from, to).Select(e => (e.IncidentId, e.Sequence)).ToListAsync())
                .Should().Equal(await sqlite.ReadWindowOf(town, from, to).Select(e => (e.IncidentId, e.Sequence)).ToListAsync(), $"a town's window from {from:O}");
        }
        foreach (var at in instants)
            (await postgres.DueForWake(at, int.MaxValue)).Should().BeEquivalentTo(await sqlite.DueForWake(at, int.MaxValue), $"due at {at:O}");
    }
}
