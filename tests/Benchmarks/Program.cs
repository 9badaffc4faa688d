using CommandCenter.Benchmarks;

// Benchmarks print figures; they are not part of the test run. Build the center in Release first:
//   dotnet build -c Release src/CommandCenter && dotnet run -c Release --project tests/Benchmarks -- lifecycle
// Modes: locate, lifecycle [in flight], cluster [in flight] (1 and 2 nodes on the Redis profile), all.
var which = args.FirstOrDefault() ?? "all";
var root = Repo.FindRoot();
if (which is "locate" or "all") LocateBenchmark.Run(root);
if (which is "lifecycle" or "all")
{
    var concurrency = args.Length > 1 ? int.Parse(args[1]) : 64;
    await LifecycleBenchmark.Run(root, concurrency, TimeSpan.FromSeconds(20));
}
if (which is "cluster" or "all")
{
    // Needs /usr/bin/redis-server (scripts/test.sh installs it).
    var concurrency = args.Length > 1 ? int.Parse(args[1]) : 64;
    await ClusterBenchmark.Run(root, concurrency, TimeSpan.FromSeconds(20));
}
