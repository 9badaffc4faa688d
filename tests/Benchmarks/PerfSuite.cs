using System.Globalization;

namespace CommandCenter.Benchmarks;

/// <summary>
/// The performance suite: every figure of docs/performance.md in one run, each beside the baseline
/// measured in the same run, printed as one markdown table at the end (progress lines before it).
/// </summary>
internal static class PerfSuite
{
    private sealed record Row(string Figure, string System, string Baseline, string Target);

    public static async Task Run(string root, bool quick = false)
    {
        if (quick)
        {
            await RunCosts(root);
            return;
        }
        var started = DateTimeOffset.Now;
        Console.WriteLine($"Performance suite: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load {Load()} at the start");
        // First the center's cost per operation, each beside its raw baseline (the quick suite's table), then the rest.
        var rows = await RunCosts(root, print: false);

        var echo = await Baselines.SignalREcho(1_000, TimeSpan.FromSeconds(10));
        var grainCalls = await Baselines.GrainCalls(64, TimeSpan.FromSeconds(10));
        Console.WriteLine($"baselines: SignalR echo p50 {echo.P50:0.00} / p99 {echo.P99:0.00} ms; {grainCalls:N0} grain calls/s");
        var echoText = $"raw SignalR echo at 1,000 msg/s: p50 {echo.P50:0.00} / p99 {echo.P99:0.00} ms";

        foreach (var f in await PushBenchmark.Run(root, walls: 50, workers: 200, rates: [200, 500, 1_000], TimeSpan.FromSeconds(10)))
        {
            var shortfall = f.Failed > 0 ? $"; {f.Failed} of {f.Reports} calls failed" : "";
            rows.Add(new($"report → wall push, 50 walls, {f.Rate} reports/s", $"p50 {f.Wall.P50:0.0} / p99 {f.Wall.P99:0.0} ms{shortfall}", echoText, f.Rate == 500 ? "p99 ≤ 50 ms" : ""));
            rows.Add(new($"report → worker push (operator dispatches at once), {f.Rate} reports/s", $"p50 {f.Worker.P50:0.0} / p99 {f.Worker.P99:0.0} ms", echoText, ""));
            rows.Add(new($"dispatch → worker push, {f.Rate} dispatches/s", $"p50 {f.Dispatch.P50:0.0} / p99 {f.Dispatch.P99:0.0} ms", echoText, ""));
            rows.Add(new($"center per push delivered to one connection, 50 walls + 200 workers, {f.Rate} reports/s", f.Center.Each, "", ""));
        }

        var life = await LifecycleBenchmark.Run(root, 64, TimeSpan.FromSeconds(20));
        rows.Add(new("full nine-step lifecycles through the HTTP API, every transition durable (64 in flight)",
            $"{life.LifecyclesPerSecond:N0}/s ({life.TransitionsPerSecond:N0} HTTP transitions/s, center {life.Center?.Each} each)",
            $"raw Orleans grain calls: {grainCalls:N0}/s", "≥ 1,000/s; ≤ 300 µs center CPU per transition"));
        rows.Add(new("one transition at that load, p50 / p99 / p99.9 / max", life.Latencies + " ms", "", "none over 1 s"));

        var pings = await PingBenchmark.Run(root, workers: 2_000, walls: 50, inFlight: 64, batch: 10, TimeSpan.FromSeconds(20));
        rows.Add(new("location pings ingested, wall fan-out on (2,000 workers, batches of 10, 50 walls)",
            $"{pings.PingsPerSecond:N0}/s (batch p99 {pings.BatchP99:0} ms; walls got {pings.WallUpdatesPerSecond:N0} position updates/s; center {pings.Center.Each} per ping)", "", "≥ 20,000/s"));

        var open = await OpenIncidentsBenchmark.Run(root, 100_000, TimeSpan.FromSeconds(300), 64);
        foreach (var (figure, value) in open.Where(r => r.Figure.StartsWith("reports created") || r.Figure.StartsWith("center RSS") || r.Figure.StartsWith("memory per") || r.Figure.StartsWith("breach")))
            rows.Add(new($"100,000 open incidents with live deadlines: {figure}", value, "", figure.StartsWith("center RSS") ? "≤ 2 GB" : figure.StartsWith("breach lag") ? "p99 ≤ 1 s" : figure.StartsWith("memory per") ? "≤ 4 KB" : ""));

        var held = await ConnectionsBenchmark.Run(root, 1_000, 10_000, 50, TimeSpan.FromSeconds(20));
        foreach (var (figure, value) in held.Where(r => r.Figure.StartsWith("connections") || r.Figure.Contains("push p50") || r.Figure.StartsWith("center RSS") || r.Figure.StartsWith("center cost per push")))
            rows.Add(new($"1,000 walls + 10,000 workers held, 50 reports/s: {figure}", value, figure.Contains("push") ? echoText : "", figure.StartsWith("report → wall") ? "p99 ≤ 250 ms" : ""));

        var locate = LocateBenchmark.Run(root);
        rows.Add(new($"point → grid lookups, sample city ({locate.Grids:N0} grids)", $"{locate.Indexed:N0}/s on 1 thread, {locate.Parallel:N0}/s on {Environment.ProcessorCount}",
            $"brute force: {locate.Brute:N0}/s", "≥ 500,000/s per core"));

        Console.WriteLine();
        Console.WriteLine($"Run {started:yyyy-MM-dd HH:mm}–{DateTimeOffset.Now:HH:mm}, {Environment.ProcessorCount} cores, load {Load()} at the end");
        Print(rows);
    }

