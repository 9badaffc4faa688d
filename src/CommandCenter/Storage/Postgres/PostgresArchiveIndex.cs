using CommandCenter.Grains.Archive;
using Npgsql;
using static CommandCenter.Storage.Postgres.PostgresSql;

namespace CommandCenter.Storage.Postgres;

/// <summary>
/// The PostgreSQL profile's archive index (cc_archive_index, migration 0120_archive_index): incident id → archive file and
/// line, with the span of its events for window reads. Lives in the ledger's database, so moving an incident out of the
/// hot store is one transaction: the index row appears and the incident's events leave cc_incident_events together.
/// </summary>
public sealed class PostgresArchiveIndex(NpgsqlDataSource dataSource) : IArchiveIndex
{
    public async Task Move(string incidentId, ArchiveLocation location, DateTimeOffset firstAt, DateTimeOffset lastAt)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var index = new NpgsqlCommand("""
            INSERT INTO cc_archive_index (incident_id, file, line, first_at, last_at) VALUES (@id, @file, @line, @first, @last)
            ON CONFLICT (incident_id) DO UPDATE SET file = EXCLUDED.file, line = EXCLUDED.line, first_at = EXCLUDED.first_at, last_at = EXCLUDED.last_at
            """, connection, transaction))
        {
            index.Parameters.Add(Of("id", incidentId));
            index.Parameters.Add(Of("file", location.File));
            index.Parameters.Add(Of("line", location.Line));
            // The span widened to whole microseconds: a window read finds every archived incident with an event in it
            // (and the reader keeps only the events inside the window).
            index.Parameters.Add(Of("first", PostgresInstant.Microsecond(firstAt)));
            index.Parameters.Add(Of("last", PostgresInstant.MicrosecondAtOrAfter(lastAt)));
            await index.ExecuteNonQueryAsync();
        }
        await using (var drop = new NpgsqlCommand("DELETE FROM cc_incident_events WHERE incident_id = @id", connection, transaction))
        {
            drop.Parameters.Add(Of("id", incidentId));
            await drop.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    public async Task<ArchiveLocation?> Find(string incidentId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT file, line FROM cc_archive_index WHERE incident_id = @id", connection);
        command.Parameters.Add(Of("id", incidentId));
        await command.PrepareAsync();
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new ArchiveLocation(reader.GetString(0), reader.GetInt32(1)) : null;
    }

    public async Task<IReadOnlyList<(string IncidentId, ArchiveLocation Location)>> Overlapping(DateTimeOffset from, DateTimeOffset to)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(
            "SELECT incident_id, file, line FROM cc_archive_index WHERE first_at < @to AND last_at >= @from ORDER BY file, line", connection);
        command.Parameters.Add(Of("from", PostgresInstant.Microsecond(from)));
        command.Parameters.Add(Of("to", PostgresInstant.MicrosecondAtOrAfter(to)));
        await command.PrepareAsync();
        var found = new List<(string, ArchiveLocation)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) found.Add((reader.GetString(0), new ArchiveLocation(reader.GetString(1), reader.GetInt32(2))));
        return found;
    }

    public async Task<IReadOnlyList<string>> ArchivedButStillHot(int limit)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("""
            SELECT s.id FROM cc_incident_summaries s
            WHERE s.status = 'Archived' AND NOT EXISTS (SELECT 1 FROM cc_archive_index a WHERE a.incident_id = s.id)
            ORDER BY s.id LIMIT @limit
            """, connection);
        command.Parameters.Add(Of("limit", (long)limit));
        await command.PrepareAsync();
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }
}
