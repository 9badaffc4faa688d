using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommandCenter.Storage;
using CommandCenter.Storage.Files;

namespace CommandCenter.Incidents;

/// <summary>What is known of a stored photo, kept beside it: when and where the phone took it, its size, when and by whom it was uploaded.</summary>
public sealed record PhotoFacts(DateTimeOffset? TakenAt, double? Lat, double? Lon, long? Bytes, DateTimeOffset? UploadedAt, string? UploadedBy);

/// <summary>A photo's facts as the API answers them (who uploaded it stays on the server).</summary>
public sealed record PhotoFactsView(string Photo, DateTimeOffset? TakenAt, double? Lat, double? Lon, long? Bytes, DateTimeOffset? UploadedAt);

/// <summary>
/// Photos of incidents in the file store's photos area (the data directory's photos/ on one node, the shared store in a
/// cluster). Only real images are kept (checked by their first bytes, not by what the client claims), under random names
/// that no user input reaches; each photo's facts lie beside it in a small JSON file (the photo's name + ".json").
/// </summary>
public sealed partial class PhotoStore(IFileStore files, TimeProvider clock)
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxPerAction = 10;

    /// <summary>The size limit in words, for refusals.</summary>
    public static string MaxWords => $"A photo may be at most {MaxBytes / 1024 / 1024} MB.";

    public const string NotAnImage = "Only JPEG, PNG or WebP images are accepted.";

    private const string Area = FileAreas.Photos;

    [GeneratedRegex("^[a-f0-9]{32}\\.(jpg|png|webp)$")]
    private static partial Regex Name();

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
        if (RefusalOf(bytes) is { } refusal) return (null, refusal);
        var name = NewName(KindOf(bytes)!);
        await SaveAs(name, bytes, takenAt, lat, lon, uploadedBy, cancellationToken);
        return (name, null);
    }

    /// <summary>Why the bytes are not kept as a photo (too large, not an image), or null when they are.</summary>
    public static string? RefusalOf(byte[] bytes) => bytes.Length > MaxBytes ? MaxWords : KindOf(bytes) is null ? NotAnImage : null;

    /// <summary>A fresh random name for a photo of this kind (its extension).</summary>
    public static string NewName(string extension) => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant() + "." + extension;

    /// <summary>
    /// Stores checked image bytes under a name from <see cref="NewName"/>, durably, facts beside them. Storing the same
    /// bytes under the same name again (an upload completed on two nodes at once) leaves one photo.
    /// </summary>
    public async Task SaveAs(string name, byte[] bytes, DateTimeOffset? takenAt, double? lat, double? lon, string? uploadedBy, CancellationToken cancellationToken)
    {
        if (!Name().IsMatch(name)) throw new ArgumentException($"\"{name}\" is not a photo's name.", nameof(name));
        await files.Write(Area, name, bytes, cancellationToken);
        var facts = new PhotoFacts(takenAt?.ToUniversalTime(), lat, lon, bytes.Length, clock.GetUtcNow(), uploadedBy);
        await files.Write(Area, FactsName(name), JsonSerializer.SerializeToUtf8Bytes(facts, LedgerJson.Options), cancellationToken);
    }

    public async Task<bool> Exists(string name, CancellationToken cancellationToken = default) =>
        Name().IsMatch(name) && await files.Find(Area, name, cancellationToken) is not null;

    /// <summary>The first of the names that is no stored photo, or null when all are.</summary>
    public async Task<string?> FirstMissing(IEnumerable<string> names, CancellationToken cancellationToken = default)
    {
        foreach (var name in names)
            if (!await Exists(name, cancellationToken)) return name;
        return null;
    }

    /// <summary>The photo's bytes to read, or null when no photo has this name.</summary>
    public async Task<Stream?> Open(string name, CancellationToken cancellationToken = default) =>
        Name().IsMatch(name) ? await files.OpenRead(Area, name, cancellationToken) : null;

    /// <summary>
    /// The photo's facts, or null when no photo has this name. A photo stored before facts were kept answers its size
    /// and when its file was written, the rest unknown.
    /// </summary>
    public async Task<PhotoFactsView?> FactsOf(string name, CancellationToken cancellationToken)
    {
        if (!Name().IsMatch(name) || await files.Find(Area, name, cancellationToken) is not { } stored) return null;
        var facts = await files.ReadAll(Area, FactsName(name), cancellationToken) is { } json
            ? JsonSerializer.Deserialize<PhotoFacts>(json, LedgerJson.Options)
            : null;
        facts ??= new PhotoFacts(null, null, null, stored.Length, stored.ModifiedAt, null);
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

    private static string FactsName(string name) => name + ".json";
}