    /// <summary>One part of the quick suite: a part that fails (a center that did not start on a loaded machine) is a row saying so, and the rest still runs.</summary>
    private static async Task Step(List<Row> rows, Func<Task> part)
    {
        try { await part(); }
        catch (Exception e)
        {
            Console.Error.WriteLine($"  failed: {e}");
            rows.Add(new("(a part of the suite failed)", $"{e.GetType().Name}: {e.Message.Split('\n')[0][..Math.Min(160, e.Message.Split('\n')[0].Length)]}", "", ""));
        }
    }

    private static void Print(IEnumerable<Row> rows)
    {
        Console.WriteLine("| figure | system | baseline (same run) | target |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var r in rows) Console.WriteLine($"| {r.Figure} | {r.System} | {r.Baseline} | {r.Target} |");
    }

    /// <summary>
    /// <c>suite quick</c>: what the center costs per operation (CPU and allocations, read from outside the
    /// center) and memory per open case, each beside a raw baseline measured in the same run, and the two
    /// latency targets; short runs (about 6 minutes in all), for a machine that is not quiet.
    /// The raw baselines run in a child process of their own (<c>raw-server</c>) so their CPU is theirs alone:
    /// a JSON POST echoed by a bare ASP.NET Core endpoint, a SignalR group broadcast (MessagePack) of a
    /// message of the center's mean push size to as many raw WebSocket readers at the center's push rate,
    /// and in this process the raw Orleans grain call and the live heap of an idle trivial grain activation.
    /// </summary>
    private static async Task<List<Row>> RunCosts(string root, bool print = true)
    {
        var rows = new List<Row>();
        var started = DateTimeOffset.UtcNow;
        var load = Load();
        Console.WriteLine($"Quick suite: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load {load} at the start");

        var post = await Baselines.JsonPost(new { category = "E0102", lat = 31.8, lon = 120.3, description = "raw", channel = "hotline" }, 64, TimeSpan.FromSeconds(5));
        var grain = await Baselines.GrainCallCosts(64, TimeSpan.FromSeconds(5), activations: 20_000);
        var postText = $"raw JSON POST (bare ASP.NET Core endpoint, server side): {post.Each}";
        var grainText = $"raw Orleans grain call (caller and silo): {ProcessCounters.Micro(grain.CpuMicrosecondsPerCall)} CPU";
        Console.Error.WriteLine($"  raw grain calls: {grain.PerSecond:N0}/s, {ProcessCounters.Micro(grain.CpuMicrosecondsPerCall)} CPU each; an idle trivial activation holds {(grain.BytesPerActivation is { } ba ? ProcessCounters.Size(ba) : "n/a")}");

        await Step(rows, async () =>
        {
            var life = await LifecycleBenchmark.Run(root, 64, TimeSpan.FromSeconds(15));
            rows.Add(new("center per HTTP transition (lifecycle, 64 in flight, every transition durable)",
                $"{life.Center?.Each} ({life.TransitionsPerSecond:N0} transitions/s; client {ProcessCounters.Micro(life.ClientCpuPerTransitionMicroseconds)} CPU each)",
                $"{postText}; {grainText}", "≤ 300 µs CPU"));
            rows.Add(new("one transition at that load, p50 / p99 / p99.9 / max", life.Latencies + " ms", "", "none over 1 s"));
        });

        await Step(rows, async () =>
        {
            var push = (await PushBenchmark.Run(root, walls: 50, workers: 200, rates: [500], TimeSpan.FromSeconds(8))).Single();
            var pushRaw = await Baselines.Broadcast(push.Walls, Math.Max(1, (int)Math.Round(push.PushesPerSecondPerWall)), Math.Max(16, push.MeanWallPushBytes), TimeSpan.FromSeconds(5));
            rows.Add(new("center per push delivered to one connection (50 walls + 200 workers, 500 reports/s each dispatched; all the center's work over the pushes)",
                $"{push.Center.Each} ({push.PushesPerSecondPerWall:0.0} pushes/s per wall of ~{push.MeanWallPushBytes:N0} bytes; client {ProcessCounters.Micro(push.ClientCpuMicrosecondsEach)} CPU each, full SignalR clients)",
                $"raw SignalR group broadcast, {pushRaw.Connections} connections × {pushRaw.PerSecond}/s × {pushRaw.Size:N0} bytes: {pushRaw.Server.Each} per delivery", ""));
            rows.Add(new("report → wall push, 50 walls, 500 reports/s, p50 / p99", $"{push.Wall.P50:0.0} / {push.Wall.P99:0.0} ms", "", "p99 ≤ 50 ms"));
        });

        await Step(rows, async () =>
        {
            var pings = await PingBenchmark.Run(root, workers: 2_000, walls: 50, inFlight: 64, batch: 10, TimeSpan.FromSeconds(8));
            rows.Add(new("center per location ping kept (batches of 10, 50 walls following)",
                $"{pings.Center.Each} ({pings.PingsPerSecond:N0} pings/s; client {ProcessCounters.Micro(pings.ClientCpuMicrosecondsEach)} CPU each)",
                $"raw JSON POST ÷ 10: {ProcessCounters.Micro(post.CpuMicrosecondsEach / 10)} CPU, {(post.BytesEach is { } pb ? ProcessCounters.Size(pb / 10) : "n/a")} allocated", ""));
        });

        await Step(rows, async () =>
        {
            await OpenIncidentsBenchmark.Run(root, 5_000, TimeSpan.FromSeconds(600), 64, waitForBreaches: false);
            rows.Add(new("memory per open case (5,000 open with live deadlines): live heap after a full collection / RSS, growth from idle over the cases",
                $"{(OpenIncidentsBenchmark.MemoryPerOpenCase is { } m ? ProcessCounters.Size(m) : "n/a")} / {(OpenIncidentsBenchmark.RssPerOpenCase is { } r ? ProcessCounters.Size(r) : "n/a")}",
                $"raw idle Orleans activation of a trivial grain: {(grain.BytesPerActivation is { } g ? ProcessCounters.Size(g) : "n/a")} live heap", "≤ 4 KB"));
        });

        await Step(rows, async () =>
        {
            await ConnectionsBenchmark.Run(root, 1_000, 10_000, 50, TimeSpan.FromSeconds(10));
            if (ConnectionsBenchmark.Last is { } held)
            {
                var heldRaw = await Baselines.Broadcast(held.Walls, Math.Max(1, (int)Math.Round(held.PushesPerSecondPerWall)), Math.Max(16, held.MeanWallPushBytes), TimeSpan.FromSeconds(5));
                rows.Add(new("center per push delivered to one connection (1,000 walls + 10,000 workers held, 50 reports/s each dispatched)",
                    $"{held.Center.Each} ({held.PushesPerSecondPerWall:0.0} pushes/s per wall of ~{held.MeanWallPushBytes:N0} bytes; client {ProcessCounters.Micro(held.ClientCpuMicrosecondsEach)} CPU each, raw readers)",
                    $"raw SignalR group broadcast, {heldRaw.Connections:N0} connections × {heldRaw.PerSecond}/s × {heldRaw.Size:N0} bytes: {heldRaw.Server.Each} per delivery (client {ProcessCounters.Micro(heldRaw.ClientCpuMicrosecondsEach)})", ""));
                rows.Add(new("report → wall push, 1,000 walls + 10,000 workers, 50 reports/s, p50 / p99 / max", held.WallLatency, "", "p99 ≤ 250 ms"));
            }
        });

        if (!print) return rows;
        Console.WriteLine();
        Console.WriteLine($"Quick suite {started:yyyy-MM-dd HH:mm}–{DateTimeOffset.UtcNow:HH:mm} UTC, {Environment.ProcessorCount} cores shared, load {load} at the start, {Load()} at the end");
        Print(rows);
        return rows;
    }

    /// <summary>The 1-minute load average: other work on the machine makes every figure lower.</summary>
    public static string Load() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
