using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CommandCenter.Benchmarks;

/// <summary>
/// Many open incidents with live deadlines: <c>count</c> reports through the public HTTP API (many in
/// flight), each located at once so its dispatch clock runs (the first deadline after a located
/// report); the center's memory once all are open and once all have breached, and how late each
/// breach was recorded after its deadline (the Escalate event's time in the ledger minus the dispatch
/// deadline's DueAt, read back through the replay stream).
/// </summary>
internal static class OpenIncidentsBenchmark
{
    // The sample city's extent (江阴市); points outside the county are answered 422 and skipped.
    private const double South = 31.70, North = 31.95, West = 120.05, East = 120.60;
    // 70 m apart: never within the 50 m duplicate radius of one another.
    private const double StepMetres = 70;

    public static async Task<IReadOnlyList<(string Figure, string Value)>> Run(string root, int count, TimeSpan dispatchLimit, int inFlight,
        bool waitForBreaches = true, int holdSeconds = 0)
    {
        var policy = PolicyWith(root, dispatchLimit);
        // An incident nobody touches leaves memory after Incidents:KeepIdleFor (5 minutes by default; its grid keeps its clock):
        // shortened here so the run sees the steady state of a city's open backlog, where most cases wait untouched.
        await using var center = await CenterLauncher.Start(root, $"--Sla:PolicyFile={policy}",
            "--RateLimits:SignInPerMinute=100000", "--RateLimits:PublicIntakePerMinute=100000",
            $"--Incidents:KeepIdleFor={KeepIdleFor:c}", $"--Cluster:Collection:CollectionQuantum={CollectionQuantum:c}");
        var begun = DateTimeOffset.UtcNow;
        var idle = center.ResidentBytes;
        var heapIdle = await ProcessCounters.LiveHeapAfterFullCollection(center.ProcessId);
        var rssIdle = center.ResidentBytes; // after that collection, as "all open" is read
        var operatorClient = center.ClientWithToken(center.MintToken("operator1", CommandCenter.Grains.Accounts.Roles.Operator));
        var points = Lattice();
        if (points.Count < count * 1.2) throw new InvalidOperationException($"{points.Count} lattice points cannot give {count} incidents inside the city.");

        // Create: inFlight loops, each taking the next point; outside points (422) are skipped.
        var ids = new ConcurrentBag<string>();
        var next = -1;
        var started = 0; // reports sent or answered with a case: at most count
        var created = 0;
        var outside = 0;
        var failures = 0;
        var latencies = new ConcurrentBag<double>();
        using var counters = ProcessCounters.Start(center.ProcessId);
        await Task.Delay(1500); // the first counter values
        var centerMark = counters.Now();
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var progress = new Timer(_ => Console.Error.WriteLine(
            $"  {clock.Elapsed.TotalSeconds:0} s: {Volatile.Read(ref created):N0} created, RSS {center.ResidentBytes / 1048576.0:N0} MiB, load {PerfSuite.Load()}"), null, 10_000, 10_000);
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            while (true)
            {
                if (Interlocked.Increment(ref started) > count)
                {
                    Interlocked.Decrement(ref started);
                    return;
                }
                var n = Interlocked.Increment(ref next);
                if (n >= points.Count) return;
                var (lat, lon) = points[n];
                var sw = Stopwatch.StartNew();
                try
                {
                    using var response = await operatorClient.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = $"open {n}", channel = "hotline" });
                    if (response.StatusCode == HttpStatusCode.BadRequest && (await response.Content.ReadAsStringAsync()).Contains("outside the city", StringComparison.Ordinal))
                    {
                        Interlocked.Increment(ref outside);
                        Interlocked.Decrement(ref started);
                        continue;
                    }
                    if (!response.IsSuccessStatusCode) { Interlocked.Increment(ref failures); Interlocked.Decrement(ref started); continue; }
                    latencies.Add(sw.Elapsed.TotalMilliseconds);
                    ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
                    Interlocked.Increment(ref created);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.Decrement(ref started);
                }
            }
        }));
        var creationSeconds = clock.Elapsed.TotalSeconds;
        var creationCost = counters.Since(centerMark, ids.Count);
        clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu;
        var creation = $"{creationCost.Each}; client {ProcessCounters.Micro(clientCpu.TotalMicroseconds / Math.Max(1, ids.Count))} CPU each";
        var lastCreated = DateTimeOffset.UtcNow;
        var loadAfterCreation = PerfSuite.Load();
        var heapJustOpened = await ProcessCounters.LiveHeapAfterFullCollection(center.ProcessId);
        var rssJustOpened = center.ResidentBytes;
        // The steady state: every incident untouched since its report has left memory; the grids hold the clocks.
        await Task.Delay(lastCreated + KeepIdleFor + 2 * CollectionQuantum - DateTimeOffset.UtcNow is { Ticks: > 0 } settle ? settle : TimeSpan.Zero);
        var heapOpen = await ProcessCounters.LiveHeapAfterFullCollection(center.ProcessId);
        var rssOpen = center.ResidentBytes;
        var justOpened = (heapJustOpened, rssJustOpened);
        if (holdSeconds > 0)
        {
            // Time to look inside, e.g. dotnet-gcdump collect -p <pid>.
            Console.WriteLine($"all {ids.Count:N0} open: the center is process {center.ProcessId}; holding it {holdSeconds} s");
            await Task.Delay(TimeSpan.FromSeconds(holdSeconds));
        }
        // The quiet spell before the first warning: what the open incidents cost while nothing is due
        // (every open incident's backstop reminder ticks once per Sla:ReminderPeriod).
        var quiet = TimeSpan.FromSeconds(Math.Min(30, Math.Max(0, (dispatchLimit * 0.8 - TimeSpan.FromSeconds(creationSeconds)).TotalSeconds - 5)));
        var cpuBefore = center.CpuTime;
        await Task.Delay(quiet);
        var quietCpu = quiet > TimeSpan.Zero ? (center.CpuTime - cpuBefore) / quiet : double.NaN;

        // Wait for the last deadline, then read the ledger back until every incident has breached.
        if (!waitForBreaches) return OpenRows(center, count, ids.Count, creationSeconds, outside, failures, latencies, idle, rssIdle, rssOpen, heapIdle, heapOpen, quietCpu, quiet, loadAfterCreation, creation, justOpened);
        var supervisor = center.ClientWithToken(center.MintToken("supervisor1", CommandCenter.Grains.Accounts.Roles.Supervisor));
        var wait = lastCreated + dispatchLimit + TimeSpan.FromSeconds(2) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        Breaches breaches;
        var polls = 0;
        while (true)
        {
            breaches = await ReadBreaches(supervisor, begun - TimeSpan.FromMinutes(1), DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1));
            if (breaches.Lags.Count >= ids.Count || ++polls >= 30) break;
            Console.Error.WriteLine($"  {breaches.Lags.Count:N0} of {ids.Count:N0} breached; reading again in 10 s");
            await Task.Delay(10_000);
        }
        var rssBreachedNow = center.ResidentBytes;
        var heapBreachedNow = await ProcessCounters.LiveHeapAfterFullCollection(center.ProcessId);
        // The breaches woke every incident; measured again once they are idle again.
        await Task.Delay(KeepIdleFor + 2 * CollectionQuantum);
        var rssBreached = center.ResidentBytes;
        var heapBreached = await ProcessCounters.LiveHeapAfterFullCollection(center.ProcessId);
        var loadAfterBreaches = PerfSuite.Load();

        var lags = breaches.Lags.Order().ToArray();
        string Pct(double p) => lags.Length == 0 ? "n/a" : $"{lags[Math.Min(lags.Length - 1, (int)(lags.Length * p))]:0}";
        var rows = OpenRows(center, count, ids.Count, creationSeconds, outside, failures, latencies, idle, rssIdle, rssOpen, heapIdle, heapOpen, quietCpu, quiet, loadAfterCreation, creation, justOpened, print: false).ToList();
        rows.Add(($"center RSS: all breached, just woken / idle again", $"{MiB(rssBreachedNow)} / {MiB(rssBreached)}"));
        rows.Add(($"live heap after a full collection: all breached, just woken / idle again", $"{MiB(heapBreachedNow)} / {MiB(heapBreached)}"));
        rows.Add(($"memory per breached case, idle again: live heap", heapIdle is { } hi && heapBreached is { } hb && ids.Count > 0 ? ProcessCounters.Size((hb - hi) / (double)ids.Count) : "n/a"));
        rows.Add(($"breaches recorded", $"{lags.Length:N0} of {ids.Count:N0}"));
        rows.Add(($"breach lag after the deadline p50 / p99 / max (ms)", $"{Pct(0.5)} / {Pct(0.99)} / {(lags.Length == 0 ? "n/a" : $"{lags[^1]:0}")}"));
        rows.Add(($"load average after breaches", loadAfterBreaches));
        Tables.Print(rows);
        return rows;
    }

    /// <summary>How long an untouched incident stays in memory in this run, and how often Orleans looks for such.</summary>
    private static readonly TimeSpan KeepIdleFor = TimeSpan.FromSeconds(30), CollectionQuantum = TimeSpan.FromSeconds(10);

    private static string MiB(long? bytes) => bytes is { } b ? $"{b / 1048576.0:N0} MiB" : "n/a";

    private static List<(string Figure, string Value)> OpenRows(CenterLauncher center, int asked, int open, double creationSeconds, int outside, int failures,
        ConcurrentBag<double> latencies, long idle, long rssIdle, long rssOpen, long? heapIdle, long? heapOpen, double quietCpu, TimeSpan quiet, string loadAfterCreation, string creation,
        (long? Heap, long Rss) justOpened, bool print = true)
    {
        var create = latencies.Order().ToArray();
        string CreatePct(double p) => create.Length == 0 ? "n/a" : $"{create[Math.Min(create.Length - 1, (int)(create.Length * p))]:0}";
        Console.WriteLine($"{open:N0} open incidents, {Environment.ProcessorCount} cores, {(Environment.GetEnvironmentVariable("DOTNET_gcServer") == "0" ? "workstation" : "server")} GC");
        var rows = new List<(string Figure, string Value)>();
        rows.Add(($"reports created/s (through HTTP, each durable)", $"{open / creationSeconds:N0} ({open:N0} in {creationSeconds:0} s; {outside:N0} points outside skipped; {failures} failed)"));
        rows.Add(($"center per report created (durable, located, its deadline armed)", creation));
        rows.Add(($"report answer p50 / p99 / max (ms)", $"{CreatePct(0.5)} / {CreatePct(0.99)} / {(create.Length == 0 ? "n/a" : $"{create[^1]:0}")}"));
        rows.Add(($"center RSS: idle / all open, just reported / all open, untouched for {KeepIdleFor.TotalSeconds:0} s", $"{MiB(idle)} / {MiB(justOpened.Rss)} / {MiB(rssOpen)}"));
        rows.Add(($"live heap after a full collection: idle / all open, just reported / all open, untouched", $"{MiB(heapIdle)} / {MiB(justOpened.Heap)} / {MiB(heapOpen)}"));
        rows.Add(($"memory per open case right after the last report (those untouched for {KeepIdleFor.TotalSeconds:0} s already out of memory): live heap", heapIdle is { } h0 && justOpened.Heap is { } hj && open > 0 ? ProcessCounters.Size((hj - h0) / (double)open) : "n/a"));
        var perCase = heapIdle is { } hi && heapOpen is { } ho && open > 0 ? ProcessCounters.Size((ho - hi) / (double)open) : "n/a";
        rows.Add(($"memory per open case, untouched: live heap / RSS (growth from idle over the open cases)", $"{perCase} / {(open > 0 ? ProcessCounters.Size((rssOpen - rssIdle) / (double)open) : "n/a")}"));
        MemoryPerOpenCase = heapIdle is { } a && heapOpen is { } b && open > 0 ? (b - a) / (double)open : null;
        RssPerOpenCase = open > 0 ? (rssOpen - rssIdle) / (double)open : null;
        rows.Add(($"center CPU while all are open and nothing is due ({quiet.TotalSeconds:0} s)", $"{(double.IsNaN(quietCpu) ? "n/a" : $"{quietCpu * 100:0}% of one core")}"));
        rows.Add(($"load average after creation", loadAfterCreation));
        if (print) Tables.Print(rows);
        return rows;
    }

    /// <summary>The last run's live heap and RSS growth per open case, in bytes.</summary>
    public static double? MemoryPerOpenCase { get; private set; }
    public static double? RssPerOpenCase { get; private set; }

    /// <summary>The fast sample policy with the dispatch (and grid) limit set, written to a temporary file.</summary>
    private static string PolicyWith(string root, TimeSpan dispatchLimit)
    {
        var policy = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "samples", "Jiangyin", "sla-policy.fast.json")))!;
        foreach (var limit in policy["limits"]!.AsArray())
            if (limit!["step"]!.GetValue<string>() is "grid" or "dispatch")
                limit["limit"] = $"{(int)dispatchLimit.TotalSeconds}s";
        var path = Path.Combine(Path.GetTempPath(), $"cc-bench-policy-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, policy.ToJsonString());
        return path;
    }

    /// <summary>Points 70 m apart over the city's extent, in a fixed random order.</summary>
    public static List<(double Lat, double Lon)> Lattice()
    {
        var dLat = StepMetres / 111_000.0;
        var dLon = dLat / Math.Cos((South + North) / 2 * Math.PI / 180);
        var points = new List<(double, double)>();
        for (var lat = South; lat <= North; lat += dLat)
            for (var lon = West; lon <= East; lon += dLon)
                points.Add((Math.Round(lat, 6), Math.Round(lon, 6)));
        new Random(11).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(points));
        return points;
    }

    private sealed record Breaches(List<double> Lags);

    /// <summary>Every incident's dispatch deadline and its Escalate event, from the replay stream.</summary>
    private static async Task<Breaches> ReadBreaches(HttpClient supervisor, DateTimeOffset from, DateTimeOffset to)
    {
        var due = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var breachedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        using var response = await supervisor.GetAsync($"/api/replay?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}",
            HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        while (await reader.ReadLineAsync() is { } line)
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            if (e.GetProperty("kind").GetString() != "event") continue;
            var id = e.GetProperty("incidentId").GetString()!;
            switch (e.GetProperty("action").GetString())
            {
                case "Locate" when e.TryGetProperty("deadline", out var deadline):
                    due[id] = deadline.GetProperty("dueAt").GetDateTimeOffset();
                    break;
                case "Escalate" when e.GetProperty("step").GetString() == "Dispatch":
                    breachedAt.TryAdd(id, e.GetProperty("at").GetDateTimeOffset());
                    break;
            }
        }
        return new Breaches(breachedAt.Where(b => due.ContainsKey(b.Key)).Select(b => (b.Value - due[b.Key]).TotalMilliseconds).ToList());
    }

}
