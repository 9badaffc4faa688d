using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Grains.Archive;
using CommandCenter.Grains.Incidents;

namespace CommandCenter.Storage;

/// <summary>
/// The embedded profile's archive: one gzip'd NDJSON file per archive day under <c>archive/</c>
/// (<c>2026-11-24.ndjson.gz</c>, one line per incident with all its events and a SHA-256 digest over
/// them) and <c>manifest.json</c> with the SHA-256 of every file. A file is written whole to a temporary
/// name, flushed to disk and renamed, then the manifest the same way, so a crash leaves either the old
/// or the new file, never half of one.
/// </summary>
public sealed class FileArchiveStore : IArchiveStore
{
    public const string ManifestName = "manifest.json";

    private readonly string directory;
    private readonly SemaphoreSlim writing = new(1, 1);
    // The last file read, decompressed: a replay reads many records of the same day.
    private (string Name, long Length, DateTime WrittenAt, string[] Lines)? lastRead;
    private readonly Lock readLock = new();

    public FileArchiveStore(string directory)
    {
        this.directory = directory;
        Directory.CreateDirectory(directory);
    }

    public static string FileNameOf(DateOnly day) => $"{day:yyyy-MM-dd}.ndjson.gz";

    public async Task<IReadOnlyList<ArchiveLocation>> Seal(DateOnly day, IReadOnlyList<IReadOnlyList<IncidentEvent>> incidents, CancellationToken cancellationToken = default)
    {
        if (incidents.Count == 0) return [];
        var name = FileNameOf(day);
        await writing.WaitAsync(cancellationToken);
        try
        {
            var manifest = ReadManifest();
            // An existing day file is only extended when it is still what the manifest says it is.
            var lines = File.Exists(PathOf(name)) ? ReadVerifiedLines(name, manifest).ToList() : [];
            var locations = new List<ArchiveLocation>(incidents.Count);
            foreach (var events in incidents)
            {
                lines.Add(SealedLine(events));
                locations.Add(new ArchiveLocation(name, lines.Count));
            }
            var bytes = Compress(lines);
            await WriteDurably(PathOf(name), bytes, cancellationToken);
            manifest[name] = new ManifestEntry(Convert.ToHexStringLower(SHA256.HashData(bytes)), lines.Count, bytes.Length);
            await WriteDurably(PathOf(ManifestName), JsonSerializer.SerializeToUtf8Bytes(new Manifest(manifest), ManifestJson), cancellationToken);
            return locations;
        }
        finally
        {
            writing.Release();
        }
    }

    public Task<IReadOnlyList<IncidentEvent>> Read(ArchiveLocation location, CancellationToken cancellationToken = default)
    {
        var lines = LinesOf(location.File);
        if (location.Line < 1 || location.Line > lines.Length)
            throw new ArchiveTamperedException(location.File, $"Archive file {location.File} has no record {location.Line}: it has {lines.Length}.");
        return Task.FromResult(OpenRecord(location.File, location.Line, lines[location.Line - 1]));
    }

    public Task<ArchiveVerification> Verify(CancellationToken cancellationToken = default)
    {
        var manifest = ReadManifest();
        var checks = new List<ArchiveFileCheck>();
        foreach (var (name, entry) in manifest.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            try
            {
                var lines = ReadVerifiedLines(name, manifest);
                for (var i = 0; i < lines.Length; i++) OpenRecord(name, i + 1, lines[i]);
                checks.Add(new ArchiveFileCheck(name, true, lines.Length, null));
            }
            catch (ArchiveTamperedException e)
            {
                checks.Add(new ArchiveFileCheck(name, false, entry.Records, e.Message));
            }
        }
        foreach (var stray in Directory.EnumerateFiles(directory, "*.ndjson.gz").Select(Path.GetFileName).Where(n => !manifest.ContainsKey(n!)))
            checks.Add(new ArchiveFileCheck(stray!, false, 0, $"Archive file {stray} is not in the manifest."));
        return Task.FromResult(new ArchiveVerification(checks.All(c => c.Intact), checks));
    }

    private string[] LinesOf(string name)
    {
        var info = new FileInfo(PathOf(name));
        lock (readLock)
        {
            if (lastRead is { } cached && cached.Name == name && info.Exists && cached.Length == info.Length && cached.WrittenAt == info.LastWriteTimeUtc)
                return cached.Lines;
        }
        var lines = ReadVerifiedLines(name, ReadManifest());
        lock (readLock) lastRead = (name, info.Length, info.LastWriteTimeUtc, lines);
        return lines;
    }

    /// <summary>The file's lines, after checking its bytes against the manifest's checksum.</summary>
    private string[] ReadVerifiedLines(string name, Dictionary<string, ManifestEntry> manifest)
    {
        var path = PathOf(name);
        if (!manifest.TryGetValue(name, out var entry))
            throw new ArchiveTamperedException(name, $"Archive file {name} is not in the manifest: it was not sealed here.");
        if (!File.Exists(path))
            throw new ArchiveTamperedException(name, $"Archive file {name} is missing.");
        var bytes = File.ReadAllBytes(path);
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (actual != entry.Sha256)
            throw new ArchiveTamperedException(name, $"Archive file {name} has been changed since it was sealed: its SHA-256 is {actual}, the manifest says {entry.Sha256}.");
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line) lines.Add(line);
        return [.. lines];
    }

    private static IReadOnlyList<IncidentEvent> OpenRecord(string name, int line, string text)
    {
        try
        {
            var record = JsonNode.Parse(text)!.AsObject();
            var events = record["events"]!.ToJsonString(LineJson);
            if (Digest(events) != record["digest"]!.GetValue<string>())
                throw new ArchiveTamperedException(name, $"Record {line} of archive file {name} does not match its digest.");
            return JsonSerializer.Deserialize<List<IncidentEvent>>(events, LedgerJson.Options)!;
        }
        catch (Exception e) when (e is JsonException or NullReferenceException or InvalidOperationException)
        {
            throw new ArchiveTamperedException(name, $"Record {line} of archive file {name} cannot be read: {e.Message}");
        }
    }

    private static string SealedLine(IReadOnlyList<IncidentEvent> events)
    {
        // The digest covers the events exactly as re-read (JsonNode's compact form), so it checks on every read.
        var eventsJson = JsonNode.Parse(JsonSerializer.Serialize(events, LedgerJson.Options))!.ToJsonString(LineJson);
        var record = new JsonObject
        {
            ["incidentId"] = events[0].IncidentId,
            ["digest"] = Digest(eventsJson),
            ["events"] = JsonNode.Parse(eventsJson),
        };
        return record.ToJsonString(LineJson);
    }

    private static string Digest(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static byte[] Compress(IEnumerable<string> lines)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var writer = new StreamWriter(gzip, new UTF8Encoding(false)))
        {
            foreach (var line in lines) { writer.Write(line); writer.Write('\n'); }
        }
        return buffer.ToArray();
    }

    private static async Task WriteDurably(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await file.WriteAsync(bytes, cancellationToken);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(string name) => Path.Combine(directory, Path.GetFileName(name));

    private Dictionary<string, ManifestEntry> ReadManifest()
    {
        var path = PathOf(ManifestName);
        if (!File.Exists(path)) return new(StringComparer.Ordinal);
        var manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllBytes(path), ManifestJson);
        return new(manifest?.Files ?? [], StringComparer.Ordinal);
    }

    // Names and notes stay readable Chinese in the files rather than \u escapes.
    private static readonly JsonSerializerOptions LineJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private sealed record Manifest(Dictionary<string, ManifestEntry> Files);

    private sealed record ManifestEntry(string Sha256, int Records, long Bytes);
}
