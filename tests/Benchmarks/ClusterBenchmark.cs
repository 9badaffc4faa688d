namespace CommandCenter.Benchmarks;

/// <summary>
/// The lifecycle load of <see cref="LifecycleBenchmark"/> on a clustered profile: one node, then two nodes of one
/// cluster with the load split evenly between them, each time on a fresh private store. Redis profile: the store is a
/// private Redis. Postgres profile: a private PostgreSQL, and for two nodes a private Redis as their SignalR backplane
/// (as production runs several nodes). All processes (store, nodes, load) share this machine's cores.
/// </summary>
internal static class ClusterBenchmark
{
    public enum Profile { Redis, Postgres }

    public static async Task Run(string root, int concurrency, TimeSpan duration, Profile profile = Profile.Redis)
    {
        var rows = new List<(int Nodes, LifecycleBenchmark.Figures Figures, double NodeCpu, double StoreCpu)>();
        foreach (var nodes in new[] { 1, 2 })
        {
            await using var redis = profile == Profile.Redis || nodes > 1 ? await RedisLauncher.Start() : null;
            await using var postgres = profile == Profile.Postgres ? await CommandCenter.Tests.Support.PostgresServer.Start() : null;
            string[] arguments = profile == Profile.Redis
                ? ["--Storage:Profile=Redis", $"--Storage:Redis={redis!.ConnectionString}"]
                : ["--Storage:Profile=Postgres", $"--Storage:Postgres={postgres!.ConnectionString(await postgres.CreateDatabase())}",
                   .. redis is null ? Array.Empty<string>() : [$"--Storage:Redis={redis.ConnectionString}"]];
            Func<double> storeCpu = profile == Profile.Redis ? () => redis!.CpuTime.TotalSeconds : () => postgres!.CpuTime.TotalSeconds;
            var centers = await Task.WhenAll(Enumerable.Range(0, nodes).Select(_ => CenterLauncher.Start(root, arguments)));
            try
            {
                var clients = await Task.WhenAll(centers.Select(c => c.ClientFor("admin")));
                var nodeCpu = centers.Sum(c => c.CpuTime.TotalSeconds);
                var storeCpuBefore = storeCpu();
                var figures = await LifecycleBenchmark.Drive(clients, concurrency, duration);
                // CPU per 1,000 transitions, warm-up included in the count of neither (both sides measured over the same span).
                var transitions = figures.TransitionsPerSecond * figures.Seconds / 1000;
                rows.Add((nodes, figures,
                    (centers.Sum(c => c.CpuTime.TotalSeconds) - nodeCpu) / transitions,
                    (storeCpu() - storeCpuBefore) / transitions));
            }
            finally
            {
                foreach (var center in centers) await center.DisposeAsync();
            }
        }

        Console.WriteLine($"{profile} profile, {concurrency} lifecycles in flight in all, {duration.TotalSeconds:0} s per run, {Environment.ProcessorCount} cores");
        Console.WriteLine($"| nodes | lifecycles/s | HTTP transitions/s | transition p50 / p99 / p99.9 / max (ms) | failed requests | CPU s per 1,000 transitions: nodes / {(profile == Profile.Redis ? "Redis" : "PostgreSQL")} |");
        Console.WriteLine("|---:|---:|---:|---|---:|---|");
        foreach (var (nodes, f, nodeCpu, storeCpu) in rows)
            Console.WriteLine($"| {nodes} | {f.LifecyclesPerSecond:N0} | {f.TransitionsPerSecond:N0} | {f.Latencies} | {f.Failures} | {nodeCpu:0.00} / {storeCpu:0.00} |");
    }
}
