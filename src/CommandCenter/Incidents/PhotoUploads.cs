using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommandCenter.Http;
using CommandCenter.Storage;
using Microsoft.Extensions.Options;

namespace CommandCenter.Incidents;

/// <summary>An upload as its phone sees it: how many bytes of its size arrived, and the photo once complete.</summary>
public sealed record PhotoUploadView(string Id, long Size, long Received, string? Photo, string? Url);

/// <summary>
/// Resumable photo uploads from phones on a flaky network: the phone names the upload (its own id), sends the image in
/// chunks at the offset the server says it has, and may repeat any request without making a second photo. Uploads belong
/// to their account: the files are named by a hash of account and id, so ids never collide and nobody reaches another's
/// upload. The partial file lives under the data directory (uploads/), flushed to disk before each answer; once complete
/// it is checked as an image and stored through <see cref="PhotoStore"/> with the facts the phone gave.
/// Every limit of an upload is here; the endpoints only call this.
/// </summary>
public sealed partial class PhotoUploads(IOptions<StorageOptions> storage, PhotoStore photos, TimeProvider clock)
{
    /// <summary>The most one PATCH may carry (1 MiB).</summary>
    public const int ChunkMaxBytes = 1024 * 1024;

    /// <summary>What an upload's id may be: 8 to 64 letters, digits, '-' or '_' (a UUID is a good id).</summary>
    public const string IdRule = "8 to 64 characters of A–Z, a–z, 0–9, '-' and '_'";

    /// <summary>A partial upload untouched this long is removed when a new upload starts.</summary>
    public static readonly TimeSpan PartialKeptFor = TimeSpan.FromDays(2);

    /// <summary>How long a completed upload still answers its photo to a phone repeating it.</summary>
    public static readonly TimeSpan CompletedKeptFor = TimeSpan.FromDays(30);

    /// <summary>How far ahead of the server's clock a phone's takenAt may be (a phone's clock runs wrong, not a day wrong).</summary>
    public static readonly TimeSpan TakenAtLeeway = TimeSpan.FromDays(1);

    [GeneratedRegex("^[A-Za-z0-9_-]{8,64}$")]
    private static partial Regex IdPattern();

    /// <summary>The body that starts an upload.</summary>
    public sealed record Start(string? Id, long? Size, DateTimeOffset? TakenAt, double? Lat, double? Lon);

    /// <summary>What is wrong with an upload's start: the fields (400), or only a size over the limit (413).</summary>
    public Fields Check(Start body, out bool tooLarge)
    {
        var fields = new Fields();
        CheckId(body.Id, fields);
        tooLarge = false;
        if (body.Size is not { } size || size < 1) fields.Add("size", $"size must be the photo's length in bytes, from 1 to {PhotoStore.MaxBytes}.");
        else tooLarge = size > PhotoStore.MaxBytes;
        if ((body.Lat is null) != (body.Lon is null)) fields.Add(body.Lat is null ? "lat" : "lon", "Give both lat and lon of where the photo was taken, or neither.");
        if (body.Lat is { } lat && (!double.IsFinite(lat) || Math.Abs(lat) > 90)) fields.Add("lat", "lat must be from -90 to 90.");
        if (body.Lon is { } lon && (!double.IsFinite(lon) || Math.Abs(lon) > 180)) fields.Add("lon", "lon must be from -180 to 180.");
        if (body.TakenAt is { } taken && taken > clock.GetUtcNow() + TakenAtLeeway)
            fields.Add("takenAt", "takenAt lies more than a day in the future: check the phone's clock.");
        return fields;
    }

    /// <summary>Whether the id is one an upload may have; adds what is wrong to the fields.</summary>
    public static bool CheckId(string? id, Fields fields)
    {
        if (id is not null && IdPattern().IsMatch(id)) return true;
        fields.Add("id", $"id must be {IdRule}.");
        return false;
    }

    public enum Refusal { None, Unknown, SizeDiffers, OffsetDiffers, BeyondSize, NotAnImage }

    /// <summary>An upload's state after a request, or why the request was refused (with the upload's state when it has one).</summary>
    public sealed record Answer(PhotoUploadView? Upload, Refusal Refusal = Refusal.None, string? Message = null, bool Created = false);

    /// <summary>Starts the upload, or answers the one this account already started with this id (the same size, or a refusal naming it).</summary>
    public async Task<Answer> Begin(string account, Start body, CancellationToken cancellationToken)
    {
        var key = KeyOf(account, body.Id!);
        using var _ = await Lock(key, cancellationToken);
        if (await Read(key, cancellationToken) is { } known)
        {
            var state = View(known, key);
            return known.Size == body.Size
                ? new Answer(state)
                : new Answer(state, Refusal.SizeDiffers, $"The upload \"{known.Id}\" was started with size {known.Size}; start a new upload (a new id) for another photo.");
        }
        Sweep();
        Directory.CreateDirectory(Folder);
        var record = new UploadRecord(body.Id!, account, body.Size!.Value, body.TakenAt?.ToUniversalTime(), body.Lat, body.Lon, clock.GetUtcNow(), null);
        await PhotoStore.WriteDurably(PartPath(key), [], FileMode.Create, cancellationToken);
        await Write(key, record, cancellationToken);
        return new Answer(View(record, key), Created: true);
    }

