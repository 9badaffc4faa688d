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

    public static async Task<Figures> Run(string root, int concurrency, TimeSpan duration, bool allocations = false)
    {
        await using var center = await CenterLauncher.Start(root);
        var client = await center.ClientFor("admin");
        Task<IReadOnlyList<(string Type, long Bytes)>>? profile = null;
        using var counters = ProcessCounters.Start(center.ProcessId);
        var centerMark = default(ProcessCounters.Mark);
        var clientCpu = TimeSpan.Zero;
        var figures = await Drive([client], concurrency, duration, onMeasuredStart: () =>
        {
            centerMark = counters.Now();
            clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
            if (allocations) profile = ProcessCounters.AllocationProfile(center.ProcessId, duration);
        });
        var transitions = figures.TransitionsPerSecond * figures.Seconds;
        var cost = counters.Since(centerMark, transitions);
        clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu;
        figures = figures with
        {
            CenterCpuPerTransitionMicroseconds = cost.CpuMicrosecondsEach, Center = cost,
            ClientCpuPerTransitionMicroseconds = clientCpu.TotalMicroseconds / transitions,
        };
        Console.WriteLine($"Embedded profile, {concurrency} lifecycles in flight, {figures.Seconds:0.0} s, {Environment.ProcessorCount} cores");
        Console.WriteLine("| figure | value |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| full nine-step lifecycles/s (create + 5 actions = 10 durable events) | {figures.LifecyclesPerSecond:N0} |");
        Console.WriteLine($"| HTTP transitions/s | {figures.TransitionsPerSecond:N0} |");
        Console.WriteLine($"| transition p50 / p99 / p99.9 / max (ms) | {figures.Latencies} |");
        Console.WriteLine($"| failed requests | {figures.Failures} |");
        Console.WriteLine($"| center per HTTP transition (measured run only) | {cost.Each} |");
        Console.WriteLine($"| this client's CPU per HTTP transition | {ProcessCounters.Micro(figures.ClientCpuPerTransitionMicroseconds)} |");
        if (profile is not null)
        {
            // Sampled: the type of the object that crossed each ≈ 100 KB allocation mark, so the shares are what counts.
            var sampled = await profile;
            var total = Math.Max(1, sampled.Sum(t => t.Bytes));
            Console.WriteLine();
            Console.WriteLine("| the center's allocations by type (AllocationTick samples over the measured run) | share | per transition |");
            Console.WriteLine("|---|---:|---:|");
            foreach (var (type, bytes) in sampled.Take(25))
                Console.WriteLine($"| {type} | {100.0 * bytes / total:0.0}% | {ProcessCounters.Size(bytes / transitions)} |");
        }
        return figures;
    }

    /// <summary>
    /// 1,600 points about 65 m apart around the centre of 徐霞客镇: reports at one spot would be linked as
    /// duplicates (within 50 m) instead of opening cases.
    /// </summary>
    private static (double Lat, double Lon) Point(int n)
    {
        var (row, column) = Math.DivRem(n % 1600, 40);
        return (31.7538 - 0.012 + row * 0.0006, 120.3435 - 0.014 + column * 0.0007);
    }

    /// <summary>What one measured run gave.</summary>
    public sealed record Figures(double Seconds, double LifecyclesPerSecond, double TransitionsPerSecond, string Latencies, int Failures)
    {
        /// <summary>The center's CPU time (user + kernel) over the run divided by the transitions: what one costs, whatever the client takes.</summary>
        public double CenterCpuPerTransitionMicroseconds { get; init; }

        /// <summary>The center's CPU and allocations over the measured run, per HTTP transition (lifecycle mode only).</summary>
        public ProcessCounters.Cost? Center { get; init; }

        /// <summary>The benchmark process's own CPU per transition (lifecycle mode only).</summary>
        public double ClientCpuPerTransitionMicroseconds { get; init; }
    }

    /// <summary>
    /// Keeps <paramref name="concurrency"/> lifecycles in flight for <paramref name="duration"/>, spread
    /// evenly over the given clients (one per node), after a warm-up.
    /// </summary>
    /// <summary>Load before the measured window (see Drive).</summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(10);

    public static async Task<Figures> Drive(IReadOnlyList<HttpClient> clients, int concurrency, TimeSpan duration, Action? onMeasuredStart = null)
    {
        var latencies = new ConcurrentBag<double>();
        var lifecycles = 0;
        var failures = 0;

        async Task OneLifecycle(HttpClient client, int n, bool record)
        {
            var sw = Stopwatch.StartNew();
            var (lat, lon) = Point(n);
            var created = await client.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = $"bench {n}", channel = "hotline" });
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

        // Warm-up at the measured load, then the measured run at a fixed number of lifecycles in flight. The warm-up is
        // time, not a count: a fresh process runs its first seconds of load on unoptimised (tier-0) code and spends CPU
        // recompiling the hot paths; 50 lifecycles left that in the measured window and tripled the CPU per transition
        // of a 15 s run. What a center costs once it has run a while is the steady state after WarmUp.
        var counter = 0;
        var warming = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async slot =>
        {
            while (warming.Elapsed < WarmUp) await OneLifecycle(clients[slot % clients.Count], Interlocked.Increment(ref counter), record: false);
        }));
        onMeasuredStart?.Invoke();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async slot =>
        {
            while (clock.Elapsed < duration) await OneLifecycle(clients[slot % clients.Count], Interlocked.Increment(ref counter), record: true);
        }));
        var seconds = clock.Elapsed.TotalSeconds;

        var sorted = latencies.OrderBy(x => x).ToArray();
        double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        return new Figures(seconds, lifecycles / seconds, sorted.Length / seconds,
            $"{P(0.5):0.0} / {P(0.99):0.0} / {P(0.999):0.0} / {sorted[^1]:0.0}", failures);
    }
}
