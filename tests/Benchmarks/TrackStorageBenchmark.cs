using System.Diagnostics;
using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Members;
using CommandCenter.Grains.Patrol;
using CommandCenter.Storage;
using Microsoft.Data.Sqlite;
using StackExchange.Redis;

namespace CommandCenter.Benchmarks;

/// <summary>
/// What a member-day of patrol costs in storage: a realistic day (one fix every 10 s for 6 h of patrol, 2,160 fixes,
/// positions at a phone's full precision, instants with milliseconds) written with the real stores, in the batches
/// the phone sends (one request every 10 s, so a few fixes each). SQLite: the file after a WAL checkpoint, divided by
/// the member-days; Redis: MEMORY USAGE of a track key holding one day.
/// </summary>
internal static class TrackStorageBenchmark
{
    private const int FixesPerDay = 6 * 360;

    public static async Task Run(string root, int members, int days)
    {
        var directory = Path.Combine(Path.GetTempPath(), "cc-bench-tracks", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "tracks.db");
        try
        {
            long fixes = 0;
            await using (var database = new SqliteDatabase(file, SqlitePatrolTracks.Schema))
            {
                var tracks = new SqlitePatrolTracks(database);
                var emptyBytes = Size(file);
                var start = new DateTimeOffset(2026, 11, 2, 0, 30, 0, TimeSpan.Zero);
                for (var day = 0; day < days; day++)
                    await Parallel.ForEachAsync(Enumerable.Range(1, members), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (m, _) =>
                    {
                        var memberId = $"M{m:D5}";
                        var walk = Day(m * 1_000 + day, start.AddDays(day));
                        // The phone's batches: every 10 s, the fixes collected since (here 1–3 each, 2,160 a day in ~1,000 requests).
                        for (var i = 0; i < walk.Count;)
                        {
                            var n = Math.Min(1 + (i % 3), walk.Count - i);
                            await tracks.Append(memberId, walk.GetRange(i, n));
                            i += n;
                        }
                        Interlocked.Add(ref fixes, walk.Count);
                    });
                await database.Write((connection, transaction) => 0);
                var memberDays = (double)members * days;
                using (var connection = new SqliteConnection($"Data Source={file}"))
                {
                    connection.Open();
                    using var checkpoint = connection.CreateCommand();
                    checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                    checkpoint.ExecuteNonQuery();
                    using var tableSize = connection.CreateCommand();
                    tableSize.CommandText = "SELECT SUM(pgsize) FROM dbstat WHERE name = 'patrol_track'";
                    long? table;
                    try { table = tableSize.ExecuteScalar() is long t ? t : null; }
                    catch (SqliteException) { table = null; } // this SQLite build has no dbstat table
                    var fileBytes = Size(file);
                    Console.WriteLine($"SQLite patrol_track: {members} members × {days} days × {FixesPerDay} fixes = {fixes:N0} rows");
                    Console.WriteLine($"  file after checkpoint: {fileBytes / 1024.0 / 1024:0.0} MB (empty: {emptyBytes / 1024.0:0} KB) → {(fileBytes - emptyBytes) / memberDays / 1024:0.0} KB per member-day, {(double)(fileBytes - emptyBytes) / fixes:0.0} bytes per fix");
                    if (table is { } tb) Console.WriteLine($"  table pages (dbstat): {tb / memberDays / 1024:0.0} KB per member-day, {(double)tb / fixes:0.0} bytes per fix");
                }
                await Summaries(root, tracks, members, start);
            }
            await RedisDay();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// What one read of a member's day costs (what GET /api/members/{id}/patrol does for a day): the day's fixes from the
    /// store, the rule, and every kept fix located to its grid on the sample city.
    /// </summary>
    private static async Task Summaries(string root, SqlitePatrolTracks tracks, int members, DateTimeOffset day)
    {
        var hierarchy = GridImport.Read(File.ReadAllText(Path.Combine(root, "samples", "Jiangyin", "grids.geojson"))).Hierarchy
                        ?? throw new InvalidOperationException("sample grids rejected");
        var index = new GridIndex(hierarchy);
        double read = 0, rule = 0;
        var clock = Stopwatch.StartNew();
        for (var m = 1; m <= members; m++)
        {
            clock.Restart();
            var fixes = await tracks.Between($"M{m:D5}", day, day.AddDays(1));
            read += clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            PatrolStatistics.Summarise(fixes, PatrolFilter.Default, f => index.Locate(f.Lat, f.Lon)?.Grid.Id);
            rule += clock.Elapsed.TotalMilliseconds;
        }
        Console.WriteLine($"  one member-day summarised ({members} read one after another): read {read / members:0.0} ms + rule and grids {rule / members:0.0} ms " +
                          $"= {(read + rule) / members:0.0} ms, ≈ {members * 1000 / (read + rule):0} member-days/s on one core");
    }

    private static async Task RedisDay()
    {
        if (!File.Exists("/usr/bin/redis-server")) { Console.WriteLine("Redis: /usr/bin/redis-server missing, skipped"); return; }
        await using var redis = await RedisLauncher.Start();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var keys = new RedisLedgerKeys("grid-command-center");
        var tracks = new RedisPatrolTracks(connection, keys);
        var walk = Day(7, new DateTimeOffset(2026, 11, 2, 0, 30, 0, TimeSpan.Zero));
        for (var i = 0; i < walk.Count; i += 2) await tracks.Append("M00001", walk.GetRange(i, Math.Min(2, walk.Count - i)));
        var usage = (long)await connection.GetDatabase().ExecuteAsync("MEMORY", "USAGE", (string)keys.Track("M00001")!, "SAMPLES", "0");
        Console.WriteLine($"Redis track key, one member-day ({walk.Count} fixes): MEMORY USAGE {usage / 1024.0:0.0} KB, {(double)usage / walk.Count:0.0} bytes per fix");
    }

    /// <summary>Six hours of walking from 08:30 city time: a fix every 10 s (±0.5 s), ~14 m apart, turning now and then.</summary>
    private static List<Fix> Day(int seed, DateTimeOffset from)
    {
        var random = new Random(seed);
        var (lat, lon, heading) = (31.75 + random.NextDouble() * 0.2, 120.2 + random.NextDouble() * 0.3, random.NextDouble() * 2 * Math.PI);
        var fixes = new List<Fix>(FixesPerDay);
        for (var i = 0; i < FixesPerDay; i++)
        {
            if (random.NextDouble() < 0.02) heading += (random.NextDouble() - 0.5) * Math.PI;
            lat += 14 * Math.Cos(heading) / 111_195 + random.NextDouble() * 2e-5 - 1e-5;
            lon += 14 * Math.Sin(heading) / 94_500 + random.NextDouble() * 2e-5 - 1e-5;
            fixes.Add(new Fix(lat, lon, from.AddMilliseconds(i * 10_000 + random.Next(-500, 500))));
        }
        return fixes;
    }

    private static long Size(string file) => new FileInfo(file).Length + (File.Exists(file + "-wal") ? new FileInfo(file + "-wal").Length : 0);
}
