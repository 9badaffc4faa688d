using System.Text;
using System.Text.Json;
using CommandCenter.Grains.Archive;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Members;
using CommandCenter.Grains.Replay;
using CommandCenter.Replay;
using CommandCenter.Storage;
using CommandCenter.Storage.Files;
using CommandCenter.Storage.Postgres;
using CommandCenter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;

namespace CommandCenter.Tests.Postgres;

/// <summary>
/// Moving up from the embedded profile (copy-to-postgres): a month of random history, patrol fixes, grain state, a secret
/// and files written into a data directory arrive in an empty PostgreSQL database whole (counts and digests per kind), a
/// week's replay reads and folds the same on both sides, and a used target or a missing source is refused.
/// </summary>
[Trait("Category", "Postgres")]
public sealed class EmbeddedCopyTests(PostgresDatabases databases, Xunit.Abstractions.ITestOutputHelper log) : IClassFixture<PostgresDatabases>, IAsyncLifetime
{
    private const int Seed = 20_261_101;
    private const int Histories = 160;
    private const string ServiceId = "grid-command-center";
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string root = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "cc-pg-copy", Guid.NewGuid().ToString("N"));
    private readonly Serializer serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(Fix).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(root, true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private static SqliteDatabase Open(string dataDirectory) => new(Path.Combine(dataDirectory, "command-center.db"),
        [SqliteGrainStorage.Schema, .. SqliteIncidentLedger.Schema, .. SqliteArchiveIndex.Schema, .. SqlitePatrolTracks.Schema]);

    /// <summary>A month of the embedded center's records in a data directory; answers the archived incidents' ids.</summary>
    private async Task<IReadOnlyList<string>> WriteAMonth()
    {
        await using var database = Open(root);
        var ledger = new SqliteIncidentLedger(database);
        // Four weeks of histories, each starting somewhere in its week.
        await Parallel.ForEachAsync(Enumerable.Range(0, Histories), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var history = RandomHistory.Write($"JY-C-{i:D5}", Seed + i, Start + TimeSpan.FromDays(7 * (i % 4)));
            var written = new List<IncidentEvent>();
            foreach (var batch in history.Batches)
            {
                written.AddRange(batch);
                await ledger.Append(batch, IncidentSummary.Of(IncidentState.Fold(written)));
            }
        });

        // A few archived incidents: their events leave the hot ledger for an archive file, the summary stays.
        var archive = new SqliteArchiveIndex(database);
        var archived = new List<string>();
        foreach (var id in (await archive.ArchivedButStillHot(3)))
        {
            var events = await ledger.Read(id);
            await archive.Move(id, new ArchiveLocation($"{events[0].At:yyyy-MM-dd}.jsonl.gz", archived.Count), events[0].At, events[^1].At);
            archived.Add(id);
        }

        // Patrol fixes at odd ticks (the PostgreSQL side keeps a tick past the microsecond beside the instant).
        var tracks = new SqlitePatrolTracks(database);
        var random = new Random(Seed);
        foreach (var member in new[] { "M1", "M2", "M3", "M4" })
            await tracks.Append(member, Enumerable.Range(0, 500)
                .Select(k => new Fix(31.9 + random.NextDouble() / 100, 120.28 + random.NextDouble() / 100, Start + TimeSpan.FromTicks(k * 60_000_000_003L)))
                .ToList());

        // Grain state, as the silo writes it.
        var grains = new SqliteGrainStorage(database, serializer);
        foreach (var member in new[] { "M1", "M2" })
            await grains.WriteStateAsync("state", GrainId.Create("member", member), new GrainState<Fix>(new Fix(31.9, 120.28, Start.AddTicks(7))));

        // A generated secret and a few files.
        new FileSharedValues(root).GetOrCreate("signing-key", () => "a-signing-key-made-once");
        var files = new DirectoryFileStore(root);
        await files.Write(FileAreas.Photos, "JY-C-00001/1.jpg", Enumerable.Range(0, 70_000).Select(b => (byte)b).ToArray());
        await files.Write(FileAreas.Photos, "JY-C-00001/1.jpg.json", Encoding.UTF8.GetBytes("""{"by":"M1"}"""));
        await files.Write(FileAreas.Reports, "2026-11-20/JY10.csv", Encoding.UTF8.GetBytes("grid,open\nJY10,3\n"));
        return archived;
    }

    private async Task<string> EmptyDatabase() => databases.Server.ConnectionString(await databases.Server.CreateDatabase());

    [Fact]
    public async Task A_month_of_embedded_history_arrives_whole_and_replays_the_same()
    {
        var archived = await WriteAMonth();
        archived.Should().NotBeEmpty("some random histories end archived");
        var target = await EmptyDatabase();

        var report = await EmbeddedCopy.Run(root, target, ServiceId);
        log.WriteLine(report.Table());

        report.Kinds.Select(k => k.Kind).Should().Equal("incident events", "incident summaries", "patrol fixes", "archive index", "grain states", "secrets", "files");
        report.Kinds.Should().AllSatisfy(k => k.Equal.Should().BeTrue($"{k.Kind}: {k.SourceCount} / {k.TargetCount}, digests {k.SourceDigest} / {k.TargetDigest}"));
        report.AllEqual.Should().BeTrue(report.Table());
        var counts = report.Kinds.ToDictionary(k => k.Kind, k => k.SourceCount);
        counts["incident summaries"].Should().Be(Histories);
        counts["incident events"].Should().BeGreaterThan(Histories);
        counts["patrol fixes"].Should().Be(2_000);
        counts["archive index"].Should().Be(archived.Count);
        counts["grain states"].Should().Be(2);
        counts["secrets"].Should().Be(1);
        counts["files"].Should().Be(3);

        await using var database = Open(root);
        await using var source = NpgsqlDataSource.Create(target);
        IIncidentLedger sqlite = new SqliteIncidentLedger(database), postgres = new PostgresIncidentLedger(source);

        // A week's replay: the same events in the same order, and the same incidents folded at instants through the week.
        var from = Start + TimeSpan.FromDays(7);
        var to = from + TimeSpan.FromDays(7);
        var before = await sqlite.ReadWindow(from, to).ToListAsync();
        var after = await postgres.ReadWindow(from, to).ToListAsync();
        before.Should().NotBeEmpty();
        JsonSerializer.Serialize(after, LedgerJson.Options).Should().Be(JsonSerializer.Serialize(before, LedgerJson.Options));
        foreach (var at in Enumerable.Range(1, 6).Select(d => from + TimeSpan.FromDays(d) + TimeSpan.FromMinutes(d * 97)))
        {
            var framesBefore = await Frames(sqlite, before, at);
            var framesAfter = await Frames(postgres, after, at);
            framesBefore.Should().NotBeEmpty();
            framesAfter.Should().Be(framesBefore, $"the city at {at:O}");
        }

        // Lists and search read the same (summaries with their search columns, archived ones included).
        var all = new IncidentQuery(null, null, null, null, null, to, 0, 1_000);
        Ids((await postgres.Query(all)).Items).Should().Equal(Ids((await sqlite.Query(all)).Items));
        foreach (var id in archived) (await postgres.Read(id)).Should().BeEmpty("an archived incident's events live in its archive file");
        (await new PostgresArchiveIndex(source).Find(archived[0])).Should().Be(await new SqliteArchiveIndex(database).Find(archived[0]));

        // Patrol tracks read the same, tick for tick.
        (await new PostgresPatrolTracks(source).Between("M3", Start, Start.AddDays(31)))
            .Should().Equal(await new SqlitePatrolTracks(database).Between("M3", Start, Start.AddDays(31)));

        // Grain state reads back through Orleans' ADO.NET storage as the Postgres profile configures it.
        var adoNet = await EmbeddedCopy.OpenGrainStorage(target, ServiceId, CancellationToken.None, new OrleansGrainStorageSerializer(serializer));
        var state = new GrainState<Fix>();
        await adoNet.ReadStateAsync("state", GrainId.Create("member", "M2"), state);
        state.RecordExists.Should().BeTrue();
        state.State.Should().Be(new Fix(31.9, 120.28, Start.AddTicks(7)));

        // The first start on PostgreSQL re-arms the running SLA clocks (the embedded reminders were in memory).
        await using (var pending = source.CreateCommand("SELECT count(*) FROM cc_shared_values WHERE key = @k"))
        {
            pending.Parameters.AddWithValue("k", PostgresCopiedClocks.PendingKey(ServiceId));
            ((long)(await pending.ExecuteScalarAsync())!).Should().Be(1);
        }

        // The secret under the service id, as PostgresSharedValues reads it; the files byte for byte.
        new PostgresSharedValues(target, ServiceId).GetOrCreate("signing-key", () => "another").Should().Be("a-signing-key-made-once");
        var photo = await new PostgresFileStore(source).OpenRead(FileAreas.Photos, "JY-C-00001/1.jpg");
        using (var copied = new MemoryStream())
        {
            await photo!.CopyToAsync(copied);
            copied.ToArray().Should().Equal(Enumerable.Range(0, 70_000).Select(b => (byte)b));
        }

        // The digests see a changed row where the counts cannot.
        (await EmbeddedCopy.Verify(root, target, ServiceId)).AllEqual.Should().BeTrue();
        await using (var tamper = source.CreateCommand(
            "UPDATE cc_incident_events SET data = replace(data::text, '\"action\"', '\"action\" ')::json WHERE (incident_id, seq) = (SELECT incident_id, seq FROM cc_incident_events ORDER BY incident_id, seq LIMIT 1)"))
            (await tamper.ExecuteNonQueryAsync()).Should().Be(1);
        await new PostgresFileStore(source).Write(FileAreas.Reports, "2026-11-20/JY10.csv", Encoding.UTF8.GetBytes("grid,open\nJY10,4\n"));
        var tampered = await EmbeddedCopy.Verify(root, target, ServiceId);
        tampered.AllEqual.Should().BeFalse();
        tampered.Kinds.Where(k => !k.Equal).Select(k => k.Kind).Should().Equal("incident events", "files");
        tampered.Kinds.Should().AllSatisfy(k => k.TargetCount.Should().Be(k.SourceCount));

        // A second copy into the now used database is refused, and changes nothing.
        var snapshot = await Snapshot(target);
        var again = () => EmbeddedCopy.Run(root, target, ServiceId);
        (await again.Should().ThrowAsync<CopyRefusedException>()).Which.Message.Should().Contain("not empty");
        (await Snapshot(target)).Should().Be(snapshot);

        // The command line says so too, with a non-zero exit code.
        var output = new StringWriter();
        var error = new StringWriter();
        (await EmbeddedCopy.Command([EmbeddedCopy.Verb, "--from", root, "--to", target], output, error)).Should().Be(EmbeddedCopy.Refused);
        error.ToString().Should().Contain("not empty");
        (await Snapshot(target)).Should().Be(snapshot);
    }

    [Fact]
    public async Task The_command_line_copies_verifies_and_prints_the_table()
    {
        await WriteAMonth();
        var target = await EmptyDatabase();
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = await EmbeddedCopy.Command([EmbeddedCopy.Verb, "--from", root, "--to", target], output, error);

        exit.Should().Be(0, error.ToString());
        output.ToString().Should().Contain("incident events").And.Contain("digest equal").And.NotContain(" NO");
    }

    [Fact]
    public async Task A_missing_source_is_refused()
    {
        var target = await EmptyDatabase();
        var missing = Path.Combine(root, "nowhere");
        var copy = () => EmbeddedCopy.Run(missing, target, ServiceId);
        (await copy.Should().ThrowAsync<CopyRefusedException>()).Which.Message.Should().Contain("does not exist");
        var error = new StringWriter();
        (await EmbeddedCopy.Command([EmbeddedCopy.Verb, "--from", missing, "--to", target], new StringWriter(), error)).Should().Be(EmbeddedCopy.Refused);
        error.ToString().Should().Contain(missing);
        Directory.Exists(missing).Should().BeFalse("a refused copy creates nothing");
    }

    private static IEnumerable<string> Ids(IEnumerable<IncidentSummary> summaries) => summaries.Select(s => s.Id);

    /// <summary>The replay's frame at an instant: each incident of the window folded from its ledger up to the instant.</summary>
    private static async Task<string> Frames(IIncidentLedger ledger, IReadOnlyList<IncidentEvent> window, DateTimeOffset at)
    {
        var frames = new List<IncidentAt>();
        foreach (var id in window.Select(e => e.IncidentId).Distinct().Order(StringComparer.Ordinal))
            if (IncidentHistory.StateAt(await ledger.Read(id), at) is { } state)
                frames.Add(IncidentAt.Of(state, SampleRules.Policy, at));
        return frames.Count == 0 ? "" : JsonSerializer.Serialize(frames, LedgerJson.Options);
    }

    /// <summary>Every table the copy writes: its rows and a digest of them.</summary>
    private static async Task<string> Snapshot(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var text = new StringBuilder();
        foreach (var table in new[] { "cc_incident_events", "cc_incident_summaries", "cc_patrol_fixes", "cc_archive_index", "cc_files", "cc_shared_values", "orleansstorage" })
        {
            await using var command = new NpgsqlCommand($"SELECT count(*), coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {table} t", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            text.Append(table).Append(' ').Append(reader.GetInt64(0)).Append(' ').AppendLine(reader.GetString(1));
        }
        return text.ToString();
    }
}
