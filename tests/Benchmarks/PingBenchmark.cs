using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Grains.Wall;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Benchmarks;

/// <summary>
/// Location pings ingested per second through the public HTTP API (batches as phones send them, each
/// kept durably before the answer) while walls follow the whole city, so every kept batch also moves a
/// dot on every wall (coalesced to at most 4 updates a second per member per wall).
/// </summary>
internal static class PingBenchmark
{
    public sealed record Figures(double PingsPerSecond, double BatchP50, double BatchP99, long Refused, long Failed, double WallUpdatesPerSecond, int Workers, int Walls)
    {
        /// <summary>The center's CPU and allocations over the measured run per ping kept (its wall fan-out included).</summary>
        public ProcessCounters.Cost Center { get; init; }

        /// <summary>The benchmark process's CPU per ping kept.</summary>
        public double ClientCpuMicrosecondsEach { get; init; }
    }

    public static async Task<Figures> Run(string root, int workers, int walls, int inFlight, int batch, TimeSpan duration)
    {
        await using var center = await CenterLauncher.Start(root);
        var admin = await center.ClientFor("admin");
        var token = admin.DefaultRequestHeaders.Authorization!.Parameter!;
        var wallUpdates = 0L;
        var connections = new List<HubConnection>();
        for (var i = 0; i < walls; i++)
        {
            var wall = center.Hub(token);
            wall.On<FeedBatch>("Feed", b => Interlocked.Add(ref wallUpdates, b.Positions.Count));
            await wall.StartAsync();
            await wall.InvokeAsync<FeedSnapshot>("Follow", "scope:JY");
            connections.Add(wall);
        }

        var members = (await admin.GetFromJsonAsync<JsonElement>("/api/members")).EnumerateArray()
            .Select(m => m.GetProperty("id").GetString()!).Take(workers).ToArray();
        // Each phone uploads a backlog from 23 hours ago on, one fix a second, walking up and down a street at about 1.4 m/s: believable, and
        // room for 82,800 fixes per phone before they would reach the present (and be refused as from the future).
        var start = DateTimeOffset.UtcNow.AddHours(-23);
        var places = CityPoints.Inside(members.Length, seed: 11);
        var sent = new int[members.Length];
        var locks = members.Select(_ => new SemaphoreSlim(1)).ToArray();
        var kept = 0L; var refused = 0L; var failed = 0L;
        var latencies = new List<double>();
        var next = -1;

        async Task Sender(TimeSpan length, bool record)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < length)
            {
                var w = (int)((uint)Interlocked.Increment(ref next) % (uint)members.Length);
                await locks[w].WaitAsync();
                try
                {
                    var pings = Enumerable.Range(sent[w], batch).Select(k => new
                    {
                        lat = places[w].Lat + 0.0000126 * Math.Abs(k % 1200 - 600), lon = places[w].Lon, at = start.AddSeconds(k),
                    }).ToArray();
                    var mark = Stopwatch.GetTimestamp();
                    var response = await admin.PostAsJsonAsync($"/api/members/{members[w]}/locations", new { pings });
                    var ms = Stopwatch.GetElapsedTime(mark).TotalMilliseconds;
                    if (!response.IsSuccessStatusCode) { Interlocked.Increment(ref failed); continue; }
                    var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
                    sent[w] += batch;
                    if (!record) continue;
                    Interlocked.Add(ref kept, answer.GetProperty("kept").GetInt32());
                    Interlocked.Add(ref refused, answer.GetProperty("refused").GetArrayLength());
                    lock (latencies) latencies.Add(ms);
                }
                finally { locks[w].Release(); }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Sender(TimeSpan.FromSeconds(3), record: false)));
        var updatesBefore = Interlocked.Read(ref wallUpdates);
        using var counters = ProcessCounters.Start(center.ProcessId);
        await Task.Delay(1500); // the first counter values
        var centerMark = counters.Now();
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var run = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(_ => Sender(duration, record: true)));
        var seconds = run.Elapsed.TotalSeconds;
        var updates = Interlocked.Read(ref wallUpdates) - updatesBefore;
        var cost = counters.Since(centerMark, kept);
        clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu;
        foreach (var c in connections) await c.DisposeAsync();
        var (p50, p99, _) = Baselines.Percentiles(latencies);
        return new Figures(kept / seconds, p50, p99, refused, failed, updates / seconds, members.Length, walls)
        {
            Center = cost, ClientCpuMicrosecondsEach = clientCpu.TotalMicroseconds / Math.Max(1, kept),
        };
    }
}
