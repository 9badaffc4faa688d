using CommandCenter.Grains.Members;
using Microsoft.Data.Sqlite;

namespace CommandCenter.Storage;

/// <summary>The embedded profile's patrol tracks: one row per kept fix, keyed by member and time, group-committed with everything else.</summary>
public sealed class SqlitePatrolTracks(SqliteDatabase database) : IPatrolTracks
{
    public static readonly string[] Schema =
    [
        """
        CREATE TABLE IF NOT EXISTS patrol_track (
            member_id TEXT NOT NULL,
            at_ticks  INTEGER NOT NULL,
            lat       REAL NOT NULL,
            lon       REAL NOT NULL,
            PRIMARY KEY (member_id, at_ticks)
        ) WITHOUT ROWID
        """,
    ];

    public Task Append(string memberId, IReadOnlyList<Fix> fixes) => fixes.Count == 0 ? Task.CompletedTask : database.Write((connection, transaction) =>
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        // A fix at an instant already kept (a phone's retry) is the same fix: the first one stays.
        insert.CommandText = "INSERT OR IGNORE INTO patrol_track (member_id, at_ticks, lat, lon) VALUES ($m, $at, $lat, $lon)";
        var m = insert.Parameters.AddWithValue("$m", memberId);
        var at = insert.Parameters.Add("$at", SqliteType.Integer);
        var lat = insert.Parameters.Add("$lat", SqliteType.Real);
        var lon = insert.Parameters.Add("$lon", SqliteType.Real);
        foreach (var fix in fixes)
        {
            at.Value = fix.At.UtcTicks;
            lat.Value = fix.Lat;
            lon.Value = fix.Lon;
            insert.ExecuteNonQuery();
        }
        return fixes.Count;
    });

    public async Task<IReadOnlyList<Fix>> Between(string memberId, DateTimeOffset from, DateTimeOffset to)
    {
        await using var connection = database.OpenRead();
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT at_ticks, lat, lon FROM patrol_track WHERE member_id = $m AND at_ticks BETWEEN $from AND $to ORDER BY at_ticks";
        query.Parameters.AddWithValue("$m", memberId);
        query.Parameters.AddWithValue("$from", from.UtcTicks);
        query.Parameters.AddWithValue("$to", to.UtcTicks);
        var fixes = new List<Fix>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync()) fixes.Add(Read(reader));
        return fixes;
    }

    public async Task<Fix?> Last(string memberId)
    {
        await using var connection = database.OpenRead();
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT at_ticks, lat, lon FROM patrol_track WHERE member_id = $m ORDER BY at_ticks DESC LIMIT 1";
        query.Parameters.AddWithValue("$m", memberId);
        await using var reader = await query.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    public Task Forget(string memberId, DateTimeOffset before) => database.Write((connection, transaction) =>
    {
        using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM patrol_track WHERE member_id = $m AND at_ticks < $before";
        delete.Parameters.AddWithValue("$m", memberId);
        delete.Parameters.AddWithValue("$before", before.UtcTicks);
        return delete.ExecuteNonQuery();
    });

    /// <summary>
    /// Member by member (found by stepping through the primary key, never a scan), each member's old rows in batches
    /// of at most 5,000 per write, so the nightly run never holds the writer long.
    /// </summary>
    public async Task<long> ForgetAll(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        long dropped = 0;
        var previous = "";
        while (await NextMember(previous) is { } memberId)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int batch;
            do
            {
                batch = await database.Write((connection, transaction) =>
                {
                    using var delete = connection.CreateCommand();
                    delete.Transaction = transaction;
                    delete.CommandText = """
                        DELETE FROM patrol_track WHERE member_id = $m AND at_ticks IN
                            (SELECT at_ticks FROM patrol_track WHERE member_id = $m AND at_ticks < $before ORDER BY at_ticks LIMIT 5000)
                        """;
                    delete.Parameters.AddWithValue("$m", memberId);
                    delete.Parameters.AddWithValue("$before", before.UtcTicks);
                    return delete.ExecuteNonQuery();
                });
                dropped += batch;
            } while (batch == 5000);
            previous = memberId;
        }
        return dropped;
    }

    private async Task<string?> NextMember(string after)
    {
        await using var connection = database.OpenRead();
        await using var query = connection.CreateCommand();
        query.CommandText = "SELECT member_id FROM patrol_track WHERE member_id > $after ORDER BY member_id LIMIT 1";
        query.Parameters.AddWithValue("$after", after);
        return await query.ExecuteScalarAsync() as string;
    }

    private static Fix Read(SqliteDataReader reader) =>
        new(reader.GetDouble(1), reader.GetDouble(2), new DateTimeOffset(reader.GetInt64(0), TimeSpan.Zero));
}
