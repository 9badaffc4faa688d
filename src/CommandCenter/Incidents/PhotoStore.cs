using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CommandCenter.Storage;
using Microsoft.Extensions.Options;

namespace CommandCenter.Incidents;

/// <summary>
/// Photos of incidents on disk under the data directory. Only real images are kept (checked by their
/// first bytes, not by what the client claims), under random names that no user input reaches.
/// </summary>
public sealed partial class PhotoStore(IOptions<StorageOptions> storage)
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxPerAction = 10;

    [GeneratedRegex("^[a-f0-9]{32}\\.(jpg|png|webp)$")]
    private static partial Regex Name();

    private string Folder => Path.Combine(storage.Value.FullDataDirectory, "photos");

    /// <summary>Stores the image and answers its name, or null with the reason it was refused.</summary>
    public async Task<(string? Name, string? Refusal)> Save(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return (null, $"A photo may be at most {MaxBytes / 1024 / 1024} MB.");
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        var extension = KindOf(bytes);
        if (extension is null) return (null, "Only JPEG, PNG or WebP images are accepted.");
        Directory.CreateDirectory(Folder);
        var name = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant() + "." + extension;
        await using (var file = new FileStream(Path.Combine(Folder, name), FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            await file.WriteAsync(bytes, cancellationToken);
            file.Flush(flushToDisk: true); // durable before the worker hears OK
        }
        return (name, null);
    }

    public bool Exists(string name) => Name().IsMatch(name) && File.Exists(Path.Combine(Folder, name));

    public string? PathOf(string name) => Exists(name) ? Path.Combine(Folder, name) : null;

    public static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".png" => "image/png",
        ".webp" => "image/webp",
        _ => "image/jpeg",
    };

    private static string? KindOf(byte[] b)
    {
        if (b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return "jpg";
        if (b.Length > 8 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47 && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) return "png";
        if (b.Length > 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') return "webp";
        return null;
    }
}
