namespace CommandCenter.Benchmarks;

/// <summary>
/// The lifecycle load of <see cref="LifecycleBenchmark"/> on the Redis profile: one node, then two
/// nodes of one cluster with the load split evenly between them, each on a fresh private Redis.
/// All processes (Redis, nodes, load) share this machine's cores.
/// </summary>
internal static class ClusterBenchmark
{
    public static async Task Run(string root, int concurrency, TimeSpan duration)
    {
        var rows = new List<(int Nodes, LifecycleBenchmark.Figures Figures)>();
        foreach (var nodes in new[] { 1, 2 })
        {
            await using var redis = await RedisLauncher.Start();
            var centers = await Task.WhenAll(Enumerable.Range(0, nodes).Select(_ =>
                CenterLauncher.Start(root, "--Storage:Profile=Redis", $"--Storage:Redis={redis.ConnectionString}")));
            try
            {
                var clients = await Task.WhenAll(centers.Select(c => c.ClientFor("admin")));
                rows.Add((nodes, await LifecycleBenchmark.Drive(clients, concurrency, duration)));
            }
            finally
            {
                foreach (var center in centers) await center.DisposeAsync();
            }
        }

        Console.WriteLine($"Redis profile, {concurrency} lifecycles in flight in all, {duration.TotalSeconds:0} s per run, {Environment.ProcessorCount} cores");
        Console.WriteLine("| nodes | lifecycles/s | HTTP transitions/s | transition p50 / p99 / p99.9 / max (ms) | failed requests |");
        Console.WriteLine("|---:|---:|---:|---|---:|");
        foreach (var (nodes, f) in rows)
            Console.WriteLine($"| {nodes} | {f.LifecyclesPerSecond:N0} | {f.TransitionsPerSecond:N0} | {f.Latencies} | {f.Failures} |");
    }
}
