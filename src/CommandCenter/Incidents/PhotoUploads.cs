using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CommandCenter.Http;
using CommandCenter.Storage;
using CommandCenter.Storage.Files;

namespace CommandCenter.Incidents;

/// <summary>An upload as its phone sees it: how many bytes of its size arrived, and the photo once complete.</summary>
public sealed record PhotoUploadView(string Id, long Size, long Received, string? Photo, string? Url);

/// <summary>
/// Resumable photo uploads from phones on a flaky network: the phone names the upload (its own id), sends the image in
/// chunks at the offset the server says it has, and may repeat any request without making a second photo. Uploads belong
/// to their account: the files are named by a hash of account and id, so ids never collide and nobody reaches another's
/// upload. The partial file lives in the file store's uploads area, durable before each answer; once complete it is
/// checked as an image and stored through <see cref="PhotoStore"/> with the facts the phone gave.
/// <para>
/// Chunks of one upload may reach different nodes (a phone behind a load balancer). Correctness comes from the store: a
/// chunk is appended only where the partial file stands, atomically across nodes, so of two copies of one chunk exactly
/// one lands. Completion may run on two nodes at once (a phone repeating its last chunk): the photo's name is claimed
/// first (create-if-absent of {key}.photo), so both store the same photo under the same name. The in-process lock per
/// upload only spares one node's concurrent requests the race.
/// </para>
/// Every limit of an upload is here; the endpoints only call this.
/// </summary>
public sealed partial class PhotoUploads(IFileStore files, PhotoStore photos, TimeProvider clock)
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
        if (await Read(key, cancellationToken) is not { } known)
        {
            await Sweep(cancellationToken);
            var record = new UploadRecord(body.Id!, account, body.Size!.Value, body.TakenAt?.ToUniversalTime(), body.Lat, body.Lon, clock.GetUtcNow(), null);
            // The partial file first, then the record that makes the upload known: a chunk never finds a record without its file.
            await files.Create(Area, PartName(key), ReadOnlyMemory<byte>.Empty, cancellationToken);
            if (await files.Create(Area, RecordName(key), Serialize(record), cancellationToken))
                return new Answer(await View(record, key, cancellationToken), Created: true);
            // Another node started it at the same moment: answer that one.
            known = await Read(key, cancellationToken) ?? record;
        }
        var state = await View(known, key, cancellationToken);
        return known.Size == body.Size
            ? new Answer(state)
            : new Answer(state, Refusal.SizeDiffers, $"The upload \"{known.Id}\" was started with size {known.Size}; start a new upload (a new id) for another photo.");
    }

    /// <summary>The upload's state, or null when this account has no upload with this id.</summary>
    public async Task<PhotoUploadView?> Find(string account, string id, CancellationToken cancellationToken)
    {
        var key = KeyOf(account, id);
        return await Read(key, cancellationToken) is { } record ? await View(record, key, cancellationToken) : null;
    }

    /// <summary>
    /// Appends the chunk when it starts where the upload stands; completes the upload when the last byte arrived. A completed
    /// upload answers its photo whatever is sent again.
    /// </summary>
    public async Task<Answer> Append(string account, string id, long offset, byte[] chunk, CancellationToken cancellationToken)
    {
        var key = KeyOf(account, id);
        using var _ = await Lock(key, cancellationToken);
        if (await Read(key, cancellationToken) is not { } record) return Unknown(id);
        if (record.Photo is not null) return new Answer(await View(record, key, cancellationToken));
        if (await files.Find(Area, PartName(key), cancellationToken) is not { } part) return await Settled(key, id, cancellationToken);
        var received = part.Length;
        if (offset == received && received + chunk.Length > record.Size)
            return new Answer(await View(record, key, cancellationToken), Refusal.BeyondSize, $"The chunk runs past the upload's size: {record.Size - received} bytes remain.");
        // The store decides: appended only at the length the file has now, whichever node holds the other copy of this chunk.
        var appended = offset == received ? await files.Append(Area, PartName(key), offset, chunk, cancellationToken) : new Appended(false, received);
        if (appended.Length is not { } length) return await Settled(key, id, cancellationToken);
        if (!appended.Done)
        {
            // Moved on elsewhere meanwhile: completed by another node, or simply further along.
            if (await Read(key, cancellationToken) is { Photo: not null } done) return new Answer(await View(done, key, cancellationToken));
            return new Answer(await View(record, key, cancellationToken), Refusal.OffsetDiffers, $"The upload has {length} bytes; send from offset {length}.");
        }
        if (length < record.Size) return new Answer(await View(record, key, cancellationToken));
        return await Complete(key, record, cancellationToken);
    }

    /// <summary>
    /// Stores the whole upload as a photo under the name claimed for it (claimed now when none is), records the photo and
    /// removes the partial file. Run again, on this node or another, it stores the same photo under the same name.
    /// </summary>
    private async Task<Answer> Complete(string key, UploadRecord record, CancellationToken cancellationToken)
    {
        if (await files.ReadAll(Area, PartName(key), cancellationToken) is not { } bytes) return await Settled(key, record.Id, cancellationToken);
        if (PhotoStore.RefusalOf(bytes) is { } refusal)
        {
            // A refused image is not kept: the phone starts again with a real one.
            await files.Delete(Area, PartName(key), cancellationToken);
            await files.Delete(Area, RecordName(key), cancellationToken);
            return new Answer(null, Refusal.NotAnImage, refusal);
        }
        var claimed = PhotoStore.NewName(PhotoStore.KindOf(bytes)!);
        if (!await files.Create(Area, ClaimName(key), Encoding.UTF8.GetBytes(claimed), cancellationToken))
            claimed = Encoding.UTF8.GetString(await files.ReadAll(Area, ClaimName(key), cancellationToken) ?? Encoding.UTF8.GetBytes(claimed));
        await photos.SaveAs(claimed, bytes, record.TakenAt, record.Lat, record.Lon, record.Account, cancellationToken);
        var completed = record with { Photo = claimed };
        await files.Write(Area, RecordName(key), Serialize(completed), cancellationToken);
        await files.Delete(Area, PartName(key), cancellationToken);
        return new Answer(await View(completed, key, cancellationToken));
    }

    /// <summary>The partial file is gone: the upload was completed meanwhile (its photo), or refused or swept (unknown).</summary>
    private async Task<Answer> Settled(string key, string id, CancellationToken cancellationToken) =>
        await Read(key, cancellationToken) is { Photo: not null } done ? new Answer(await View(done, key, cancellationToken)) : Unknown(id);

    private static Answer Unknown(string id) => new(null, Refusal.Unknown, $"No upload of yours has the id \"{id}\"; start it first.");

    /// <summary>What one upload's record says on disk: who started it, its size and facts, and its photo once complete.</summary>
    private sealed record UploadRecord(string Id, string Account, long Size, DateTimeOffset? TakenAt, double? Lat, double? Lon, DateTimeOffset StartedAt, string? Photo);

    private const string Area = FileAreas.Uploads;

    // This node's uploads in progress (the service is one per node).
    private readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new();

    /// <summary>One request at a time per upload on this node: the fast path; the store's atomic append is what makes it right.</summary>
    private async Task<IDisposable> Lock(string key, CancellationToken cancellationToken)
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

    private static string PartName(string key) => key + ".part";

    private static string RecordName(string key) => key + ".json";

    /// <summary>The photo name claimed for a completing upload, so every node completing it stores the same photo.</summary>
    private static string ClaimName(string key) => key + ".photo";

    private async Task<PhotoUploadView> View(UploadRecord r, string key, CancellationToken cancellationToken) => r.Photo is { } photo
        ? new PhotoUploadView(r.Id, r.Size, r.Size, photo, $"/api/photos/{photo}")
        : new PhotoUploadView(r.Id, r.Size, (await files.Find(Area, PartName(key), cancellationToken))?.Length ?? 0, null, null);

    private async Task<UploadRecord?> Read(string key, CancellationToken cancellationToken) =>
        await files.ReadAll(Area, RecordName(key), cancellationToken) is { } json ? JsonSerializer.Deserialize<UploadRecord>(json, LedgerJson.Options) : null;

    private static byte[] Serialize(UploadRecord record) => JsonSerializer.SerializeToUtf8Bytes(record, LedgerJson.Options);

    /// <summary>
    /// Removes partial uploads untouched for <see cref="PartialKeptFor"/> and records of completed ones older than
    /// <see cref="CompletedKeptFor"/>, by the store's times of their files (the store's clock, not domain time).
    /// </summary>
    private async Task Sweep(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var stored = await files.List(Area, "", cancellationToken);
        var parts = stored.Where(f => f.Name.EndsWith(".part", StringComparison.Ordinal)).Select(f => f.Name[..^5]).ToHashSet(StringComparer.Ordinal);
        foreach (var part in stored.Where(f => f.Name.EndsWith(".part", StringComparison.Ordinal) && now - f.ModifiedAt > PartialKeptFor))
        {
            var key = part.Name[..^5];
            if (!Locks.TryGetValue(key, out var gate) || gate.CurrentCount > 0)
            {
                await files.Delete(Area, part.Name, cancellationToken);
                await files.Delete(Area, RecordName(key), cancellationToken);
                await files.Delete(Area, ClaimName(key), cancellationToken);
            }
        }
        foreach (var record in stored.Where(f => f.Name.EndsWith(".json", StringComparison.Ordinal) && now - f.ModifiedAt > CompletedKeptFor))
        {
            var key = record.Name[..^5];
            if (parts.Contains(key)) continue;
            await files.Delete(Area, record.Name, cancellationToken);
            await files.Delete(Area, ClaimName(key), cancellationToken);
        }
    }
}
