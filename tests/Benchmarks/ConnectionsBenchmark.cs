using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Wall;
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
    private static readonly TimeSpan WarmUp = LifecycleBenchmark.WarmUp;

    public static async Task<IReadOnlyList<(string Figure, string Value)>> Run(string root, int walls, int workers, int reportsPerSecond, TimeSpan duration)
    {
        var city = CityWithMembers(root, workers);
        await using var center = await CenterLauncher.Start(root, $"--Samples:CityDirectory={city.Folder}",
            "--RateLimits:SignInPerMinute=100000", "--RateLimits:PublicIntakePerMinute=100000");
        var idle = center.ResidentBytes;
        var adminToken = center.MintToken("admin", Roles.Admin);
        var admin = center.ClientWithToken(adminToken);

        // Points inside the city, found before anything connects, so every report opens a case and a wall can
        // tell a report by its point: the index of (lat, lon) among them, and when each was sent.
        // The warm-up's reports take points of their own, which no wall counts.
        var points = new List<(double Lat, double Lon)>();
        var warmUpPoints = new List<(double Lat, double Lon)>();
        foreach (var (lat, lon) in OpenIncidentsBenchmark.Lattice())
        {
            if (points.Count >= reportsPerSecond * duration.TotalSeconds * 1.1 + 10) break;
            var answer = await admin.GetFromJsonAsync<JsonElement>(FormattableString.Invariant($"/api/grids/locate?lat={lat}&lon={lon}"));
            if (!answer.GetProperty("inside").GetBoolean()) continue;
            if (warmUpPoints.Count < reportsPerSecond * WarmUp.TotalSeconds * 1.1 + 10) warmUpPoints.Add((lat, lon));
            else points.Add((lat, lon));
        }
        var indexOf = new Dictionary<(double, double), int>();
        for (var i = 0; i < points.Count; i++) indexOf.TryAdd(points[i], i);
        var sentAt = new long[points.Count];

        // Latencies in preallocated arrays: a wall's first sight of each report.
        var wallLatency = new double[(long)walls * points.Count];
        var createdToWall = new double[(long)walls * points.Count];
        var wallSamples = -1;
        var workerLatency = new ConcurrentBag<double>();
        var dispatchedAt = new ConcurrentDictionary<string, long>();
        var dropped = 0;
        var options = MessagePack.MessagePackSerializerOptions.Standard.WithResolver(CommandCenter.Wall.WireTime.Resolver);
        var hub = new Uri(center.Address, "/hubs/center");

        // Walls: the batch is not decoded; each report is found by its point's bytes ("lat" and "lon" keys with
        // float64 values, as MessagePack writes an incident delta), and its createdAt string read after them.
        RawHubConnection.Handler WallReader()
        {
            var seen = new bool[points.Count];
            return (buffer, offset, length) =>
            {
                var now = Stopwatch.GetTimestamp();
                var wallClock = DateTimeOffset.UtcNow;
                var span = buffer.AsSpan(offset, length);
                var at = 0;
                while (true)
                {
                    var found = span[at..].IndexOf(LatKey);
                    if (found < 0) break;
                    at += found + LatKey.Length;
                    if (at + 8 + LonKey.Length + 8 > span.Length) break;
                    var lat = BitConverter.Int64BitsToDouble(System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(span[at..]));
                    if (!span[(at + 8)..].StartsWith(LonKey)) continue;
                    var lon = BitConverter.Int64BitsToDouble(System.Buffers.Binary.BinaryPrimitives.ReadInt64BigEndian(span[(at + 8 + LonKey.Length)..]));
                    if (!indexOf.TryGetValue((lat, lon), out var n) || seen[n]) continue;
                    var sent = Volatile.Read(ref sentAt[n]);
                    if (sent == 0) continue;
                    seen[n] = true;
                    var k = Interlocked.Increment(ref wallSamples);
                    wallLatency[k] = Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds;
                    createdToWall[k] = CreatedAt(span[at..]) is { } created ? (wallClock - created).TotalMilliseconds : double.NaN;
                }
            };
        }

        // Workers get few pushes (their own assignments): those are decoded in full.
        void WorkerReader(byte[] buffer, int offset, int length)
        {
            var now = Stopwatch.GetTimestamp();
            var batch = RawHubConnection.FirstArgument<FeedBatch>(buffer, offset, length, options);
            foreach (var n in batch.Notices)
                if (n.Kind == "assignment" && dispatchedAt.TryRemove(n.IncidentId, out var sent)) workerLatency.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
        }

        // Connect with a bounded number of handshakes in flight: a burst of 11,000 would only queue.
        var wallConnections = new ConcurrentBag<RawHubConnection>();
        var workerConnections = new ConcurrentBag<RawHubConnection>();
        var failed = new ConcurrentDictionary<string, int>();
        var clock = Stopwatch.StartNew();
        var clientCpuConnecting = Process.GetCurrentProcess().TotalProcessorTime;
        await Parallel.ForEachAsync(Enumerable.Range(0, walls), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (_, _) =>
        {
            try
            {
                var wall = await RawHubConnection.Connect(hub, adminToken, WallReader(), bufferSize: 16_384);
                wall.Closed += () => Interlocked.Increment(ref dropped);
                await wall.Invoke("Follow", "scope:JY");
                wallConnections.Add(wall);
            }
            catch (Exception e)
            {
                failed.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
            }
        });
        var wallsConnected = wallConnections.Count;
        var wallSeconds = clock.Elapsed.TotalSeconds;
        var memberIds = city.MemberIds.Take(workers).ToList();
        var connectedWorkers = new ConcurrentBag<string>();
        clock.Restart();
        await Parallel.ForEachAsync(memberIds, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (memberId, _) =>
        {
            try
            {
                var worker = await RawHubConnection.Connect(hub, center.MintToken(memberId, Roles.Worker, memberId), WorkerReader, bufferSize: 1024);
                worker.Closed += () => Interlocked.Increment(ref dropped);
                workerConnections.Add(worker);
                connectedWorkers.Add(memberId);
            }
            catch (Exception e)
            {
                failed.AddOrUpdate(e.GetType().Name, 1, (_, n) => n + 1);
            }
        });
        var workerSeconds = clock.Elapsed.TotalSeconds;
        clientCpuConnecting = Process.GetCurrentProcess().TotalProcessorTime - clientCpuConnecting;
        var all = wallConnections.Concat(workerConnections).ToList();
        using var keepAlive = new Timer(_ => { foreach (var c in all) _ = c.KeepAlive(); }, null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
        await Task.Delay(5000); // let the handshakes' garbage go before reading memory
        var rssHeld = center.ResidentBytes;
        var heapHeld = await ProcessCounters.LiveHeapAfterFullCollection(center.ProcessId);
        var loadHeld = PerfSuite.Load();
        Console.Error.WriteLine($"  {wallsConnected} walls in {wallSeconds:0} s, {connectedWorkers.Count} workers in {workerSeconds:0} s; center RSS {rssHeld / 1048576.0:N0} MiB; load {loadHeld}");

        var targets = connectedWorkers.ToList();
        var reportFailures = 0;

        // Reports at the rate, each dispatched to a worker; recorded ones mark when they were sent.
        async Task<int> Report(List<(double Lat, double Lon)> at, TimeSpan span, bool record)
        {
            var sentCount = 0;
            var tasks = new List<Task>();
            var pace = Stopwatch.StartNew();
            while (pace.Elapsed < span)
            {
                var due = Math.Min(at.Count, (int)(pace.Elapsed.TotalSeconds * reportsPerSecond));
                for (; sentCount < due; sentCount++)
                {
                    var n = sentCount;
                    tasks.Add(Task.Run(async () =>
                    {
                        var (lat, lon) = at[n];
                        if (record) Volatile.Write(ref sentAt[n], Stopwatch.GetTimestamp());
                        using var response = await admin.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = $"connections {n}", channel = "hotline" });
                        if (!response.IsSuccessStatusCode) { if (record) Interlocked.Increment(ref reportFailures); return; }
                        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
                        if (targets.Count == 0) return;
                        if (record) dispatchedAt[id] = Stopwatch.GetTimestamp();
                        using var dispatched = await admin.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = targets[n % targets.Count] });
                        if (!dispatched.IsSuccessStatusCode && record) Interlocked.Increment(ref reportFailures);
                    }));
                }
                await Task.Delay(5);
            }
            await Task.WhenAll(tasks);
            return sentCount;
        }

        // A fresh center's first seconds of load run on unoptimised code (see LifecycleBenchmark.WarmUp): not measured.
        await Report(warmUpPoints, WarmUp, record: false);
        await Task.Delay(2000);
        var droppedBefore = Volatile.Read(ref dropped);
        using var counters = ProcessCounters.Start(center.ProcessId);
        await Task.Delay(1500); // the first counter values
        int Delivered(IEnumerable<RawHubConnection> cs) => cs.Sum(c => c.Invocations);
        long Received(IEnumerable<RawHubConnection> cs) => cs.Sum(c => c.Bytes);
        var wallPushesBefore = Delivered(wallConnections);
        var workerPushesBefore = Delivered(workerConnections);
        var wallBytesBefore = Received(wallConnections);
        var centerMark = counters.Now();
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        clock.Restart();
        var sentCount = await Report(points, duration, record: true);
        await Task.Delay(3000);
        var seconds = clock.Elapsed.TotalSeconds;
        var wallPushes = Delivered(wallConnections) - wallPushesBefore;
        var workerPushes = Delivered(workerConnections) - workerPushesBefore;
        var wallBytes = Received(wallConnections) - wallBytesBefore;
        var pushes = wallPushes + workerPushes;
        var centerCost = counters.Since(centerMark, pushes);
        clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu;
        var rssAfter = center.ResidentBytes;
        var loadAfter = PerfSuite.Load();

        var samples = Math.Min(wallLatency.Length, wallSamples + 1);
        static string P(IEnumerable<double> values, int expected)
        {
            var s = values.Where(v => !double.IsNaN(v)).Order().ToArray();
            return s.Length == 0 ? "n/a" : $"{s[s.Length / 2]:0.0} / {s[Math.Min(s.Length - 1, (int)(s.Length * 0.99))]:0.0} / {s[^1]:0} ms ({s.Length:N0} of {expected:N0} pushes)";
        }
        static string MiB(long? bytes) => bytes is { } b ? $"{b / 1048576.0:N0} MiB" : "n/a";
        Console.WriteLine($"{wallsConnected:N0} walls + {connectedWorkers.Count:N0} workers held (raw WebSocket readers); {reportsPerSecond} reports/s for {duration.TotalSeconds:0} s, each dispatched; {Environment.ProcessorCount} cores, client on the same machine");
        var rows = new List<(string Figure, string Value)>();
        rows.Add(($"connections held: walls / workers (asked {walls:N0} / {workers:N0})", $"{wallsConnected:N0} / {connectedWorkers.Count:N0} (connected in {wallSeconds:0} s / {workerSeconds:0} s)"));
        rows.Add(($"connections that failed / dropped during the run", $"{walls + workers - wallsConnected - connectedWorkers.Count}{(failed.IsEmpty ? "" : " (" + string.Join(", ", failed.Select(f => $"{f.Key} × {f.Value}")) + ")")} / {Volatile.Read(ref dropped) - droppedBefore}"));
        rows.Add(($"report → wall push p50 / p99 / max (every wall; clock starts before the HTTP report)", $"{P(wallLatency.Take(samples), sentCount * wallsConnected)}"));
        rows.Add(($"of which case created on the server → wall", $"{P(createdToWall.Take(samples), sentCount * wallsConnected)}"));
        rows.Add(($"dispatch → worker push p50 / p99 / max", $"{P(workerLatency, sentCount)}"));
        rows.Add(($"reports or dispatches that failed", $"{reportFailures} of {sentCount}"));
        rows.Add(($"pushes delivered: to walls / to workers (mean wall push)", $"{wallPushes:N0} / {workerPushes:N0} ({(wallPushes == 0 ? 0 : wallBytes / wallPushes):N0} bytes; {wallPushes / seconds / Math.Max(1, wallsConnected):0.0} pushes/s per wall)"));
        rows.Add(($"center cost per push delivered to one connection (all of its work while reporting, +3 s drain, over the pushes)", centerCost.Each));
        rows.Add(($"center cost per report (each with its dispatch)", (centerCost with { Operations = sentCount }).Each));
        rows.Add(($"center RSS: idle / all connections held / after the run", $"{MiB(idle)} / {MiB(rssHeld)} / {MiB(rssAfter)}"));
        rows.Add(($"center live heap (after a full collection) with all connections held", $"{MiB(heapHeld)}"));
        rows.Add(($"CPU while reporting (+3 s drain): center / this client, of {seconds:0} s × {Environment.ProcessorCount} cores", $"{centerCost.Cpu.TotalSeconds:0.0} s / {clientCpu.TotalSeconds:0.0} s (client connecting: {clientCpuConnecting.TotalSeconds:0.0} s)"));
        rows.Add(($"load average: connections held / after the run", $"{loadHeld} / {loadAfter}"));
        Tables.Print(rows);
        Last = new Measured(wallsConnected, pushes, wallPushes, wallPushes == 0 ? 0 : (int)(wallBytes / wallPushes), wallPushes / seconds / Math.Max(1, wallsConnected), centerCost, seconds,
            clientCpu.TotalMicroseconds / Math.Max(1, pushes), P(wallLatency.Take(samples), sentCount * wallsConnected));
        await Parallel.ForEachAsync(all, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (c, _) => await c.DisposeAsync());
        Directory.Delete(city.Folder, true);
        return rows;
    }

    /// <summary>What the last run measured, for the suite's per-delivery baseline (same connections, rate and push size).</summary>
    public static Measured? Last { get; private set; }

    public sealed record Measured(int Walls, int Pushes, int WallPushes, int MeanWallPushBytes, double PushesPerSecondPerWall, ProcessCounters.Cost Center, double Seconds,
        double ClientCpuMicrosecondsEach, string WallLatency);

    private static ReadOnlySpan<byte> LatKey => [0xa3, (byte)'l', (byte)'a', (byte)'t', 0xcb];
    private static ReadOnlySpan<byte> LonKey => [0xa3, (byte)'l', (byte)'o', (byte)'n', 0xcb];
    private static readonly byte[] CreatedAtKey = [0xa9, .."createdAt"u8];

    /// <summary>The createdAt instant after a delta's point: an ISO 8601 string (WireTime), fixstr or str8.</summary>
    private static DateTimeOffset? CreatedAt(ReadOnlySpan<byte> after)
    {
        var at = after.IndexOf(CreatedAtKey);
        if (at < 0 || at > 400) return null;
        at += CreatedAtKey.Length;
        if (at + 2 > after.Length) return null;
        int length, start;
        if ((after[at] & 0xe0) == 0xa0) { length = after[at] & 0x1f; start = at + 1; }
        else if (after[at] == 0xd9) { length = after[at + 1]; start = at + 2; }
        else return null;
        if (start + length > after.Length) return null;
        return DateTimeOffset.TryParse(System.Text.Encoding.UTF8.GetString(after.Slice(start, length)), CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
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
        // Every file of the sample city (grids, categories, policies, …) but the roster, which is written below.
        foreach (var file in Directory.GetFiles(source).Where(f => Path.GetFileName(f) != "roster.json"))
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
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
