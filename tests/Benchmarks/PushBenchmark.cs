using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Grains.Wall;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Benchmarks;

/// <summary>
/// N walls following the city and M workers on their own channels, all over real sockets with
/// MessagePack, while reports arrive at a fixed rate and an operator dispatches each to one of the
/// connected workers as soon as its case number is back: report → wall push, report → worker push and
/// dispatch → worker push latency, p50 and p99, at each rate.
/// </summary>
internal static class PushBenchmark
{
    public sealed record Figures(int Rate, (double P50, double P99, int Samples) Wall, (double P50, double P99, int Samples) Worker,
        (double P50, double P99, int Samples) Dispatch, int Reports, int Failed)
    {
        /// <summary>The center's CPU and allocations over the rate's run (+2 s drain) per push delivered to one connection.</summary>
        public ProcessCounters.Cost Center { get; init; }

        /// <summary>Pushes delivered to walls, their mean size (a sample re-serialized) and the rate per wall.</summary>
        public int WallPushes { get; init; }
        public int MeanWallPushBytes { get; init; }
        public double PushesPerSecondPerWall { get; init; }
        public int Walls { get; init; }

        /// <summary>The benchmark process's CPU per push delivered (full SignalR clients decoding every batch).</summary>
        public double ClientCpuMicrosecondsEach { get; init; }
    }

