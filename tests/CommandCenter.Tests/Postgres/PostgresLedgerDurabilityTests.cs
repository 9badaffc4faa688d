using System.Collections.Concurrent;
using CommandCenter.Grains.Incidents;
using CommandCenter.Storage.Postgres;
using CommandCenter.Tests.Support;
using Npgsql;

namespace CommandCenter.Tests.Postgres;

/// <summary>
/// Nothing acknowledged is lost: appends answered OK before the database server is killed (SIGKILL, no chance to write
/// more) are all there when it starts again on its files; an append while it is down fails; an append cut off by the kill
/// is there whole or not at all.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class PostgresLedgerDurabilityTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

    private static IncidentEvent Event(string id, int sequence, IncidentStatus to) => new()
    {
        IncidentId = id, Sequence = sequence, At = T0.AddSeconds(sequence), Action = IncidentAction.Report, Actor = "operator1", ActorRole = "operator",
        From = IncidentStatus.Reported, To = to,
    };

    private static IncidentSummary Summary(string id, IncidentStatus status, int version) => new(
        id, status, IncidentSteps.StepOf(status), "E0102", Grains.Catalogue.Priority.Normal, "hotline", "JY10-01-08", ["JY10-01-08", "JY10-01", "JY10", "JY"], null,
        31.75, 120.34, T0, T0, null, null, null, false, EscalationRung.None, null, version, false, new Grains.Sla.SlaLightCourse(null, null, null));

    /// <summary>An incident's two appends: reported and located (events 1–2), then dispatched (event 3).</summary>
    private static async Task Write(PostgresIncidentLedger ledger, string id, ConcurrentDictionary<string, int> acknowledged)
    {
        await ledger.Append([Event(id, 1, IncidentStatus.Reported), Event(id, 2, IncidentStatus.Gridded)], Summary(id, IncidentStatus.Gridded, 2));
        acknowledged[id] = 2;
        await ledger.Append([Event(id, 3, IncidentStatus.Dispatched)], Summary(id, IncidentStatus.Dispatched, 3));
        acknowledged[id] = 3;
    }

    [Fact]
    public async Task Every_acknowledged_append_survives_a_kill_of_the_server_and_none_is_half_written()
    {
        await using var server = await PostgresServer.Start();
        var connectionString = server.ConnectionString(await server.CreateDatabase());
        await PostgresSchema.Migrate(connectionString);
        var acknowledged = new ConcurrentDictionary<string, int>();

        await using (var source = NpgsqlDataSource.Create(connectionString))
        {
            var ledger = new PostgresIncidentLedger(source);
            // Eight writers append incident after incident until the server dies under them.
            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                for (var i = 0; ; i++)
                {
                    try { await Write(ledger, $"D{w}-{i:D5}", acknowledged); }
                    catch (NpgsqlException) { return; }
                }
            })).ToList();
            while (acknowledged.Count < 200 && !writers.Any(w => w.IsCompleted)) await Task.Delay(10);
            writers.Should().OnlyContain(w => !w.IsCompleted, "the writers ran until the kill");

            server.Kill();
            await Task.WhenAll(writers);

            var duringTheOutage = () => ledger.Append([Event("X1", 1, IncidentStatus.Reported)], Summary("X1", IncidentStatus.Reported, 1));
            await duringTheOutage.Should().ThrowAsync<NpgsqlException>("no append is acknowledged while the database is down");
        }

        await server.Run();
        await using var restarted = NpgsqlDataSource.Create(connectionString);
        var after = new PostgresIncidentLedger(restarted);
        acknowledged.Count.Should().BeGreaterThanOrEqualTo(200);
        foreach (var (id, sequence) in acknowledged)
            (await after.Read(id)).Count.Should().BeGreaterThanOrEqualTo(sequence, $"{id}'s acknowledged events are kept");
        var summaries = (await after.Query(new IncidentQuery(null, null, null, null, null, T0, 0, int.MaxValue))).Items;
        summaries.Select(s => s.Id).Should().Contain(acknowledged.Keys).And.NotContain("X1");
        (await after.Read("X1")).Should().BeEmpty();
        await using var pairs = restarted.CreateCommand("""
            SELECT s.id, s.version, (SELECT count(*) FROM cc_incident_events e WHERE e.incident_id = s.id) FROM cc_incident_summaries s
            UNION ALL
            SELECT e.incident_id, -1, count(*) FROM cc_incident_events e WHERE NOT EXISTS (SELECT 1 FROM cc_incident_summaries s WHERE s.id = e.incident_id) GROUP BY e.incident_id
            """);
        await using var reader = await pairs.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            reader.GetInt64(2).Should().Be(reader.GetInt32(1), $"{reader.GetString(0)}'s summary and events were written together or not at all");
    }
}
