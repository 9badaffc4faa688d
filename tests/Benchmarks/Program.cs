using CommandCenter.Benchmarks;

// Benchmarks print figures; they are not part of the test run. Build the center in Release first:
//   dotnet build -c Release src/CommandCenter && dotnet run -c Release --project tests/Benchmarks -- lifecycle
// Modes: suite (the table of docs/performance.md: every figure beside its baseline), locate,
// lifecycle [in flight] [seconds=20], replay [events], push [walls] [workers] [rates, e.g. 200,500,1000],
// pings [workers] [walls], baselines, cluster [in flight] [seconds=20] (1 and 2 nodes on the Redis profile),
// cluster-postgres [in flight] [seconds=20] (1 and 2 nodes on the Postgres profile; two nodes with a Redis backplane),
// all (locate, lifecycle, replay, cluster),
// open [count=100000] [dispatch limit s=300] [in flight=64] [nobreach [hold s]]: open incidents with live deadlines (memory per open case, breach lag;
//   nobreach stops once all are open, hold keeps the center that long for a heap dump),
// connections [walls=1000] [workers=10000] [rate=50]: walls and workers held at once (push latency, memory),
// track-storage [members=200] [days=3]: bytes per member-day of patrol track (SQLite file, Redis MEMORY USAGE),
// export [days=365] [per day=5000] [formats=csv]: a city's year of cases through the case export (rows/s, bytes, the center's memory growth) beside the raw ledger read.
// Connections need file descriptors: `ulimit -n` must exceed walls + workers + a few hundred, in this
// shell and so in the center it starts (as root: `ulimit -n 65536` or `prlimit --pid $$ --nofile=65536`).
var which = args.FirstOrDefault() ?? "all";
var root = Repo.FindRoot();
if (which is "raw-server")
{
    // The raw baselines' server, started by the benchmark itself as a child process.
    await Baselines.ServeRaw();
    return;
}
if (which is "suite")
{
    await PerfSuite.Run(root, quick: args.Skip(1).Contains("quick"));
    return;
}
if (which is "locate" or "all") LocateBenchmark.Run(root);
if (which is "lifecycle" or "all")
{
    var concurrency = args.Length > 1 ? int.Parse(args[1]) : 64;
    // "lifecycle 64 15 allocations": also where the center allocates, by type (sampled AllocationTick events).
    await LifecycleBenchmark.Run(root, concurrency, TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2]) : 20), allocations: args.Contains("allocations"));
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
if (which is "open")
{
    var count = args.Length > 1 ? int.Parse(args[1]) : 100_000;
    var limit = TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2]) : 300);
    var inFlight = args.Length > 3 ? int.Parse(args[3]) : 64;
    // "open 20000 600 64 nobreach 120": stop once all are open (no waiting for the breaches), holding the center 120 s to look inside.
    var waitForBreaches = !(args.Length > 4 && args[4] == "nobreach");
    var hold = args.Length > 5 ? int.Parse(args[5]) : 0;
    await OpenIncidentsBenchmark.Run(root, count, limit, inFlight, waitForBreaches, hold);
}
if (which is "connections")
{
    var walls = args.Length > 1 ? int.Parse(args[1]) : 1_000;
    var workers = args.Length > 2 ? int.Parse(args[2]) : 10_000;
    var rate = args.Length > 3 ? int.Parse(args[3]) : 50;
    await ConnectionsBenchmark.Run(root, walls, workers, rate, TimeSpan.FromSeconds(20));
}
if (which is "track-storage")
{
    // Bytes per member-day of patrol track in the SQLite store (and Redis MEMORY USAGE when redis-server is there).
    var members = args.Length > 1 ? int.Parse(args[1]) : 200;
    var days = args.Length > 2 ? int.Parse(args[2]) : 3;
    await TrackStorageBenchmark.Run(root, members, days);
}
if (which is "export")
{
    var days = args.Length > 1 ? int.Parse(args[1]) : 365;
    var perDay = args.Length > 2 ? int.Parse(args[2]) : 5_000;
    var formats = args.Length > 3 ? args[3].Split(',') : ["csv"];
    await ExportBenchmark.Run(root, days, perDay, formats);
}
if (which is "cluster" or "all")
{
    // Needs /usr/bin/redis-server (scripts/test.sh installs it).
    var concurrency = args.Length > 1 ? int.Parse(args[1]) : 64;
    await ClusterBenchmark.Run(root, concurrency, TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2]) : 20));
}
if (which is "cluster-postgres")
{
    // Needs Debian's postgresql (/usr/lib/postgresql/*/bin) and, for the two-node backplane, /usr/bin/redis-server.
    var concurrency = args.Length > 1 ? int.Parse(args[1]) : 64;
    await ClusterBenchmark.Run(root, concurrency, TimeSpan.FromSeconds(args.Length > 2 ? int.Parse(args[2]) : 20), ClusterBenchmark.Profile.Postgres);
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
                      $"{f.Refused} refused, {f.Failed} failed), {f.Walls} walls got {f.WallUpdatesPerSecond:N0} position updates/s; " +
                      $"center per ping kept {f.Center.Each}, client {ProcessCounters.Micro(f.ClientCpuMicrosecondsEach)} CPU per ping");
}
