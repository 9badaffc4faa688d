using CommandCenter.Grains.Members;
using Npgsql;
using static CommandCenter.Storage.Postgres.PostgresSql;

namespace CommandCenter.Storage.Postgres;

/// <summary>
/// The PostgreSQL profile's patrol tracks (cc_patrol_fixes, migration 0110_patrol_tracks): one row per kept fix, keyed by
/// member and instant. A batch is one statement, committed before its task completes; a fix at an instant already kept (a
/// phone's retry) is the same fix, and the first one stays.
/// </summary>
public sealed class PostgresPatrolTracks(NpgsqlDataSource dataSource) : IPatrolTracks
{
    private const int ForgetBatch = 5_000;

    public async Task Append(string memberId, IReadOnlyList<Fix> fixes)
    {
        if (fixes.Count == 0) return;
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var insert = new NpgsqlCommand("""
            INSERT INTO cc_patrol_fixes (member_id, at, at_tick, lat, lon)
            SELECT @m, f.at, f.tick, f.lat, f.lon FROM unnest(@ats, @ticks, @lats, @lons) AS f(at, tick, lat, lon)
            ON CONFLICT (member_id, at, at_tick) DO NOTHING
            """, connection);
        insert.Parameters.Add(Of("m", memberId));
        insert.Parameters.Add(Of("ats", fixes.Select(f => PostgresInstant.Microsecond(f.At)).ToArray()));
        insert.Parameters.Add(Of("ticks", fixes.Select(f => PostgresInstant.Tick(f.At)).ToArray()));
        insert.Parameters.Add(Of("lats", fixes.Select(f => f.Lat).ToArray()));
        insert.Parameters.Add(Of("lons", fixes.Select(f => f.Lon).ToArray()));
        await insert.PrepareAsync();
        await insert.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<Fix>> Between(string memberId, DateTimeOffset from, DateTimeOffset to)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var query = new NpgsqlCommand("""
            SELECT at, at_tick, lat, lon FROM cc_patrol_fixes
            WHERE member_id = @m AND (at, at_tick) >= (@from, @fromTick) AND (at, at_tick) <= (@to, @toTick)
            ORDER BY at, at_tick
            """, connection);
        query.Parameters.Add(Of("m", memberId));
        query.Parameters.Add(Of("from", PostgresInstant.Microsecond(from)));
        query.Parameters.Add(Of("fromTick", PostgresInstant.Tick(from)));
        query.Parameters.Add(Of("to", PostgresInstant.Microsecond(to)));
        query.Parameters.Add(Of("toTick", PostgresInstant.Tick(to)));
        await query.PrepareAsync();
        var fixes = new List<Fix>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync()) fixes.Add(Read(reader));
        return fixes;
    }

    public async Task<Fix?> Last(string memberId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var query = new NpgsqlCommand(
            "SELECT at, at_tick, lat, lon FROM cc_patrol_fixes WHERE member_id = @m ORDER BY at DESC, at_tick DESC LIMIT 1", connection);
        query.Parameters.Add(Of("m", memberId));
        await query.PrepareAsync();
        await using var reader = await query.ExecuteReaderAsync();
        return await reader.ReadAsync() ? Read(reader) : null;
    }

    public async Task Forget(string memberId, DateTimeOffset before)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var delete = new NpgsqlCommand("DELETE FROM cc_patrol_fixes WHERE member_id = @m AND (at, at_tick) < (@before, @beforeTick)", connection);
        delete.Parameters.Add(Of("m", memberId));
        delete.Parameters.Add(Of("before", PostgresInstant.Microsecond(before)));
        delete.Parameters.Add(Of("beforeTick", PostgresInstant.Tick(before)));
        await delete.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Member by member (found by stepping through the primary key, never a scan), each member's old rows in batches of at
    /// most 5,000 per transaction, so the nightly run never holds many rows locked long.
    /// </summary>
    public async Task<long> ForgetAll(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        long dropped = 0;
        var previous = "";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? memberId;
            await using (var next = new NpgsqlCommand("SELECT member_id FROM cc_patrol_fixes WHERE member_id > @after ORDER BY member_id LIMIT 1", connection))
            {
                next.Parameters.Add(Of("after", previous));
                memberId = await next.ExecuteScalarAsync(cancellationToken) as string;
            }
            if (memberId is null) return dropped;
            int batch;
            do
            {
                await using var delete = new NpgsqlCommand("""
                    DELETE FROM cc_patrol_fixes f USING (
                        SELECT at, at_tick FROM cc_patrol_fixes
                        WHERE member_id = @m AND (at, at_tick) < (@before, @beforeTick) ORDER BY at, at_tick LIMIT @batch) old
                    WHERE f.member_id = @m AND f.at = old.at AND f.at_tick = old.at_tick
                    """, connection);
                delete.Parameters.Add(Of("m", memberId));
                delete.Parameters.Add(Of("before", PostgresInstant.Microsecond(before)));
                delete.Parameters.Add(Of("beforeTick", PostgresInstant.Tick(before)));
                delete.Parameters.Add(Of("batch", ForgetBatch));
                batch = await delete.ExecuteNonQueryAsync(cancellationToken);
                dropped += batch;
            } while (batch == ForgetBatch);
            previous = memberId;
        }
    }

    private static Fix Read(NpgsqlDataReader reader) =>
        new(reader.GetDouble(2), reader.GetDouble(3), PostgresInstant.Of(reader.GetFieldValue<DateTime>(0), reader.GetInt16(1)));
}
