using CommandCenter.Grains.Archive;
using Microsoft.Data.Sqlite;

namespace CommandCenter.Storage;

/// <summary>
/// The embedded profile's archive index: incident id → archive file and line, with the span of its
/// events for window reads. Lives in the ledger's SQLite file so the move out of the hot store is one
/// transaction: the index row appears and the events disappear together.
/// </summary>
public sealed class SqliteArchiveIndex(SqliteDatabase database) : IArchiveIndex
{
    public static readonly string[] Schema =
    [
        """
        CREATE TABLE IF NOT EXISTS archive_index (
            incident_id TEXT PRIMARY KEY,
            file        TEXT NOT NULL,
            line        INTEGER NOT NULL,
            first_ticks INTEGER NOT NULL,
            last_ticks  INTEGER NOT NULL
        ) WITHOUT ROWID
        """,
        "CREATE INDEX IF NOT EXISTS archive_index_by_time ON archive_index (first_ticks, last_ticks)",
    ];

    public async Task Move(string incidentId, ArchiveLocation location, DateTimeOffset firstAt, DateTimeOffset lastAt)
    {
        await database.Write((connection, transaction) =>
        {
            Run(connection, transaction, """
                INSERT INTO archive_index (incident_id, file, line, first_ticks, last_ticks) VALUES ($id, $file, $line, $first, $last)
                ON CONFLICT (incident_id) DO UPDATE SET file = $file, line = $line, first_ticks = $first, last_ticks = $last
                """, ("$id", incidentId), ("$file", location.File), ("$line", location.Line), ("$first", firstAt.UtcTicks), ("$last", lastAt.UtcTicks));
            Run(connection, transaction, "DELETE FROM incident_events WHERE incident_id = $id", ("$id", incidentId));
            return 0;
        });
    }

    public async Task<ArchiveLocation?> Find(string incidentId)
    {
        await using var connection = database.OpenRead();
        await using var command = Command(connection, "SELECT file, line FROM archive_index WHERE incident_id = $id", ("$id", incidentId));
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new ArchiveLocation(reader.GetString(0), reader.GetInt32(1)) : null;
    }

    public async Task<IReadOnlyList<(string IncidentId, ArchiveLocation Location)>> Overlapping(DateTimeOffset from, DateTimeOffset to)
    {
        await using var connection = database.OpenRead();
        await using var command = Command(connection,
            "SELECT incident_id, file, line FROM archive_index WHERE first_ticks < $to AND last_ticks >= $from ORDER BY file, line",
            ("$from", from.UtcTicks), ("$to", to.UtcTicks));
        var found = new List<(string, ArchiveLocation)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) found.Add((reader.GetString(0), new ArchiveLocation(reader.GetString(1), reader.GetInt32(2))));
        return found;
    }

    public async Task<IReadOnlyList<string>> ArchivedButStillHot(int limit)
    {
        await using var connection = database.OpenRead();
        await using var command = Command(connection,
            "SELECT id FROM incidents WHERE status = 'Archived' AND id NOT IN (SELECT incident_id FROM archive_index) ORDER BY id LIMIT $limit",
            ("$limit", limit));
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetString(0));
        return ids;
    }

    private static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string, object)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }
}
