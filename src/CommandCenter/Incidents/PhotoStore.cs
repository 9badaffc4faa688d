using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommandCenter.Storage;
using Microsoft.Extensions.Options;

namespace CommandCenter.Incidents;

/// <summary>What is known of a stored photo, kept beside it: when and where the phone took it, its size, when and by whom it was uploaded.</summary>
public sealed record PhotoFacts(DateTimeOffset? TakenAt, double? Lat, double? Lon, long? Bytes, DateTimeOffset? UploadedAt, string? UploadedBy);

/// <summary>A photo's facts as the API answers them (who uploaded it stays on the server).</summary>
public sealed record PhotoFactsView(string Photo, DateTimeOffset? TakenAt, double? Lat, double? Lon, long? Bytes, DateTimeOffset? UploadedAt);

/// <summary>
/// Photos of incidents on disk under the data directory. Only real images are kept (checked by their
/// first bytes, not by what the client claims), under random names that no user input reaches; each
/// photo's facts lie beside it in a small JSON file (the photo's name + ".json").
/// </summary>
public sealed partial class PhotoStore(IOptions<StorageOptions> storage, TimeProvider clock)
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxPerAction = 10;

    /// <summary>The size limit in words, for refusals.</summary>
    public static string MaxWords => $"A photo may be at most {MaxBytes / 1024 / 1024} MB.";

    public const string NotAnImage = "Only JPEG, PNG or WebP images are accepted.";

    [GeneratedRegex("^[a-f0-9]{32}\\.(jpg|png|webp)$")]
    private static partial Regex Name();

    private string Folder => Path.Combine(storage.Value.FullDataDirectory, "photos");

    /// <summary>Stores the image sent whole and answers its name, or null with the reason it was refused.</summary>
    public async Task<(string? Name, string? Refusal)> Save(Stream content, string? uploadedBy, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return (null, MaxWords);
            buffer.Write(chunk, 0, read);
        }
        return await Save(buffer.ToArray(), null, null, null, uploadedBy, cancellationToken);
    }

    /// <summary>Stores the image with the facts its phone gave, durably, and answers its name, or null with the reason it was refused.</summary>
    public async Task<(string? Name, string? Refusal)> Save(byte[] bytes, DateTimeOffset? takenAt, double? lat, double? lon, string? uploadedBy,
        CancellationToken cancellationToken)
    {
        if (bytes.Length > MaxBytes) return (null, MaxWords);
        var extension = KindOf(bytes);
        if (extension is null) return (null, NotAnImage);
        Directory.CreateDirectory(Folder);
        var name = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant() + "." + extension;
        await WriteDurably(Path.Combine(Folder, name), bytes, FileMode.CreateNew, cancellationToken);
        var facts = new PhotoFacts(takenAt?.ToUniversalTime(), lat, lon, bytes.Length, clock.GetUtcNow(), uploadedBy);
        await WriteDurably(FactsPath(name), JsonSerializer.SerializeToUtf8Bytes(facts, LedgerJson.Options), FileMode.CreateNew, cancellationToken);
        return (name, null);
    }

    public bool Exists(string name) => Name().IsMatch(name) && File.Exists(Path.Combine(Folder, name));

    public string? PathOf(string name) => Exists(name) ? Path.Combine(Folder, name) : null;

    /// <summary>
    /// The photo's facts, or null when no photo has this name. A photo stored before facts were kept answers its size
    /// and when its file was written, the rest unknown.
    /// </summary>
    public async Task<PhotoFactsView?> FactsOf(string name, CancellationToken cancellationToken)
    {
        if (PathOf(name) is not { } path) return null;
        var facts = File.Exists(FactsPath(name))
            ? JsonSerializer.Deserialize<PhotoFacts>(await File.ReadAllBytesAsync(FactsPath(name), cancellationToken), LedgerJson.Options)
            : null;
        facts ??= new PhotoFacts(null, null, null, new FileInfo(path).Length, new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero), null);
        return new PhotoFactsView(name, facts.TakenAt, facts.Lat, facts.Lon, facts.Bytes, facts.UploadedAt);
    }

    public static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".png" => "image/png",
        ".webp" => "image/webp",
        _ => "image/jpeg",
    };

    /// <summary>The kind of image the bytes are (the file extension), by their first bytes; null when they are none of JPEG, PNG or WebP.</summary>
    public static string? KindOf(byte[] b)
    {
        if (b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return "jpg";
        if (b.Length > 8 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47 && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) return "png";
        if (b.Length > 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') return "webp";
        return null;
    }

    /// <summary>Writes the file and flushes it to disk: durable before the worker hears OK.</summary>
    public static async Task WriteDurably(string path, byte[] bytes, FileMode mode, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, mode, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);
        await file.WriteAsync(bytes, cancellationToken);
        file.Flush(flushToDisk: true);
    }

    private string FactsPath(string name) => Path.Combine(Folder, name + ".json");
}
