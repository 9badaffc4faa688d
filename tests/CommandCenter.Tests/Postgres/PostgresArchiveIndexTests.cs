using CommandCenter.Grains.Archive;
using CommandCenter.Grains.Incidents;
using CommandCenter.Storage;
using CommandCenter.Storage.Postgres;
using Npgsql;

namespace CommandCenter.Tests.Postgres;

/// <summary>
/// The PostgreSQL archive index as the SQLite one behaves: a move records where the sealed record lies and drops the
/// incident's hot events in one transaction (its summary stays for lists), finds it by id and by the span of its events,
/// and names archived incidents whose events were not sealed yet. Read through <see cref="ArchiveReadingLedger"/>, an
/// archived incident reads as before.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PostgresArchiveIndexTests(PostgresDatabases databases) : IClassFixture<PostgresDatabases>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    private static IncidentEvent Event(string id, int sequence, DateTimeOffset at, IncidentStatus to) => new()
    {
        IncidentId = id, Sequence = sequence, At = at, Action = IncidentAction.Report, Actor = "operator1", ActorRole = "operator",
        From = IncidentStatus.Reported, To = to,
    };

    private static IncidentSummary Summary(string id, IncidentStatus status, int version) => new(
        id, status, IncidentSteps.StepOf(status), "E0102", Grains.Catalogue.Priority.Normal, "hotline", "JY10-01-08", ["JY10-01-08", "JY10-01", "JY10", "JY"], null,
        31.75, 120.34, T0, T0, null, null, null, false, EscalationRung.None, null, version, false, new Grains.Sla.SlaLightCourse(null, null, null));

    /// <summary>An archive store in memory: what the ledger sealed, by location.</summary>
    private sealed class Shelf : IArchiveStore
    {
        public Dictionary<ArchiveLocation, IReadOnlyList<IncidentEvent>> Records { get; } = [];

        public Task<IReadOnlyList<ArchiveLocation>> Seal(DateOnly day, IReadOnlyList<IReadOnlyList<IncidentEvent>> incidents, CancellationToken cancellationToken = default)
        {
            var locations = incidents.Select((events, i) =>
            {
                var location = new ArchiveLocation($"{day:yyyy-MM-dd}.ndjson.gz", Records.Count + i + 1);
                Records[location] = events;
                return location;
            }).ToList();
            return Task.FromResult<IReadOnlyList<ArchiveLocation>>(locations);
        }

        public Task<IReadOnlyList<IncidentEvent>> Read(ArchiveLocation location, CancellationToken cancellationToken = default) => Task.FromResult(Records[location]);

        public Task<ArchiveVerification> Verify(CancellationToken cancellationToken = default) => Task.FromResult(new ArchiveVerification(true, []));
    }

    private static async Task<long> Count(NpgsqlDataSource source, string sql)
    {
        await using var command = source.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_move_records_the_location_and_drops_the_hot_events_together_and_the_incident_still_reads_whole()
    {
        var source = await databases.Fresh();
        var hot = new PostgresIncidentLedger(source);
        var index = new PostgresArchiveIndex(source);
        var shelf = new Shelf();
        var ledger = new ArchiveReadingLedger(hot, index, shelf);
        // Its last event seven ticks into a microsecond: a window from that very instant still finds it.
        var last = T0.AddHours(2).AddTicks(7);
        List<IncidentEvent> a1 = [Event("A1", 1, T0, IncidentStatus.Gridded), Event("A1", 2, last, IncidentStatus.Archived)];
        await hot.Append(a1, Summary("A1", IncidentStatus.Archived, 2));
        await hot.Append([Event("B1", 1, T0.AddHours(1), IncidentStatus.Gridded)], Summary("B1", IncidentStatus.Gridded, 1));
        (await index.ArchivedButStillHot(10)).Should().Equal("A1");

        var location = (await shelf.Seal(new DateOnly(2026, 3, 2), [a1])).Single();
        await index.Move("A1", location, a1[0].At, a1[^1].At);

        (await hot.Read("A1")).Should().BeEmpty("the hot store no longer holds its events");
        (await Count(source, "SELECT count(*) FROM cc_incident_summaries WHERE id = 'A1'")).Should().Be(1, "lists still find it");
        (await index.Find("A1")).Should().Be(location);
        (await index.Find("B1")).Should().BeNull();
        (await index.ArchivedButStillHot(10)).Should().BeEmpty();
        (await ledger.Read("A1")).Select(e => e.Sequence).Should().Equal(1, 2);
        (await index.Overlapping(last, last.AddTicks(1))).Select(o => o.IncidentId).Should().Equal("A1");
        (await index.Overlapping(T0.AddHours(3), T0.AddHours(4))).Should().BeEmpty();
        (await index.Overlapping(T0.AddHours(-1), T0)).Should().BeEmpty("the window ends before its first event");
        (await ledger.ReadWindow(T0, T0.AddHours(3)).ToListAsync()).Select(e => (e.IncidentId, e.Sequence))
            .Should().Equal(("A1", 1), ("B1", 1), ("A1", 2));
        (await ledger.ReadWindow(last.AddTicks(1), T0.AddHours(3)).ToListAsync()).Should().BeEmpty("the window starts after its last event");

        await index.Move("A1", location with { Line = 9 }, a1[0].At, a1[^1].At);
        (await index.Find("A1")).Should().Be(location with { Line = 9 }, "a move run again records where the record lies now");
    }
}
