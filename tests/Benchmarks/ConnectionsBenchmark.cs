using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Wall;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Benchmarks;

/// <summary>
/// Many live connections held at once, all over real sockets with MessagePack: walls following the
/// city and workers on their own channels (a city whose roster is extended with generated members so
/// every worker has an account). Then reports arrive at a steady rate and each is dispatched to a
/// connected worker: report → wall push latency (every wall), dispatch → worker push latency, the
/// center's memory with every connection held, and connections that failed or dropped.
/// </summary>
internal static class ConnectionsBenchmark
{
    public static async Task<IReadOnlyList<(string Figure, string Value)>> Run(string root, int walls, int workers, int reportsPerSecond, TimeSpan duration)
    {
        var city = CityWithMembers(root, workers);
        await using var center = await CenterLauncher.Start(root, $"--Samples:CityDirectory={city.Folder}",
            "--RateLimits:SignInPerMinute=100000", "--RateLimits:PublicIntakePerMinute=100000");
        var idle = center.ResidentBytes;
        var adminToken = center.MintToken("admin", Roles.Admin);
        var admin = center.ClientWithToken(adminToken);

        var wallSent = new ConcurrentDictionary<(double, double), long>();
        var wallLatency = new ConcurrentBag<double>();
        var createdToWall = new ConcurrentBag<double>(); // from the case's creation time on the server (same machine clock)
        var workerLatency = new ConcurrentBag<double>();
        var dispatchedAt = new ConcurrentDictionary<string, long>();
        var dropped = 0;

        HubConnection Connect(string token)
        {
            var connection = center.Hub(token);
            connection.ServerTimeout = TimeSpan.FromMinutes(2);
            connection.Closed += _ => { Interlocked.Increment(ref dropped); return Task.CompletedTask; };
            return connection;
        }

        // Connect with a bounded number of handshakes in flight: a burst of 11,000 would only queue.
        var connections = new ConcurrentBag<HubConnection>();
        var failed = new ConcurrentDictionary<string, int>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, walls), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (_, _) =>
        {
            var wall = Connect(adminToken);
            // A busy channel coalesces: a wall may first see an incident already dispatched, so count its first sight.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            wall.On<FeedBatch>("Feed", batch =>
            {
                var now = Stopwatch.GetTimestamp();
                var wallClock = DateTimeOffset.UtcNow;
                foreach (var d in batch.Incidents)
                    if (d.Lat is { } lat && d.Lon is { } lon && wallSent.TryGetValue((lat, lon), out var sent) && seen.Add(d.Id))
                    {
                        wallLatency.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
                        createdToWall.Add((wallClock - d.CreatedAt).TotalMilliseconds);
                    }
            });
            try
            {
                await wall.StartAsync();
                await wall.InvokeAsync<FeedSnapshot>("Follow", "scope:JY");
                connections.Add(wall);
            }
            catch (Exception e)
            {
                failed.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
                await wall.DisposeAsync();
            }
        });
        var wallsConnected = connections.Count;
        var wallSeconds = clock.Elapsed.TotalSeconds;
        var memberIds = city.MemberIds.Take(workers).ToList();
        var connectedWorkers = new ConcurrentBag<string>();
        clock.Restart();
        await Parallel.ForEachAsync(memberIds, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (memberId, _) =>
        {
            var worker = Connect(center.MintToken(memberId, Roles.Worker, memberId));
            worker.On<FeedBatch>("Feed", batch =>
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var n in batch.Notices)
                    if (n.Kind == "assignment" && dispatchedAt.TryRemove(n.IncidentId, out var sent)) workerLatency.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
            });
            try
            {
                await worker.StartAsync();
                connections.Add(worker);
                connectedWorkers.Add(memberId);
            }
            catch (Exception e)
            {
                failed.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
                await worker.DisposeAsync();
            }
        });
        var workerSeconds = clock.Elapsed.TotalSeconds;
        await Task.Delay(5000); // let the handshakes' garbage go before reading memory
        var rssHeld = center.ResidentBytes;
        var heapHeld = await center.GcHeapBytes();
        var loadHeld = PerfSuite.Load();
        Console.Error.WriteLine($"  {wallsConnected} walls in {wallSeconds:0} s, {connectedWorkers.Count} workers in {workerSeconds:0} s; center RSS {rssHeld / 1048576.0:N0} MiB; load {loadHeld}");

        // Points inside the city, found before the clock starts, so every report opens a case.
        var targets = connectedWorkers.ToList();
        var points = new List<(double Lat, double Lon)>();
        foreach (var (lat, lon) in OpenIncidentsBenchmark.Lattice())
        {
            if (points.Count >= reportsPerSecond * duration.TotalSeconds * 1.1 + 10) break;
            var answer = await admin.GetFromJsonAsync<JsonElement>(FormattableString.Invariant($"/api/grids/locate?lat={lat}&lon={lon}"));
            if (answer.GetProperty("inside").GetBoolean()) points.Add((lat, lon));
        }

        var sentCount = 0;
        var reportFailures = 0;
        var tasks = new List<Task>();
        var droppedBefore = Volatile.Read(ref dropped);
        var centerCpu = center.CpuTime;
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        while (clock.Elapsed < duration)
        {
            var due = Math.Min(points.Count, (int)(clock.Elapsed.TotalSeconds * reportsPerSecond));
            for (; sentCount < due; sentCount++)
            {
                var n = sentCount;
                tasks.Add(Task.Run(async () =>
                {
                    var (lat, lon) = points[n];
                    wallSent[(lat, lon)] = Stopwatch.GetTimestamp();
                    using var response = await admin.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = $"connections {n}", channel = "hotline" });
                    if (!response.IsSuccessStatusCode) { Interlocked.Increment(ref reportFailures); return; }
                    var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
                    if (targets.Count == 0) return;
                    dispatchedAt[id] = Stopwatch.GetTimestamp();
                    using var dispatched = await admin.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = targets[n % targets.Count] });
                    if (!dispatched.IsSuccessStatusCode) Interlocked.Increment(ref reportFailures);
                }));
            }
            await Task.Delay(5);
        }
        await Task.WhenAll(tasks);
        await Task.Delay(3000);
        var seconds = clock.Elapsed.TotalSeconds;
        centerCpu = center.CpuTime - centerCpu;
        clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu;
        var rssAfter = center.ResidentBytes;
        var loadAfter = PerfSuite.Load();

        static string P(ConcurrentBag<double> bag, int expected)
        {
            var s = bag.Order().ToArray();
            return s.Length == 0 ? "n/a" : $"{s[s.Length / 2]:0.0} / {s[Math.Min(s.Length - 1, (int)(s.Length * 0.99))]:0.0} / {s[^1]:0} ms ({s.Length:N0} of {expected:N0} pushes)";
        }
        static string MiB(long? bytes) => bytes is { } b ? $"{b / 1048576.0:N0} MiB" : "n/a";
        Console.WriteLine($"{wallsConnected:N0} walls + {connectedWorkers.Count:N0} workers held; {reportsPerSecond} reports/s for {duration.TotalSeconds:0} s, each dispatched; {Environment.ProcessorCount} cores, client on the same machine");
        var rows = new List<(string Figure, string Value)>();
        rows.Add(($"connections held: walls / workers (asked {walls:N0} / {workers:N0})", $"{wallsConnected:N0} / {connectedWorkers.Count:N0} (connected in {wallSeconds:0} s / {workerSeconds:0} s)"));
        rows.Add(($"connections that failed / dropped during the run", $"{walls + workers - wallsConnected - connectedWorkers.Count}{(failed.IsEmpty ? "" : " (" + string.Join(", ", failed.Select(f => $"{f.Key} × {f.Value}")) + ")")} / {Volatile.Read(ref dropped) - droppedBefore}"));
        rows.Add(($"report → wall push p50 / p99 / max (every wall; clock starts before the HTTP report)", $"{P(wallLatency, sentCount * wallsConnected)}"));
        rows.Add(($"of which case created on the server → wall", $"{P(createdToWall, sentCount * wallsConnected)}"));
        rows.Add(($"dispatch → worker push p50 / p99 / max", $"{P(workerLatency, sentCount)}"));
        rows.Add(($"reports or dispatches that failed", $"{reportFailures} of {sentCount}"));
        rows.Add(($"center RSS: idle / all connections held / after the run", $"{MiB(idle)} / {MiB(rssHeld)} / {MiB(rssAfter)}"));
        rows.Add(($"center GC heap with all connections held", $"{MiB(heapHeld)}"));
        rows.Add(($"CPU while reporting (+3 s drain): center / this client, of {seconds:0} s × {Environment.ProcessorCount} cores", $"{centerCpu.TotalSeconds:0} s / {clientCpu.TotalSeconds:0} s"));
        rows.Add(($"load average: connections held / after the run", $"{loadHeld} / {loadAfter}"));
        Tables.Print(rows);
        await Parallel.ForEachAsync(connections, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, _) => await c.DisposeAsync());
        Directory.Delete(city.Folder, true);
        return rows;
    }

    private sealed record City(string Folder, IReadOnlyList<string> MemberIds);

    /// <summary>
    /// The sample city in a temporary folder with its roster extended by generated grid workers on
    /// level-3 grids (same shape as the sample's) until it has at least <paramref name="members"/> members.
    /// </summary>
    private static City CityWithMembers(string root, int members)
    {
        var source = Path.Combine(root, "samples", "Jiangyin");
        var folder = Path.Combine(Path.GetTempPath(), "cc-bench", $"city-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(source, "grids.geojson"), Path.Combine(folder, "grids.geojson"));
        var blocks = JsonNode.Parse(File.ReadAllText(Path.Combine(source, "grids.geojson")))!["features"]!.AsArray()
            .Select(f => f!["properties"]!).Where(p => p["level"]!.GetValue<int>() == 3).Select(p => p["id"]!.GetValue<string>()).ToList();
        var roster = JsonNode.Parse(File.ReadAllText(Path.Combine(source, "roster.json")))!.AsArray();
        var random = new Random(5);
        for (var n = roster.Count + 1; roster.Count < members; n++)
        {
            roster.Add(new JsonObject
            {
                ["id"] = $"M{n:D5}",
                ["name"] = $"测试{n}",
                ["role"] = "GridWorker",
                ["gridId"] = blocks[random.Next(blocks.Count)],
                ["employment"] = n % 3 == 0 ? "PartTime" : "FullTime",
                ["phone"] = $"139{n:D8}",
            });
        }
        File.WriteAllText(Path.Combine(folder, "roster.json"), roster.ToJsonString());
        return new City(folder, roster.Select(m => m!["id"]!.GetValue<string>()).ToList());
    }
}