    public static async Task<IReadOnlyList<Figures>> Run(string root, int walls, int workers, IReadOnlyList<int> rates, TimeSpan duration)
    {
        await using var center = await CenterLauncher.Start(root, "--RateLimits:SignInPerMinute=100000");
        var admin = await center.ClientFor("admin");
        var adminToken = admin.DefaultRequestHeaders.Authorization!.Parameter!;
        // A wall push is matched to its report by the report's exact point: it may arrive before the HTTP answer.
        var reportedAt = new ConcurrentDictionary<(double, double), long>();
        var idOf = new ConcurrentDictionary<string, long>();
        var dispatchedAt = new ConcurrentDictionary<string, long>();
        var wallLatency = new ConcurrentBag<double>();
        var workerLatency = new ConcurrentBag<double>();
        var dispatchLatency = new ConcurrentBag<double>();

        HubConnection Connect(string token) => center.Hub(token);
        var pushes = 0;
        var wallPushes = 0;
        var sizedPushes = 0;
        var sizedBytes = 0L;
        var wire = MessagePack.MessagePackSerializerOptions.Standard.WithResolver(CommandCenter.Wall.WireTime.Resolver);
        using var counters = ProcessCounters.Start(center.ProcessId);

        var connections = new List<HubConnection>();
        for (var i = 0; i < walls; i++)
        {
            var wall = Connect(adminToken);
            // The first time this wall sees the incident, whatever its version (a paced batch may carry it already dispatched).
            var seen = new HashSet<(double, double)>();
            wall.On<FeedBatch>("Feed", batch =>
            {
                var now = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref pushes);
                if (Interlocked.Increment(ref wallPushes) % 50 == 0)
                {
                    Interlocked.Add(ref sizedBytes, MessagePack.MessagePackSerializer.Serialize(batch, wire).Length);
                    Interlocked.Increment(ref sizedPushes);
                }
                lock (seen)
                    foreach (var d in batch.Incidents)
                        if (d.Lat is { } lat && d.Lon is { } lon && reportedAt.TryGetValue((lat, lon), out var sent) && seen.Add((lat, lon)))
                            wallLatency.Add(Stopwatch.GetElapsedTime(sent, now).TotalMilliseconds);
            });
            await wall.StartAsync();
            await wall.InvokeAsync<FeedSnapshot>("Follow", "scope:JY");
            connections.Add(wall);
        }
        var memberIds = (await admin.GetFromJsonAsync<JsonElement>("/api/members")).EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == "GridWorker").Select(m => m.GetProperty("id").GetString()!).Take(workers).ToList();
        using var signIn = new HttpClient { BaseAddress = center.Address };
        foreach (var memberId in memberIds)
        {
            var token = (await (await signIn.PostAsJsonAsync("/api/auth/token", new { username = memberId, password = CenterLauncher.Password }))
                .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
            var worker = Connect(token);
            worker.On<FeedBatch>("Feed", batch =>
            {
                var now = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref pushes);
                foreach (var n in batch.Notices)
                {
                    if (n.Kind != "assignment") continue;
                    if (dispatchedAt.TryRemove(n.IncidentId, out var dispatched)) dispatchLatency.Add(Stopwatch.GetElapsedTime(dispatched, now).TotalMilliseconds);
                    if (idOf.TryRemove(n.IncidentId, out var reported)) workerLatency.Add(Stopwatch.GetElapsedTime(reported, now).TotalMilliseconds);
                }
            });
            await worker.StartAsync();
            connections.Add(worker);
        }
        Console.WriteLine($"{walls} walls and {memberIds.Count} workers connected");

        var figures = new List<Figures>();
        var points = CityPoints.Inside((rates.Sum() + rates[0]) * (int)Math.Ceiling(Math.Max(duration.TotalSeconds, LifecycleBenchmark.WarmUp.TotalSeconds)) + 1_000, seed: 7);
        var serial = 0;
        // A warm-up at the first rate first (JIT tiering, connection pools, grain activations; see LifecycleBenchmark.WarmUp), not reported.
        foreach (var (rate, warmUp) in rates.Select(r => (r, false)).Prepend((rates[0], true)))
        {
            wallLatency.Clear(); workerLatency.Clear(); dispatchLatency.Clear();
            var failed = 0;
            var reports = 0;
            var pushesBefore = Volatile.Read(ref pushes);
            var wallPushesBefore = Volatile.Read(ref wallPushes);
            var centerMark = counters.Now();
            var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await Baselines.Paced(rate, warmUp && duration < LifecycleBenchmark.WarmUp ? LifecycleBenchmark.WarmUp : duration, async _ =>
            {
                var n = Interlocked.Increment(ref serial);
                var (lat, lon) = points[n];
                var mark = Stopwatch.GetTimestamp();
                reportedAt[(lat, lon)] = mark;
                Interlocked.Increment(ref reports);
                try
                {
                    // 54 categories: two random reports in one category within 50 m (linked as duplicates) are rare.
                    var response = await admin.PostAsJsonAsync("/api/incidents", new { category = Categories[n % Categories.Length], lat, lon, description = $"push {n}", channel = "hotline" });
                    if (!response.IsSuccessStatusCode) { Interlocked.Increment(ref failed); Failure($"report {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"); return; }
                    var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
                    if (memberIds.Count == 0) return;
                    idOf[id] = mark;
                    dispatchedAt[id] = Stopwatch.GetTimestamp();
                    var dispatched = await admin.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId = memberIds[n % memberIds.Count] });
                    if (!dispatched.IsSuccessStatusCode) { Interlocked.Increment(ref failed); Failure($"dispatch {(int)dispatched.StatusCode} {await dispatched.Content.ReadAsStringAsync()}"); }
                }
                catch (HttpRequestException) { Interlocked.Increment(ref failed); }
            });
            await Task.Delay(2000);
            if (warmUp) continue;
            var delivered = Volatile.Read(ref pushes) - pushesBefore;
            var toWalls = Volatile.Read(ref wallPushes) - wallPushesBefore;
            var f = new Figures(rate, Baselines.Percentiles(wallLatency), Baselines.Percentiles(workerLatency), Baselines.Percentiles(dispatchLatency), reports, failed)
            {
                Center = counters.Since(centerMark, delivered),
                ClientCpuMicrosecondsEach = (Process.GetCurrentProcess().TotalProcessorTime - clientCpu).TotalMicroseconds / Math.Max(1, delivered),
                WallPushes = toWalls,
                MeanWallPushBytes = (int)(Volatile.Read(ref sizedBytes) / Math.Max(1, Volatile.Read(ref sizedPushes))),
                PushesPerSecondPerWall = toWalls / clock.Elapsed.TotalSeconds / Math.Max(1, walls),
                Walls = walls,
            };
            Console.WriteLine($"{rate} reports/s: report→wall p50 {f.Wall.P50:0.0} p99 {f.Wall.P99:0.0} ms ({f.Wall.Samples}), report→worker p50 {f.Worker.P50:0.0} p99 {f.Worker.P99:0.0} ms, " +
                              $"dispatch→worker p50 {f.Dispatch.P50:0.0} p99 {f.Dispatch.P99:0.0} ms ({f.Dispatch.Samples}); {f.Reports} reports, {f.Failed} failed calls; " +
                              $"{delivered:N0} pushes delivered ({f.PushesPerSecondPerWall:0.0}/s per wall, ~{f.MeanWallPushBytes:N0} bytes), center per push {f.Center.Each}, client {ProcessCounters.Micro(f.ClientCpuMicrosecondsEach)} CPU per push");
            figures.Add(f);
        }
        foreach (var c in connections) await c.DisposeAsync();
        return figures;
    }

    private static readonly ConcurrentDictionary<string, int> Failures = new();

    /// <summary>The first few of each kind of failure are printed, so a run that fails says why.</summary>
    private static void Failure(string what)
    {
        var kind = what.Length > 400 ? what[..400] : what;
        if (Failures.AddOrUpdate(kind[..Math.Min(kind.Length, 40)], 1, (_, n) => n + 1) <= 2) Console.WriteLine("  failed: " + kind);
    }

    private static readonly string[] Categories = LoadCategories();

    private static string[] LoadCategories()
    {
        using var file = File.OpenRead(Path.Combine(Repo.FindRoot(), "samples", "Jiangyin", "categories.json"));
        var doc = JsonDocument.Parse(file);
        var array = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement : doc.RootElement.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value;
        // Urgent 突发事件 (E04) go to a worker without an operator; here the operator dispatches every report.
        return array.EnumerateArray().Select(c => c.GetProperty("code").GetString()!).Where(c => !c.StartsWith("E04", StringComparison.Ordinal)).ToArray();
    }
}
