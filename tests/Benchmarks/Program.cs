using CommandCenter.Benchmarks;

// Benchmarks print figures; they are not part of the test run. Build the center in Release first:
//   dotnet build -c Release src/CommandCenter && dotnet run -c Release --project tests/Benchmarks -- lifecycle
// Modes: suite (the table of docs/performance.md: every figure beside its baseline), locate,
// lifecycle [in flight], replay [events], push [walls] [workers] [rates, e.g. 200,500,1000],
// pings [workers] [walls], baselines, cluster [in flight] (1 and 2 nodes on the Redis profile),
// all (locate, lifecycle, replay, cluster).
var which = args.FirstOrDefault() ?? "all";
var root = Repo.FindRoot();
if (which is "suite")
{
    await PerfSuite.Run(root);
    return;
}
if (which is "locate" or "all") LocateBenchmark.Run(root);
if (which is "lifecycle" or "all")
{
    var concurrency = args.Length > 1 ? int.Parse(args[1]) : 64;
    await LifecycleBenchmark.Run(root, concurrency, TimeSpan.FromSeconds(20));
}
if (which is "replay" or "all")
{
    var events = args.Length > 1 ? int.Parse(args[1]) : 1_000_000;
    await ReplayBenchmark.Run(root, events, TimeSpan.FromSeconds(10));
}
if (which is "push")
{
    var walls = args.Length > 1 ? int.Parse(args[1]) : 50;
    var workers = args.Length > 2 ? int.Parse(args[2]) : 200;
    var rates = args.Length > 3 ? args[3].Split(',').Select(int.Parse).ToList() : [200, 500, 1000];
    await PushBenchmark.Run(root, walls, workers, rates, TimeSpan.FromSeconds(10));
}
if (which is "cluster" or "all")
{
    // Needs /usr/bin/redis-server (scripts/test.sh installs it).
    var concurrency = args.Length > 1 ? int.Parse(args[1]) : 64;
    await ClusterBenchmark.Run(root, concurrency, TimeSpan.FromSeconds(20));
}
if (which is "baselines")
{
    var echo = await Baselines.SignalREcho(1_000, TimeSpan.FromSeconds(10));
    Console.WriteLine($"raw SignalR echo at 1,000 msg/s: p50 {echo.P50:0.00} ms, p99 {echo.P99:0.00} ms ({echo.Samples} samples)");
    Console.WriteLine($"raw Orleans grain calls: {await Baselines.GrainCalls(64, TimeSpan.FromSeconds(10)):N0}/s");
}
if (which is "pings")
{
    var workers = args.Length > 1 ? int.Parse(args[1]) : 2_000;
    var walls = args.Length > 2 ? int.Parse(args[2]) : 50;
    var f = await PingBenchmark.Run(root, workers, walls, inFlight: 64, batch: 10, TimeSpan.FromSeconds(20));
    Console.WriteLine($"pings: {f.PingsPerSecond:N0}/s kept from {f.Workers} workers in batches of 10 (batch p50 {f.BatchP50:0.0} ms, p99 {f.BatchP99:0.0} ms; " +
                      $"{f.Refused} refused, {f.Failed} failed), {f.Walls} walls got {f.WallUpdatesPerSecond:N0} position updates/s");
}
