using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace CommandCenter.Benchmarks;

/// <summary>
/// Full nine-step lifecycles per second through the public HTTP API on the embedded profile (every
/// transition durable before its answer), and the latency of one transition.
/// </summary>
internal static class LifecycleBenchmark
{
    private static readonly (string Action, object Body)[] Loop =
    [
        ("dispatch", new { memberId = "M00030" }),
        ("accept", new { }),
        ("resolve", new { note = "已处理" }),
        ("verify", new { passed = true }),
        ("evaluate", new { satisfaction = 5 }),
    ];

    public static async Task Run(string root, int concurrency, TimeSpan duration)
    {
        await using var center = await CenterLauncher.Start(root);
        var client = await center.ClientFor("admin");
        var latencies = new ConcurrentBag<double>();
        var lifecycles = 0;
        var failures = 0;

        async Task OneLifecycle(int n, bool record)
        {
            var sw = Stopwatch.StartNew();
            var created = await client.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat = 31.7538, lon = 120.3435, description = $"bench {n}", channel = "hotline" });
            if (record) latencies.Add(sw.Elapsed.TotalMilliseconds);
            if (!created.IsSuccessStatusCode) { Interlocked.Increment(ref failures); return; }
            var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            foreach (var (action, body) in Loop)
            {
                sw.Restart();
                var response = await client.PostAsJsonAsync($"/api/incidents/{id}/actions/{action}", body);
                if (record) latencies.Add(sw.Elapsed.TotalMilliseconds);
                if (!response.IsSuccessStatusCode) { Interlocked.Increment(ref failures); return; }
            }
            if (record) Interlocked.Increment(ref lifecycles);
        }

        // Warm-up, then a measured run at a fixed number of lifecycles in flight.
        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => OneLifecycle(i, record: false)));
        var clock = Stopwatch.StartNew();
        var counter = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (clock.Elapsed < duration) await OneLifecycle(Interlocked.Increment(ref counter), record: true);
        }));
        var seconds = clock.Elapsed.TotalSeconds;

        var sorted = latencies.OrderBy(x => x).ToArray();
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        Console.WriteLine($"Embedded profile, {concurrency} lifecycles in flight, {seconds:0.0} s, {Environment.ProcessorCount} cores");
        Console.WriteLine("| figure | value |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| full nine-step lifecycles/s (create + 5 actions = 10 durable events) | {lifecycles / seconds:N0} |");
        Console.WriteLine($"| HTTP transitions/s | {sorted.Length / seconds:N0} |");
        Console.WriteLine($"| transition p50 / p99 / p99.9 / max (ms) | {P(0.5):0.0} / {P(0.99):0.0} / {P(0.999):0.0} / {sorted[^1]:0.0} |");
        Console.WriteLine($"| failed requests | {failures} |");
    }
}
