using CommandCenter.Benchmarks;

// Benchmarks print figures; they are not part of the test run. Build the center in Release first:
//   dotnet build -c Release src/CommandCenter && dotnet run -c Release --project tests/Benchmarks -- lifecycle
// Modes: locate, lifecycle [in flight], replay [events], push [walls] [workers] [rate], cluster [in flight]
// (1 and 2 nodes on the Redis profile), all (every mode but push, open and connections),
// open [count=100000] [dispatch limit s=300] [in flight=64]: open incidents with live deadlines (memory, breach lag),
// connections [walls=1000] [workers=10000] [rate=50]: walls and workers held at once (push latency, memory).
// Connections need file descriptors: `ulimit -n` must exceed walls + workers + a few hundred, in this
// shell and so in the center it starts (as root: `ulimit -n 65536` or `prlimit --pid $$ --nofile=65536`).
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
if (which is "open")
{
    var count = args.Length > 1 ? int.Parse(args[1]) : 100_000;
    var limit = TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2]) : 300);
    var inFlight = args.Length > 3 ? int.Parse(args[3]) : 64;
    await OpenIncidentsBenchmark.Run(root, count, limit, inFlight);
}
if (which is "connections")
{
    var walls = args.Length > 1 ? int.Parse(args[1]) : 1_000;
    var workers = args.Length > 2 ? int.Parse(args[2]) : 10_000;
    var rate = args.Length > 3 ? int.Parse(args[3]) : 50;
    await ConnectionsBenchmark.Run(root, walls, workers, rate, TimeSpan.FromSeconds(20));
}
if (which is "cluster" or "all")
{
    // Needs /usr/bin/redis-server (scripts/test.sh installs it).
    var concurrency = args.Length > 1 ? int.Parse(args[1]) : 64;
    await ClusterBenchmark.Run(root, concurrency, TimeSpan.FromSeconds(20));
}