    /// <summary>The upload's state, or null when this account has no upload with this id.</summary>
    public async Task<PhotoUploadView?> Find(string account, string id, CancellationToken cancellationToken)
    {
        var key = KeyOf(account, id);
        return await Read(key, cancellationToken) is { } record ? View(record, key) : null;
    }

    /// <summary>
    /// Appends the chunk when it starts where the upload stands; completes the upload when the last byte arrived. A completed
    /// upload answers its photo whatever is sent again.
    /// </summary>
    public async Task<Answer> Append(string account, string id, long offset, byte[] chunk, CancellationToken cancellationToken)
    {
        var key = KeyOf(account, id);
        using var _ = await Lock(key, cancellationToken);
        if (await Read(key, cancellationToken) is not { } record) return new Answer(null, Refusal.Unknown, $"No upload of yours has the id \"{id}\"; start it first.");
        if (record.Photo is not null) return new Answer(View(record, key));
        var received = Received(key);
        if (offset != received)
            return new Answer(View(record, key), Refusal.OffsetDiffers, $"The upload has {received} bytes; send from offset {received}.");
        if (received + chunk.Length > record.Size)
            return new Answer(View(record, key), Refusal.BeyondSize, $"The chunk runs past the upload's size: {record.Size - received} bytes remain.");
        if (chunk.Length > 0)
        {
            await using var file = new FileStream(PartPath(key), FileMode.Append, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);
            await file.WriteAsync(chunk, cancellationToken);
            file.Flush(flushToDisk: true); // durable before the phone hears how much arrived
        }
        if (received + chunk.Length < record.Size) return new Answer(View(record, key));

        var bytes = await File.ReadAllBytesAsync(PartPath(key), cancellationToken);
        var (photo, refusal) = await photos.Save(bytes, record.TakenAt, record.Lat, record.Lon, account, cancellationToken);
        if (photo is null)
        {
            // A refused image is not kept: the phone starts again with a real one.
            File.Delete(PartPath(key));
            File.Delete(RecordPath(key));
            return new Answer(null, Refusal.NotAnImage, refusal);
        }
        var completed = record with { Photo = photo };
        await Write(key, completed, cancellationToken);
        File.Delete(PartPath(key));
        return new Answer(View(completed, key));
    }

    /// <summary>What one upload's record says on disk: who started it, its size and facts, and its photo once complete.</summary>
    private sealed record UploadRecord(string Id, string Account, long Size, DateTimeOffset? TakenAt, double? Lat, double? Lon, DateTimeOffset StartedAt, string? Photo);

    private string Folder => Path.Combine(storage.Value.FullDataDirectory, "uploads");

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new();

    /// <summary>One request at a time per upload (one node), so concurrent chunks never interleave in its file.</summary>
    private static async Task<IDisposable> Lock(string key, CancellationToken cancellationToken)
    {
        var gate = Locks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }

    /// <summary>The upload's file name: a hash of account and id, so ids are the account's own and reach no other file.</summary>
    private static string KeyOf(string account, string id) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{account}\n{id}")))[..40];

    private string PartPath(string key) => Path.Combine(Folder, key + ".part");

    private string RecordPath(string key) => Path.Combine(Folder, key + ".json");

    private long Received(string key) => File.Exists(PartPath(key)) ? new FileInfo(PartPath(key)).Length : 0;

    private PhotoUploadView View(UploadRecord r, string key) => r.Photo is { } photo
        ? new PhotoUploadView(r.Id, r.Size, r.Size, photo, $"/api/photos/{photo}")
        : new PhotoUploadView(r.Id, r.Size, Received(key), null, null);

    private async Task<UploadRecord?> Read(string key, CancellationToken cancellationToken) => File.Exists(RecordPath(key))
        ? JsonSerializer.Deserialize<UploadRecord>(await File.ReadAllBytesAsync(RecordPath(key), cancellationToken), LedgerJson.Options)
        : null;

    /// <summary>Writes the record durably and whole: a new file flushed, then moved over the old one.</summary>
    private async Task Write(string key, UploadRecord record, CancellationToken cancellationToken)
    {
        var fresh = RecordPath(key) + ".new";
        await PhotoStore.WriteDurably(fresh, JsonSerializer.SerializeToUtf8Bytes(record, LedgerJson.Options), FileMode.Create, cancellationToken);
        File.Move(fresh, RecordPath(key), overwrite: true);
    }

    /// <summary>
    /// Removes partial uploads untouched for <see cref="PartialKeptFor"/> and records of completed ones older than
    /// <see cref="CompletedKeptFor"/>, by their files' write times (the disk's age of a file, not domain time): a look at one folder.
    /// </summary>
    private void Sweep()
    {
        if (!Directory.Exists(Folder)) return;
        var now = DateTime.UtcNow;
        foreach (var part in new DirectoryInfo(Folder).EnumerateFiles("*.part").Where(f => now - f.LastWriteTimeUtc > PartialKeptFor))
        {
            var key = Path.GetFileNameWithoutExtension(part.Name);
            if (!Locks.TryGetValue(key, out var gate) || gate.CurrentCount > 0)
            {
                part.Delete();
                File.Delete(RecordPath(key));
            }
        }
        foreach (var record in new DirectoryInfo(Folder).EnumerateFiles("*.json").Where(f => now - f.LastWriteTimeUtc > CompletedKeptFor))
            if (!File.Exists(PartPath(Path.GetFileNameWithoutExtension(record.Name)))) record.Delete();
    }
}
