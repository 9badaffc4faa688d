using System.Diagnostics;
using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Replay;
using CommandCenter.Grains.Sla;
using CommandCenter.Replay;
using CommandCenter.Storage;

namespace CommandCenter.Benchmarks;

/// <summary>
/// Replay over a large ledger: a SQLite ledger file of about a million events written with the real
/// <see cref="SqliteIncidentLedger"/> (nine-event lifecycles spread over 30 days), then state-at-T of
/// random incidents at random instants per second, and events streamed per second through the real
/// NDJSON <see cref="ReplayStream"/> (and read alone, for comparison).
/// </summary>
internal static class ReplayBenchmark
{
    private static readonly DateTimeOffset Start = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Span = TimeSpan.FromDays(30);

    public static async Task Run(string root, int targetEvents, TimeSpan duration)
    {
        var city = Path.Combine(root, "samples", "Jiangyin");
        var catalogue = CategoryCatalogue.Load(Path.Combine(city, "categories.json"));
        var policy = SlaPolicy.Load(Path.Combine(city, "sla-policy.json"), catalogue);
        var hierarchy = GridImport.Read(File.ReadAllText(Path.Combine(city, "grids.geojson"))).Hierarchy!;
        var blocks = hierarchy.Nodes.Where(n => n.Level == 3).ToList();

        var file = Path.Combine(Path.GetTempPath(), "cc-bench", $"ledger-{targetEvents}.db");
        var fresh = !File.Exists(file);
        await using var database = new SqliteDatabase(file, SqliteIncidentLedger.Schema);
        var ledger = new SqliteIncidentLedger(database);
        var incidents = targetEvents / 9;
        if (fresh)
        {
            var written = Stopwatch.StartNew();
            await Generate(ledger, catalogue, policy, hierarchy, blocks, incidents);
            Console.WriteLine($"Wrote {incidents * 9:N0} events ({incidents:N0} incidents) in {written.Elapsed.TotalSeconds:0.0} s to {file} ({new FileInfo(file).Length / 1e6:0} MB)");
        }
        else Console.WriteLine($"Reusing {file} ({new FileInfo(file).Length / 1e6:0} MB); delete it to write it again");

        // State at T: a random incident at a random instant of its life, read from the ledger and folded.
        var random = new Random(7);
        var folds = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var id = IdOf(random.Next(incidents));
            var events = await ledger.Read(id);
            var at = events[0].At + TimeSpan.FromTicks((long)(random.NextDouble() * (events[^1].At - events[0].At).Ticks));
            var state = IncidentHistory.StateAt(events, at)!;
            _ = SlaLightRule.LightAt(state, at);
            folds++;
        }
        var foldRate = folds / clock.Elapsed.TotalSeconds;

        // Events streamed: the whole 30 days through the real NDJSON writer into a counting sink.
        var history = new ScopeHistory(ledger, TimeProvider.System);
        var stream = new ReplayStream(ledger, history, new CommandCenter.Grains.Setup.FixedCityRules(CommandCenter.Grains.Setup.CitySettings.Load(Path.Combine(city, "city.json")), catalogue, policy));
        var sink = new CountingStream();
        clock.Restart();
        await stream.Write(sink, hierarchy, hierarchy.Root.Id, Start, Start + Span, CancellationToken.None);
        var streamSeconds = clock.Elapsed.TotalSeconds;
        var streamed = sink.Lines - 2;

        clock.Restart();
        var read = 0;
        await foreach (var _ in ledger.ReadWindow(Start, Start + Span)) read++;
        var readSeconds = clock.Elapsed.TotalSeconds;

        // A town's replay: the same window, filtered to one level-1 grid's incidents.
        var town = hierarchy.ChildrenOf(hierarchy.Root.Id)[0];
        var townSink = new CountingStream();
        clock.Restart();
        await stream.Write(townSink, hierarchy, town.Id, Start, Start + Span, CancellationToken.None);
        var townSeconds = clock.Elapsed.TotalSeconds;

        Console.WriteLine($"Replay over {read:N0} events of {incidents:N0} incidents, SQLite ledger, {Environment.ProcessorCount} cores");
        Console.WriteLine("| figure | value |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine($"| state-at-T (read one incident's ledger, fold to T, light at T) per second, one caller | {foldRate:N0} |");
        Console.WriteLine($"| events streamed as NDJSON per second, whole city, 30 days | {streamed / streamSeconds:N0} ({streamed:N0} events, {sink.Length / 1e6:0} MB in {streamSeconds:0.0} s) |");
        Console.WriteLine($"| events read from the ledger per second (no serialisation) | {read / readSeconds:N0} |");
        Console.WriteLine($"| events streamed per second, one town ({town.Id}, {townSink.Lines - 2:N0} events) | {(townSink.Lines - 2) / townSeconds:N0} ({townSeconds:0.0} s incl. finding its incidents) |");
    }

    private static string IdOf(int n) => $"BENCH-{n:D7}";

    private static async Task Generate(SqliteIncidentLedger ledger, CategoryCatalogue catalogue, SlaPolicy policy, GridHierarchy hierarchy, List<GridNode> blocks, int incidents)
    {
        var category = catalogue.Find("E0102")!;
        var rules = new SlaRules(policy, category);
        var operatorActor = new Actor("operator1", Roles.Operator);
        var supervisor = new Actor("supervisor1", Roles.Supervisor);
        var gap = Span / incidents;
        var done = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, incidents), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            var block = blocks[i % blocks.Count];
            var chain = hierarchy.ChainOf(block.Id);
            var placement = new GridPlacement(block.Id, chain.Select(n => n.Id).ToList(), GridArea.Urban);
            var member = $"M{(i % 2000) + 1:D5}";
            var worker = new Actor(member, Roles.Worker, member);
            var t = Start + gap * i;
            var events = new List<IncidentEvent>(IncidentLifecycle.Report(IdOf(i), new IncidentReport("E0102", Priority.Normal, "bench", "hotline", 31.9, 120.28), placement, operatorActor, t, rules));
            void Do(IncidentAction action, Actor actor, TimeSpan after, Func<IncidentCommand, IncidentCommand> fill)
            {
                var outcome = IncidentLifecycle.Decide(IncidentState.Fold(events), fill(new IncidentCommand(action)), actor, t + after, rules);
                events.AddRange(outcome.Events);
            }
            Do(IncidentAction.Dispatch, operatorActor, TimeSpan.FromMinutes(5), c => c with { MemberId = member });
            Do(IncidentAction.Accept, worker, TimeSpan.FromMinutes(12), c => c);
            Do(IncidentAction.Resolve, worker, TimeSpan.FromHours(2), c => c with { Note = "done" });
            Do(IncidentAction.Verify, supervisor, TimeSpan.FromHours(2.5), c => c with { Passed = true });
            Do(IncidentAction.Evaluate, operatorActor, TimeSpan.FromHours(3), c => c with { Satisfaction = 4 });
            await ledger.Append(events, IncidentSummary.Of(IncidentState.Fold(events)));
            if (Interlocked.Increment(ref done) % 20_000 == 0) Console.WriteLine($"  {done:N0} incidents written");
        });
    }

    /// <summary>Counts bytes and lines and keeps nothing: the network's part of a replay is not measured.</summary>
    private sealed class CountingStream : Stream
    {
        public long Lines { get; private set; }
        public override long Length => length;
        private long length;
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            length += buffer.Length;
            foreach (var b in buffer) if (b == (byte)'\n') Lines++;
        }
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Position { get => length; set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
