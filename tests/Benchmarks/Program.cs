using CommandCenter.Benchmarks;

// Benchmarks print figures; they are not part of the test run. Build the center in Release first:
//   dotnet build -c Release src/CommandCenter && dotnet run -c Release --project tests/Benchmarks -- lifecycle
// Modes: locate, lifecycle [in flight], replay [events], push [walls] [workers] [rate], cluster [in flight]
// (1 and 2 nodes on the Redis profile), all (every mode but push).
var which = args.FirstOrDefault() ?? "all";
var root = Repo.FindRoot();
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
    var rate = args.Length > 3 ? int.Parse(args[3]) : 50;
    await PushBenchmark.Run(root, walls, workers, rate, TimeSpan.FromSeconds(20));
}
if (which is "cluster" or "all")
{
    // Needs /usr/bin/redis-server (scripts/test.sh installs it).
    var concurrency = args.Length > 1 ? int.Parse(args[1]) : 64;
    await ClusterBenchmark.Run(root, concurrency, TimeSpan.FromSeconds(20));
}
