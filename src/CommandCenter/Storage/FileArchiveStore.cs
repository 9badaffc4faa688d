using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Grains.Archive;
using CommandCenter.Grains.Incidents;
using CommandCenter.Storage.Files;

namespace CommandCenter.Storage;

/// <summary>
/// The archive (归档入云) in the file store's archive area: one gzip'd NDJSON file per archive day
/// (<c>2026-11-24.ndjson.gz</c>, one line per incident with all its events and a SHA-256 digest over
/// them) and <c>manifest.json</c> with the SHA-256 of every file. A file is written whole (the store
/// shows the old or the new file, never half of one, durable when it returns), then the manifest the same way.
/// Sealing runs once at a time in the cluster (the archive job), so one writer at a time per process suffices.
/// </summary>
public sealed class FileArchiveStore(IFileStore files) : IArchiveStore
{
    public const string ManifestName = "manifest.json";

    private const string Area = FileAreas.Archive;

    private readonly SemaphoreSlim writing = new(1, 1);
    // The last file read, decompressed: a replay reads many records of the same day.
    private (string Name, long Length, DateTimeOffset WrittenAt, string[] Lines)? lastRead;
    private readonly Lock readLock = new();

    public static string FileNameOf(DateOnly day) => $"{day:yyyy-MM-dd}.ndjson.gz";

    public async Task<IReadOnlyList<ArchiveLocation>> Seal(DateOnly day, IReadOnlyList<IReadOnlyList<IncidentEvent>> incidents, CancellationToken cancellationToken = default)
    {
        if (incidents.Count == 0) return [];
        var name = FileNameOf(day);
        await writing.WaitAsync(cancellationToken);
        try
        {
            var manifest = await ReadManifest(cancellationToken);
            // An existing day file is only extended when it is still what the manifest says it is.
            var lines = await files.Find(Area, name, cancellationToken) is not null ? (await ReadVerifiedLines(name, manifest, cancellationToken)).ToList() : [];
            var locations = new List<ArchiveLocation>(incidents.Count);
            foreach (var events in incidents)
            {
                lines.Add(SealedLine(events));
                locations.Add(new ArchiveLocation(name, lines.Count));
            }
            var bytes = Compress(lines);
            await files.Write(Area, name, bytes, cancellationToken);
            manifest[name] = new ManifestEntry(Convert.ToHexStringLower(SHA256.HashData(bytes)), lines.Count, bytes.Length);
            await files.Write(Area, ManifestName, JsonSerializer.SerializeToUtf8Bytes(new Manifest(manifest), ManifestJson), cancellationToken);
            return locations;
        }
        finally
        {
            writing.Release();
        }
    }

    public async Task<IReadOnlyList<IncidentEvent>> Read(ArchiveLocation location, CancellationToken cancellationToken = default)
    {
        var lines = await LinesOf(location.File, cancellationToken);
        if (location.Line < 1 || location.Line > lines.Length)
            throw new ArchiveTamperedException(location.File, $"Archive file {location.File} has no record {location.Line}: it has {lines.Length}.");
        return OpenRecord(location.File, location.Line, lines[location.Line - 1]);
    }

    public async Task<ArchiveVerification> Verify(CancellationToken cancellationToken = default)
    {
        var manifest = await ReadManifest(cancellationToken);
        var checks = new List<ArchiveFileCheck>();
        foreach (var (name, entry) in manifest.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            try
            {
                var lines = await ReadVerifiedLines(name, manifest, cancellationToken);
                for (var i = 0; i < lines.Length; i++) OpenRecord(name, i + 1, lines[i]);
                checks.Add(new ArchiveFileCheck(name, true, lines.Length, null));
            }
            catch (ArchiveTamperedException e)
            {
                checks.Add(new ArchiveFileCheck(name, false, entry.Records, e.Message));
            }
        }
        var strays = (await files.List(Area, "", cancellationToken))
            .Select(f => f.Name).Where(n => n.EndsWith(".ndjson.gz", StringComparison.Ordinal) && !manifest.ContainsKey(n));
        foreach (var stray in strays)
            checks.Add(new ArchiveFileCheck(stray, false, 0, $"Archive file {stray} is not in the manifest."));
        return new ArchiveVerification(checks.All(c => c.Intact), checks);
    }

    private async Task<string[]> LinesOf(string name, CancellationToken cancellationToken)
    {
        if (!IsArchiveName(name)) throw new ArchiveTamperedException(name, $"Archive file {name} is not in the manifest: it was not sealed here.");
        var info = await files.Find(Area, name, cancellationToken);
        lock (readLock)
        {
            if (lastRead is { } cached && cached.Name == name && info is not null && cached.Length == info.Length && cached.WrittenAt == info.ModifiedAt)
                return cached.Lines;
        }
        var lines = await ReadVerifiedLines(name, await ReadManifest(cancellationToken), cancellationToken);
        if (info is not null) lock (readLock) lastRead = (name, info.Length, info.ModifiedAt, lines);
        return lines;
    }

    /// <summary>The file's lines, after checking its bytes against the manifest's checksum.</summary>
    private async Task<string[]> ReadVerifiedLines(string name, Dictionary<string, ManifestEntry> manifest, CancellationToken cancellationToken)
    {
        if (!manifest.TryGetValue(name, out var entry) || !IsArchiveName(name))
            throw new ArchiveTamperedException(name, $"Archive file {name} is not in the manifest: it was not sealed here.");
        if (await files.ReadAll(Area, name, cancellationToken) is not { } bytes)
            throw new ArchiveTamperedException(name, $"Archive file {name} is missing.");
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

    /// <summary>Whether the name is one a day file has (a location read back from the index names nothing else).</summary>
    private static bool IsArchiveName(string name) =>
        name.EndsWith(".ndjson.gz", StringComparison.Ordinal) && name.Length == "yyyy-MM-dd.ndjson.gz".Length && !name.Contains('/');

    private async Task<Dictionary<string, ManifestEntry>> ReadManifest(CancellationToken cancellationToken)
    {
        if (await files.ReadAll(Area, ManifestName, cancellationToken) is not { } bytes) return new(StringComparer.Ordinal);
        var manifest = JsonSerializer.Deserialize<Manifest>(bytes, ManifestJson);
        return new(manifest?.Files ?? [], StringComparer.Ordinal);
    }

    // Names and notes stay readable Chinese in the files rather than \u escapes.
    private static readonly JsonSerializerOptions LineJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private sealed record Manifest(Dictionary<string, ManifestEntry> Files);

    private sealed record ManifestEntry(string Sha256, int Records, long Bytes);
}
