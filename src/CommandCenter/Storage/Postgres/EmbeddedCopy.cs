using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CommandCenter.Grains.Archive;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Members;
using CommandCenter.Storage.Files;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Serialization.Activators;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace CommandCenter.Storage.Postgres;

/// <summary>One kind of record after a copy: how many on each side and whether their digests agree.</summary>
public sealed record CopiedKind(string Kind, long SourceCount, long TargetCount, string SourceDigest, string TargetDigest)
{
    public bool DigestEqual => SourceDigest == TargetDigest;
    public bool Equal => SourceCount == TargetCount && DigestEqual;
}

/// <summary>What a copy found: one line per kind, and whether every kind arrived whole.</summary>
public sealed record CopyReport(IReadOnlyList<CopiedKind> Kinds)
{
    public bool AllEqual => Kinds.All(k => k.Equal);

    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine($"{"kind",-20} {"source",10} {"target",10}  digest equal");
        foreach (var k in Kinds)
            text.AppendLine($"{k.Kind,-20} {k.SourceCount,10} {k.TargetCount,10}  {(k.DigestEqual ? "yes" : "NO")}");
        return text.ToString();
    }
}

/// <summary>The copy would not start: the source is missing or the target already holds a city.</summary>
public sealed class CopyRefusedException(string message) : Exception(message);

/// <summary>
/// Moving up from the embedded profile: copies a data directory (SQLite file, secrets, file store) into an empty
/// PostgreSQL database migrated for the Postgres profile, then reads both sides again and compares them kind by kind (counts
/// and a SHA-256 digest over the rows in a stable order). Run it with the center stopped: the source must not change
/// while it is read.
/// <list type="bullet">
/// <item>Incident events and summaries: each incident read through <see cref="SqliteIncidentLedger"/> and appended through
/// <see cref="PostgresIncidentLedger"/> in sequence order (an incident whose events are all archived: its summary alone).</item>
/// <item>Patrol fixes, the archive index: through <see cref="PostgresPatrolTracks"/> and <see cref="PostgresArchiveIndex"/>.</item>
/// <item>Grain state: each SQLite row's bytes (the Orleans serializer's, the same the Postgres profile stores) written
/// through Orleans' own <see cref="AdoNetGrainStorage"/>, so its keys and hashes are the ones the silo will look up.</item>
/// <item>Generated secrets: the files under secrets/ into cc_shared_values under the service id.</item>
/// <item>Files: every area of the data directory's file store into cc_files.</item>
/// </list>
/// </summary>
public static class EmbeddedCopy
{
    public const string Verb = "copy-to-postgres";
    public const int Refused = 2;
    public const int Differs = 1;

    private const int IncidentBatch = 32;
    private const int FixBatch = 5_000;

