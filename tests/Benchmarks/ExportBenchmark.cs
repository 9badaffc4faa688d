using System.Diagnostics;
using System.Globalization;
using CommandCenter.Exports;
using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;
using CommandCenter.Storage;

namespace CommandCenter.Benchmarks;

/// <summary>
/// A city's year through the case export: a SQLite ledger filled directly (the real <see cref="SqliteIncidentLedger"/>) with
/// <c>perDay</c> cases a day for <c>days</c> days, spread over the sample city's blocks, categories and channels (each reported,
/// located and then cancelled, so no clock is left running for the center to re-arm); then, on the same file, the cases read
/// with no HTTP (the ledger's stream and the reports, as the export reads them: the raw baseline), and the year's CSV (and any
/// other formats asked for) requested from the center through HTTP by a client that only counts bytes and lines. The center's
/// memory growth is its peak resident set during the export (VmHWM, reset to the idle figure first) minus its idle resident set.
/// </summary>
internal static class ExportBenchmark
{
    private static readonly DateTimeOffset Start = new(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Channels = ["worker-app", "hotline", "open311", "patrol", "sensor"];

    public static async Task<IReadOnlyList<(string Figure, string Value)>> Run(string root, int days, int perDay, IReadOnlyList<string> formats)
    {
        var city = Path.Combine(root, "samples", "Jiangyin");
        var catalogue = CategoryCatalogue.Load(Path.Combine(city, "categories.json"));
        var policy = SlaPolicy.Load(Path.Combine(city, "sla-policy.json"), catalogue);
        var hierarchy = GridImport.Read(File.ReadAllText(Path.Combine(city, "grids.geojson"))).Hierarchy!;

        var directory = Path.Combine(Path.GetTempPath(), "cc-bench", $"export-{days}x{perDay}");
        var file = Path.Combine(directory, "command-center.db");
        var cases = days * perDay;
        var from = Start;
        var to = Start.AddDays(days);
        var query = new IncidentQuery(null, null, null, from, to, DateTimeOffset.UtcNow, 0, int.MaxValue);
        var rows = new List<(string Figure, string Value)>();
        var read = 0L;
        void Add(string figure, string value)
        {
            rows.Add((figure, value));
            Console.Error.WriteLine($"  {figure}: {value}");
        }

        // A file is reused only when its writing finished (the mark); a half-written one is written again from the start.
        var complete = Path.Combine(directory, "complete");
        if (!File.Exists(complete) && Directory.Exists(directory)) Directory.Delete(directory, true);
        await using (var database = new SqliteDatabase(file, SqliteIncidentLedger.Schema))
        {
            var ledger = new SqliteIncidentLedger(database);
            if (!File.Exists(complete))
            {
                var written = Stopwatch.StartNew();
                await Generate(ledger, catalogue, policy, hierarchy, days, perDay);
                Console.WriteLine($"Wrote {cases:N0} cases in {written.Elapsed.TotalSeconds:0} s to {file} ({new FileInfo(file).Length / 1e6:0} MB)");
                await File.WriteAllTextAsync(complete, $"{cases}");
            }
            else Console.WriteLine($"Reusing {file} ({new FileInfo(file).Length / 1e6:0} MB, {cases:N0} cases); delete {directory} to write it again");

            read = await Raw(ledger, query, "before the center ran (the file's pages first read)", Add);
            if (read != cases) throw new InvalidOperationException($"The ledger streamed {read:N0} rows, not {cases:N0}.");
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Exports(root, directory, from, to, read, formats, Add);
        await using (var database = new SqliteDatabase(file, SqliteIncidentLedger.Schema))
            await Raw(new SqliteIncidentLedger(database), query, "again after the center stopped (the file's pages cached)", Add);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Console.WriteLine($"Case export of {days} days × {perDay:N0} cases a day ({cases:N0} cases), SQLite ledger, {Environment.ProcessorCount} cores, load average now {PerfSuite.Load()}");
        Tables.Print(rows);
        return rows;
    }

    /// <summary>The raw baseline: the same rows as the export reads them (the ledger's stream and the reports), no formatting, no HTTP.</summary>
    private static async Task<long> Raw(SqliteIncidentLedger ledger, IncidentQuery query, string when, Action<string, string> add)
    {
        var clock = Stopwatch.StartNew();
        var read = 0L;
        await foreach (var _ in CaseRows.Read(ledger, query, CancellationToken.None)) read++;
        var seconds = clock.Elapsed.TotalSeconds;
        add($"raw: the rows read from the ledger in process, no HTTP, {when}", $"{read / seconds:N0} rows/s ({read:N0} rows in {seconds:0.0} s)");
        return read;
    }

    /// <summary>Each format's export of the window through HTTP from the center on the file, after a small export to warm it up.</summary>
    private static async Task Exports(string root, string directory, DateTimeOffset from, DateTimeOffset to, long read, IReadOnlyList<string> formats, Action<string, string> add)
    {
        await using var center = await CenterLauncher.Start(root, $"--Storage:DataDirectory={directory}");
        // A plain client with the signed-in operator's token and no time limit: it only counts what arrives.
        var signedIn = await center.ClientFor("operator1");
        using var client = new HttpClient { BaseAddress = center.Address, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        await Task.Delay(TimeSpan.FromSeconds(5));
        string Url(string format, DateTimeOffset end) => $"/api/exports/incidents.{format}?from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(end.ToString("O"))}";
        foreach (var format in formats)
            if ((await client.GetByteArrayAsync(Url(format, from.AddDays(1)))).Length == 0) throw new InvalidOperationException($"The warm-up {format} export was empty.");
        foreach (var format in formats)
        {
            // Idle: settle, then reset the peak to now so the peak read afterwards is the export's.
            GC.Collect();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var idle = Status(center.ProcessId, "VmRSS");
            File.WriteAllText($"/proc/{center.ProcessId}/clear_refs", "5");
            var cpu = center.CpuTime;
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(Url(format, to), HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            var firstByte = clock.Elapsed.TotalMilliseconds;
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[64 * 1024];
            long bytes = 0, lines = 0;
            int n;
            while ((n = await body.ReadAsync(buffer)) > 0)
            {
                bytes += n;
                lines += buffer.AsSpan(0, n).Count((byte)'\n');
            }
            var seconds = clock.Elapsed.TotalSeconds;
            var peak = Status(center.ProcessId, "VmHWM");
            var cpuShare = (center.CpuTime - cpu) / clock.Elapsed;
            // CSV: a line a case after the header (the generated descriptions hold no line break); the others are counted by the raw read.
            var exported = format == "csv" ? lines - 1 : read;
            add($"{format} through HTTP: the year's rows", $"{exported / seconds:N0} rows/s ({exported:N0} rows, {bytes / 1e6:N0} MB in {seconds:0.0} s; first byte after {firstByte:0} ms; center CPU {cpuShare * 100:0}% of one core)");
            add($"{format}: center memory idle / peak during the export / growth", $"{idle / 1048576.0:N0} MiB / {peak / 1048576.0:N0} MiB / {(peak - idle) / 1048576.0:N0} MiB");
        }
    }

    /// <summary>A figure of /proc/&lt;pid&gt;/status in bytes (VmRSS: resident now; VmHWM: the peak since the last reset).</summary>
    private static long Status(int pid, string name)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(name + ":", StringComparison.Ordinal));
        return long.Parse(line[(name.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static async Task Generate(SqliteIncidentLedger ledger, CategoryCatalogue catalogue, SlaPolicy policy, GridHierarchy hierarchy, int days, int perDay)
    {
        var blocks = hierarchy.Nodes.Where(n => n.Level == 3).ToList();
        var placements = blocks.Select(b => new GridPlacement(b.Id, hierarchy.ChainOf(b.Id).Select(n => n.Id).ToList(), GridArea.Urban)).ToList();
        var categories = catalogue.All.Where(c => !c.Retired).Take(24).ToList();
        var rules = categories.Select(c => new SlaRules(policy, c)).ToList();
        var operatorActor = new Actor("operator1", Roles.Operator);
        var gap = TimeSpan.FromDays(1) / perDay;
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, days * perDay), new ParallelOptions { MaxDegreeOfParallelism = 256 }, async (i, _) =>
        {
            var t = Start + gap * i;
            var id = $"JY-{t:yyyyMMdd}-{i % perDay + 1:D6}";
            var c = i % categories.Count;
            var placement = placements[(int)((long)i * 7919 % placements.Count)];
            var report = new IncidentReport(categories[c].Code, categories[c].DefaultPriority, $"第 {i} 件: {categories[c].Name}, 请尽快处理", Channels[i % Channels.Length],
                31.70 + i % 997 * 0.00025, 120.05 + i % 991 * 0.00055, Address: $"{placement.GridId} 路 {i % 300} 号");
            var events = new List<IncidentEvent>(IncidentLifecycle.Report(id, report, placement, operatorActor, t, rules[c]));
            var cancelled = IncidentLifecycle.Decide(IncidentState.Fold(events), new IncidentCommand(IncidentAction.Cancel) { Note = "重复上报" }, operatorActor, t.AddMinutes(10), rules[c]);
            if (!cancelled.Accepted) throw new InvalidOperationException(cancelled.Rejection?.Message);
            events.AddRange(cancelled.Events);
            await ledger.Append(events, IncidentSummary.Of(IncidentState.Fold(events)));
            if (Interlocked.Increment(ref done) % 100_000 == 0) Console.Error.WriteLine($"  {done:N0} cases written, load {PerfSuite.Load()}");
        });
    }
}
