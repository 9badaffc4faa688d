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
        var rows = new List<(int Nodes, LifecycleBenchmark.Figures Figures, double NodeCpu, double RedisCpu)>();
        foreach (var nodes in new[] { 1, 2 })
        {
            await using var redis = await RedisLauncher.Start();
            var centers = await Task.WhenAll(Enumerable.Range(0, nodes).Select(_ =>
                CenterLauncher.Start(root, "--Storage:Profile=Redis", $"--Storage:Redis={redis.ConnectionString}")));
            try
            {
                var clients = await Task.WhenAll(centers.Select(c => c.ClientFor("admin")));
                var nodeCpu = centers.Sum(c => c.CpuTime.TotalSeconds);
                var redisCpu = redis.CpuTime.TotalSeconds;
                var figures = await LifecycleBenchmark.Drive(clients, concurrency, duration);
                // CPU per 1,000 transitions, warm-up included in the count of neither (both sides measured over the same span).
                var transitions = figures.TransitionsPerSecond * figures.Seconds / 1000;
                rows.Add((nodes, figures,
                    (centers.Sum(c => c.CpuTime.TotalSeconds) - nodeCpu) / transitions,
                    (redis.CpuTime.TotalSeconds - redisCpu) / transitions));
            }
            finally
            {
                foreach (var center in centers) await center.DisposeAsync();
            }
        }

        Console.WriteLine($"Redis profile, {concurrency} lifecycles in flight in all, {duration.TotalSeconds:0} s per run, {Environment.ProcessorCount} cores");
        Console.WriteLine("| nodes | lifecycles/s | HTTP transitions/s | transition p50 / p99 / p99.9 / max (ms) | failed requests | CPU s per 1,000 transitions: nodes / Redis |");
        Console.WriteLine("|---:|---:|---:|---|---:|---|");
        foreach (var (nodes, f, nodeCpu, redisCpu) in rows)
            Console.WriteLine($"| {nodes} | {f.LifecyclesPerSecond:N0} | {f.TransitionsPerSecond:N0} | {f.Latencies} | {f.Failures} | {nodeCpu:0.00} / {redisCpu:0.00} |");
    }
}