    /// <summary>The command line: copy-to-postgres --from &lt;data directory&gt; --to "&lt;Npgsql connection string&gt;" [--service-id &lt;Orleans:ServiceId&gt;] (default: Orleans__ServiceId, else grid-command-center).</summary>
    public static async Task<int> Command(string[] args, TextWriter output, TextWriter error)
    {
        string? from = null, to = null;
        var serviceId = Environment.GetEnvironmentVariable("Orleans__ServiceId") is { Length: > 0 } id ? id : new Cluster.NodeOptions().ServiceId;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case Verb: continue;
                case "--from": from = value; i++; break;
                case "--to": to = value; i++; break;
                case "--service-id": serviceId = value ?? serviceId; i++; break;
                default:
                    error.WriteLine($"Unknown argument \"{args[i]}\".");
                    return Usage(error);
            }
        }
        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to)) return Usage(error);
        try
        {
            var report = await Run(from, to, serviceId, output);
            output.WriteLine();
            output.Write(report.Table());
            if (report.AllEqual)
            {
                output.WriteLine("Every kind arrived whole. Start the center with Storage:Profile=Postgres and this connection string.");
                return 0;
            }
            error.WriteLine("The copy differs from the source (see the table). Do not switch over; drop the target database and run again.");
            return Differs;
        }
        catch (CopyRefusedException e)
        {
            error.WriteLine(e.Message);
            return Refused;
        }
        catch (Exception e) when (e is NpgsqlException or SqliteException or IOException)
        {
            error.WriteLine($"The copy failed: {e.Message}");
            error.WriteLine("The target may hold part of the city now: drop and recreate it before running again.");
            return Differs;
        }
    }

    private static int Usage(TextWriter error)
    {
        error.WriteLine($"Usage: {Verb} --from <data directory> --to \"<Npgsql connection string>\" [--service-id <Orleans:ServiceId>]");
        error.WriteLine("Copies an embedded data directory into an empty PostgreSQL database and verifies the copy. Stop the center first.");
        return Refused;
    }

    /// <summary>Copies the data directory into the (empty) database, then compares both sides; refuses a missing source or a used target.</summary>
    public static async Task<CopyReport> Run(string dataDirectory, string connectionString, string serviceId, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        log ??= TextWriter.Null;
        var root = Path.GetFullPath(dataDirectory);
        var file = Path.Combine(root, "command-center.db");
        if (!File.Exists(file))
            throw new CopyRefusedException($"No embedded data directory at {root}: {file} does not exist.");

        log.WriteLine("Migrating the target schema…");
        await PostgresSchema.Migrate(connectionString);
        await using var target = NpgsqlDataSource.Create(connectionString);
        if (await UsedTables(target) is { Count: > 0 } used)
            throw new CopyRefusedException(
                $"The target database is not empty ({string.Join(", ", used)} hold rows); copy only into a new, empty database. Nothing was changed.");

        await using var database = new SqliteDatabase(file,
            [SqliteGrainStorage.Schema, .. SqliteIncidentLedger.Schema, .. SqliteArchiveIndex.Schema, .. SqlitePatrolTracks.Schema]);
        var grains = await OpenGrainStorage(connectionString, serviceId, cancellationToken);

        log.WriteLine("Copying the archive index…");
        await CopyArchiveIndex(database, new PostgresArchiveIndex(target));
        log.WriteLine("Copying incidents…");
        await CopyIncidents(database, new PostgresIncidentLedger(target), cancellationToken);
        log.WriteLine("Copying patrol fixes…");
        await CopyFixes(database, new PostgresPatrolTracks(target));
        log.WriteLine("Copying grain state…");
        await CopyGrainStates(database, grains);
        log.WriteLine("Copying generated secrets…");
        await CopySecrets(root, target, serviceId);
        log.WriteLine("Copying files…");
        await CopyFiles(new DirectoryFileStore(root), new PostgresFileStore(target), cancellationToken);

        // The embedded profile's reminders lived in memory: the first start on PostgreSQL wakes every running clock once.
        await using (var pending = target.CreateCommand("INSERT INTO cc_shared_values (key, value) VALUES (@k, @v)"))
        {
            pending.Parameters.AddWithValue("k", PostgresCopiedClocks.PendingKey(serviceId));
            pending.Parameters.AddWithValue("v", DateTimeOffset.UtcNow.ToString("O"));
            await pending.ExecuteNonQueryAsync();
        }

        log.WriteLine("Verifying…");
        return await Compare(root, database, target, grains, serviceId);
    }

    /// <summary>Compares a data directory with a database it was copied into, kind by kind, changing neither.</summary>
    public static async Task<CopyReport> Verify(string dataDirectory, string connectionString, string serviceId, CancellationToken cancellationToken = default)
    {
        var root = Path.GetFullPath(dataDirectory);
        var file = Path.Combine(root, "command-center.db");
        if (!File.Exists(file))
            throw new CopyRefusedException($"No embedded data directory at {root}: {file} does not exist.");
        await using var target = NpgsqlDataSource.Create(connectionString);
        await using var database = new SqliteDatabase(file,
            [SqliteGrainStorage.Schema, .. SqliteIncidentLedger.Schema, .. SqliteArchiveIndex.Schema, .. SqlitePatrolTracks.Schema]);
        return await Compare(root, database, target, await OpenGrainStorage(connectionString, serviceId, cancellationToken), serviceId);
    }

    private static async Task<CopyReport> Compare(string root, SqliteDatabase database, NpgsqlDataSource target, AdoNetGrainStorage grains, string serviceId)
    {
        return new CopyReport(
        [
            Compare("incident events", await SourceEvents(database), await TargetEvents(target)),
            Compare("incident summaries", await SourceSummaries(database), await TargetSummaries(target)),
            Compare("patrol fixes", await SourceFixes(database), await TargetFixes(target)),
            Compare("archive index", await SourceArchive(database), await TargetArchive(target)),
            Compare("grain states", await SourceGrainStates(database), await TargetGrainStates(database, grains, target, serviceId)),
            Compare("secrets", SourceSecrets(root), await TargetSecrets(target, serviceId)),
            Compare("files", await Files(new DirectoryFileStore(root)), await Files(new PostgresFileStore(target))),
        ]);
    }

    /// <summary>The tables of the target that already hold rows (a city, or a center that started on it).</summary>
    public static async Task<IReadOnlyList<string>> UsedTables(NpgsqlDataSource target)
    {
        string[] tables = ["cc_incident_events", "cc_incident_summaries", "cc_patrol_fixes", "cc_archive_index", "cc_files", "cc_shared_values", "orleansstorage"];
        var used = new List<string>();
        foreach (var table in tables)
        {
            await using var command = target.CreateCommand($"SELECT EXISTS (SELECT 1 FROM {table})");
            if ((bool)(await command.ExecuteScalarAsync())!) used.Add(table);
        }
        return used;
    }

    private static CopiedKind Compare(string kind, Digest source, Digest target) =>
        new(kind, source.Count, target.Count, source.Hex(), target.Hex());

    // ---- Incidents -------------------------------------------------------------------------------------------------

    private static async Task CopyIncidents(SqliteDatabase database, PostgresIncidentLedger target, CancellationToken cancellationToken)
    {
        var source = new SqliteIncidentLedger(database);
        var batch = new List<(string Id, string Data, string? Search, string? Phone)>(IncidentBatch);
        await using var connection = database.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, data, search_text, phone_digits FROM incidents ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            batch.Add((reader.GetString(0), reader.GetString(1), NullableString(reader, 2), NullableString(reader, 3)));
            if (batch.Count == IncidentBatch) await Flush();
        }
        await Flush();

        async Task Flush()
        {
            await Task.WhenAll(batch.Select(async incident =>
            {
                var summary = JsonSerializer.Deserialize<IncidentSummary>(incident.Data, LedgerJson.Options)!;
                var events = await source.Read(incident.Id);
                // In sequence order, in one append: the same rows and the same summary, the search columns from the opening report.
                if (events.Count > 0) await target.Append(events, summary);
                // Every event already in the archive: the summary alone, with the search columns the embedded ledger kept.
                else await target.WriteSummary(summary, incident.Search, incident.Phone);
            }));
            batch.Clear();
        }
    }

    private static async Task<Digest> SourceEvents(SqliteDatabase database)
    {
        var digest = new Digest();
        await using var connection = database.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT incident_id, seq, at_ticks, action, data FROM incident_events ORDER BY incident_id, seq";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            digest.Add(reader.GetString(0), Invariant(reader.GetInt64(1)), Invariant(reader.GetInt64(2)), reader.GetString(3), reader.GetString(4));
        return digest;
    }

    private static async Task<Digest> TargetEvents(NpgsqlDataSource target)
    {
        var digest = new Digest();
        await using var command = target.CreateCommand("SELECT incident_id, seq, at, at_tick, action, data::text FROM cc_incident_events ORDER BY incident_id, seq");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            digest.Add(reader.GetString(0), Invariant(reader.GetInt32(1)), Invariant(Ticks(reader, 2, 3)), reader.GetString(4), reader.GetString(5));
        return digest;
    }

    private static async Task<Digest> SourceSummaries(SqliteDatabase database)
    {
        var digest = new Digest();
        await using var connection = database.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, data, search_text, phone_digits FROM incidents ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            digest.Add(reader.GetString(0), reader.GetString(1), NullableString(reader, 2), NullableString(reader, 3));
        return digest;
    }

    private static async Task<Digest> TargetSummaries(NpgsqlDataSource target)
    {
        var digest = new Digest();
        await using var command = target.CreateCommand("SELECT id, data::text, search_text, phone_digits FROM cc_incident_summaries ORDER BY id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            digest.Add(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
        return digest;
    }

    // ---- Patrol fixes ----------------------------------------------------------------------------------------------

    private static async Task CopyFixes(SqliteDatabase database, PostgresPatrolTracks target)
    {
        await using var connection = database.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT member_id, at_ticks, lat, lon FROM patrol_track ORDER BY member_id, at_ticks";
        await using var reader = await command.ExecuteReaderAsync();
        string? member = null;
        var fixes = new List<Fix>(FixBatch);
        while (await reader.ReadAsync())
        {
            var id = reader.GetString(0);
            if (id != member || fixes.Count == FixBatch)
            {
                if (member is not null) await target.Append(member, fixes);
                fixes = new List<Fix>(FixBatch);
                member = id;
            }
            fixes.Add(new Fix(reader.GetDouble(2), reader.GetDouble(3), new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero)));
        }
        if (member is not null) await target.Append(member, fixes);
    }

    private static async Task<Digest> SourceFixes(SqliteDatabase database)
    {
        var digest = new Digest();
        await using var connection = database.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT member_id, at_ticks, lat, lon FROM patrol_track ORDER BY member_id, at_ticks";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            digest.Add(reader.GetString(0), Invariant(reader.GetInt64(1)), Invariant(reader.GetDouble(2)), Invariant(reader.GetDouble(3)));
        return digest;
    }

    private static async Task<Digest> TargetFixes(NpgsqlDataSource target)
    {
        var digest = new Digest();
        await using var command = target.CreateCommand("SELECT member_id, at, at_tick, lat, lon FROM cc_patrol_fixes ORDER BY member_id, at, at_tick");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            digest.Add(reader.GetString(0), Invariant(Ticks(reader, 1, 2)), Invariant(reader.GetDouble(3)), Invariant(reader.GetDouble(4)));
        return digest;
    }

    // ---- Archive index ---------------------------------------------------------------------------------------------

    private static async Task CopyArchiveIndex(SqliteDatabase database, PostgresArchiveIndex target)
    {
        await using var connection = database.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT incident_id, file, line, first_ticks, last_ticks FROM archive_index ORDER BY incident_id";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            await target.Move(reader.GetString(0), new ArchiveLocation(reader.GetString(1), reader.GetInt32(2)),
                new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero), new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero));
    }

    /// <summary>The span as PostgreSQL keeps it: widened to whole microseconds (first down, last up), as every archive move there.</summary>
    private static async Task<Digest> SourceArchive(SqliteDatabase database)
    {
        var digest = new Digest();
        await using var connection = database.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT incident_id, file, line, first_ticks, last_ticks FROM archive_index ORDER BY incident_id";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            digest.Add(reader.GetString(0), reader.GetString(1), Invariant(reader.GetInt64(2)),
                Invariant(PostgresInstant.Microsecond(new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero)).Ticks),
                Invariant(PostgresInstant.MicrosecondAtOrAfter(new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero)).Ticks));
        return digest;
    }

    private static async Task<Digest> TargetArchive(NpgsqlDataSource target)
    {
        var digest = new Digest();
        await using var command = target.CreateCommand("SELECT incident_id, file, line, first_at, last_at FROM cc_archive_index ORDER BY incident_id");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            digest.Add(reader.GetString(0), reader.GetString(1), Invariant(reader.GetInt32(2)),
                Invariant(reader.GetFieldValue<DateTime>(3).Ticks), Invariant(reader.GetFieldValue<DateTime>(4).Ticks));
        return digest;
    }

    // ---- Grain state -----------------------------------------------------------------------------------------------

    /// <summary>
    /// Orleans' ADO.NET grain storage as the Postgres profile configures it (invariant, connection string, service id,
    /// default provider name and hasher), but passing the stored bytes through untouched: the embedded profile's bytes are
    /// already the Orleans serializer's output, which is what the Postgres profile's OrleansGrainStorageSerializer writes.
    /// </summary>
    internal static async Task<AdoNetGrainStorage> OpenGrainStorage(string connectionString, string serviceId, CancellationToken cancellationToken, IGrainStorageSerializer? serializer = null)
    {
        var storage = new AdoNetGrainStorage(
            new NoActivators(),
            NullLogger<AdoNetGrainStorage>.Instance,
            Options.Create(new AdoNetGrainStorageOptions
            {
                Invariant = PostgresProfile.Invariant,
                ConnectionString = connectionString,
                GrainStorageSerializer = serializer ?? new StoredBytes(),
            }),
            Options.Create(new ClusterOptions { ServiceId = serviceId }),
            ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var lifecycle = new StartOnly();
        storage.Participate(lifecycle);
        foreach (var observer in lifecycle.Observers) await observer.OnStart(cancellationToken);
        return storage;
    }

    private static async Task CopyGrainStates(SqliteDatabase database, AdoNetGrainStorage target)
    {
        foreach (var (name, id, data) in await GrainRows(database))
            await target.WriteStateAsync(name, GrainId.Parse(id), new Stored { State = data });
    }

    private static async Task<List<(string Name, string Id, byte[] Data)>> GrainRows(SqliteDatabase database)
    {
        var rows = new List<(string, string, byte[])>();
        await using var connection = database.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state_name, grain_id, data FROM grain_state ORDER BY state_name, grain_id";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add((reader.GetString(0), reader.GetString(1), (byte[])reader.GetValue(2)));
        return rows;
    }

    private static async Task<Digest> SourceGrainStates(SqliteDatabase database)
    {
        var digest = new Digest();
        foreach (var (name, id, data) in await GrainRows(database)) digest.Add(name, id, Convert.ToHexString(SHA256.HashData(data)));
        return digest;
    }

    /// <summary>Each state read back the way a silo will read it (by state name and grain id); the count is the table's rows for the service.</summary>
    private static async Task<Digest> TargetGrainStates(SqliteDatabase database, AdoNetGrainStorage storage, NpgsqlDataSource target, string serviceId)
    {
        var digest = new Digest();
        foreach (var (name, id, _) in await GrainRows(database))
        {
            var read = new Stored();
            await storage.ReadStateAsync(name, GrainId.Parse(id), read);
            digest.Add(name, id, read.RecordExists && read.State is { } state ? Convert.ToHexString(SHA256.HashData(state)) : null);
        }
        await using var command = target.CreateCommand("SELECT count(*) FROM orleansstorage WHERE serviceid = @s");
        command.Parameters.AddWithValue("s", serviceId);
        digest.Count = (long)(await command.ExecuteScalarAsync())!;
        return digest;
    }

    private sealed class Stored : IGrainState<byte[]>
    {
        public byte[]? State { get; set; }
        public string? ETag { get; set; }
        public bool RecordExists { get; set; }
    }

    private sealed class StoredBytes : IGrainStorageSerializer
    {
        public BinaryData Serialize<T>(T? input) => new((byte[])(object)input!);
        public T? Deserialize<T>(BinaryData input) => (T)(object)input.ToArray();
    }

    private sealed class NoActivators : IActivatorProvider
    {
        public IActivator<T> GetActivator<T>() => throw new NotSupportedException("The copy reads only states it wrote.");
    }

    private sealed class StartOnly : ISiloLifecycle
    {
        public List<ILifecycleObserver> Observers { get; } = [];
        public int HighestCompletedStage => 0;
        public int LowestStoppedStage => 0;

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            Observers.Add(observer);
            return new Nothing();
        }

        private sealed class Nothing : IDisposable
        {
            public void Dispose() { }
        }
    }

    // ---- Secrets ---------------------------------------------------------------------------------------------------

    /// <summary>The secrets as the center reads them (FileSharedValues: the file's text, trimmed), by name.</summary>
    private static SortedDictionary<string, string> Secrets(string root)
    {
        var secrets = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var folder = Path.Combine(root, "secrets");
        if (!Directory.Exists(folder)) return secrets;
        foreach (var path in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(path);
            if (name.EndsWith(".tmp", StringComparison.Ordinal)) continue;
            secrets[name] = File.ReadAllText(path).Trim();
        }
        return secrets;
    }

    private static string SecretKey(string serviceId, string name) => serviceId + ":secrets:" + name;

    private static async Task CopySecrets(string root, NpgsqlDataSource target, string serviceId)
    {
        foreach (var (name, value) in Secrets(root))
        {
            await using var command = target.CreateCommand("INSERT INTO cc_shared_values (key, value) VALUES (@k, @v)");
            command.Parameters.AddWithValue("k", SecretKey(serviceId, name));
            command.Parameters.AddWithValue("v", value);
            await command.ExecuteNonQueryAsync();
        }
    }

    private static Digest SourceSecrets(string root)
    {
        var digest = new Digest();
        foreach (var (name, value) in Secrets(root)) digest.Add(name, value);
        return digest;
    }

    private static async Task<Digest> TargetSecrets(NpgsqlDataSource target, string serviceId)
    {
        var prefix = SecretKey(serviceId, "");
        var secrets = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await using (var command = target.CreateCommand("SELECT key, value FROM cc_shared_values WHERE starts_with(key, @prefix)"))
        {
            command.Parameters.AddWithValue("prefix", prefix);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) secrets[reader.GetString(0)[prefix.Length..]] = reader.GetString(1);
        }
        var digest = new Digest();
        foreach (var (name, value) in secrets) digest.Add(name, value);
        return digest;
    }

    // ---- Files -----------------------------------------------------------------------------------------------------

    private static async Task CopyFiles(IFileStore source, IFileStore target, CancellationToken cancellationToken)
    {
        foreach (var area in FileAreas.All)
            foreach (var file in await source.List(area, cancellationToken: cancellationToken))
                await target.Write(area, file.Name, await Content(source, area, file.Name, cancellationToken), cancellationToken);
    }

    private static async Task<byte[]> Content(IFileStore store, string area, string name, CancellationToken cancellationToken = default)
    {
        await using var stream = await store.OpenRead(area, name, cancellationToken)
            ?? throw new IOException($"{area}/{name} disappeared while it was copied; is the center still running?");
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory, cancellationToken);
        return memory.ToArray();
    }

    private static async Task<Digest> Files(IFileStore store)
    {
        var digest = new Digest();
        foreach (var area in FileAreas.All)
            foreach (var file in await store.List(area))
                digest.Add(area, file.Name, Invariant(file.Length), Convert.ToHexString(SHA256.HashData(await Content(store, area, file.Name))));
        return digest;
    }

    // ---- Pieces ----------------------------------------------------------------------------------------------------

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static long Ticks(NpgsqlDataReader reader, int at, int tick) =>
        PostgresInstant.Of(reader.GetFieldValue<DateTime>(at), reader.GetInt16(tick)).UtcTicks;

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>SHA-256 over rows of fields, each field length-prefixed (a null distinct from ""), and the number of rows.</summary>
    private sealed class Digest
    {
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public long Count { get; set; }

        public void Add(params string?[] fields)
        {
            Count++;
            Span<byte> length = stackalloc byte[4];
            foreach (var field in fields)
            {
                var bytes = field is null ? [] : Encoding.UTF8.GetBytes(field);
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, field is null ? -1 : bytes.Length);
                hash.AppendData(length);
                hash.AppendData(bytes);
            }
            hash.AppendData("\n"u8);
        }

        public string Hex() => Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant();
    }
}
