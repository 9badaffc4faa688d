using System.Globalization;

namespace CommandCenter.Benchmarks;

/// <summary>
/// The performance suite: every figure of docs/performance.md in one run, each beside the baseline
/// measured in the same run, printed as one markdown table at the end (progress lines before it).
/// </summary>
internal static class PerfSuite
{
    private sealed record Row(string Figure, string System, string Baseline, string Target);

    public static async Task Run(string root)
    {
        var rows = new List<Row>();
        var started = DateTimeOffset.Now;
        Console.WriteLine($"Performance suite: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load {Load()} at the start");

        var echo = await Baselines.SignalREcho(1_000, TimeSpan.FromSeconds(10));
        var grainCalls = await Baselines.GrainCalls(64, TimeSpan.FromSeconds(10));
        Console.WriteLine($"baselines: SignalR echo p50 {echo.P50:0.00} / p99 {echo.P99:0.00} ms; {grainCalls:N0} grain calls/s");
        var echoText = $"raw SignalR echo at 1,000 msg/s: p50 {echo.P50:0.00} / p99 {echo.P99:0.00} ms";

        foreach (var f in await PushBenchmark.Run(root, walls: 50, workers: 200, rates: [200, 500, 1_000], TimeSpan.FromSeconds(10)))
        {
            var shortfall = f.Failed > 0 ? $"; {f.Failed} of {f.Reports} calls failed" : "";
            rows.Add(new($"report → wall push, 50 walls, {f.Rate} reports/s", $"p50 {f.Wall.P50:0.0} / p99 {f.Wall.P99:0.0} ms{shortfall}", echoText, f.Rate == 500 ? "p99 ≤ 25 ms" : ""));
            rows.Add(new($"report → worker push (operator dispatches at once), {f.Rate} reports/s", $"p50 {f.Worker.P50:0.0} / p99 {f.Worker.P99:0.0} ms", echoText, ""));
            rows.Add(new($"dispatch → worker push, {f.Rate} dispatches/s", $"p50 {f.Dispatch.P50:0.0} / p99 {f.Dispatch.P99:0.0} ms", echoText, ""));
        }

        var life = await LifecycleBenchmark.Run(root, 64, TimeSpan.FromSeconds(20));
        rows.Add(new("full nine-step lifecycles through the HTTP API, every transition durable (64 in flight)",
            $"{life.LifecyclesPerSecond:N0}/s ({life.TransitionsPerSecond:N0} HTTP transitions/s, center CPU {life.CenterCpuPerTransitionMicroseconds:N0} µs each)",
            $"raw Orleans grain calls: {grainCalls:N0}/s", "≥ 1,000/s"));
        rows.Add(new("one transition at that load, p50 / p99 / p99.9 / max", life.Latencies + " ms", "", "none over 1 s"));

        var pings = await PingBenchmark.Run(root, workers: 2_000, walls: 50, inFlight: 64, batch: 10, TimeSpan.FromSeconds(20));
        rows.Add(new("location pings ingested, wall fan-out on (2,000 workers, batches of 10, 50 walls)",
            $"{pings.PingsPerSecond:N0}/s (batch p99 {pings.BatchP99:0} ms; walls got {pings.WallUpdatesPerSecond:N0} position updates/s)", "", "≥ 20,000/s"));

        var open = await OpenIncidentsBenchmark.Run(root, 100_000, TimeSpan.FromSeconds(300), 64);
        foreach (var (figure, value) in open.Where(r => r.Figure.StartsWith("reports created") || r.Figure.StartsWith("center RSS") || r.Figure.StartsWith("breach")))
            rows.Add(new($"100,000 open incidents with live deadlines: {figure}", value, "", figure.StartsWith("center RSS") ? "≤ 2 GB" : figure.StartsWith("breach lag") ? "p99 ≤ 1 s" : ""));

        var held = await ConnectionsBenchmark.Run(root, 1_000, 10_000, 50, TimeSpan.FromSeconds(20));
        foreach (var (figure, value) in held.Where(r => r.Figure.StartsWith("connections") || r.Figure.Contains("push p50") || r.Figure.StartsWith("center RSS")))
            rows.Add(new($"1,000 walls + 10,000 workers held, 50 reports/s: {figure}", value, figure.Contains("push") ? echoText : "", ""));

        var locate = LocateBenchmark.Run(root);
        rows.Add(new($"point → grid lookups, sample city ({locate.Grids:N0} grids)", $"{locate.Indexed:N0}/s on 1 thread, {locate.Parallel:N0}/s on {Environment.ProcessorCount}",
            $"brute force: {locate.Brute:N0}/s", "≥ 500,000/s per core"));

        Console.WriteLine();
        Console.WriteLine($"Run {started:yyyy-MM-dd HH:mm}–{DateTimeOffset.Now:HH:mm}, {Environment.ProcessorCount} cores, load {Load()} at the end");
        Console.WriteLine("| figure | system | baseline (same run) | target |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var r in rows) Console.WriteLine($"| {r.Figure} | {r.System} | {r.Baseline} | {r.Target} |");
    }

    /// <summary>The 1-minute load average: other work on the machine makes every figure lower.</summary>
    public static string Load() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
