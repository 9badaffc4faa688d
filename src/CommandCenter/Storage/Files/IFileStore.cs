namespace CommandCenter.Storage.Files;

/// <summary>
/// Where the center keeps its files (photos, partial uploads, daily reports, archive files), so every node reaches the
/// same ones: named blobs in areas (<see cref="FileAreas"/>). A name is one or more segments of letters, digits, '.', '-'
/// and '_' joined by '/' (<see cref="FileName"/>). Every write is durable before it returns; a whole write is seen whole
/// or not at all; an append lands only where the file stands, atomically across nodes.
/// </summary>
public interface IFileStore
{
    /// <summary>Writes the file whole, replacing any file of that name: readers see the old content or the new, never half.</summary>
    Task Write(string area, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Writes the file whole only when no file has this name; answers whether it did (false: another got there first).</summary>
    Task<bool> Create(string area, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends the chunk when the file's length is <paramref name="offset"/>, as one step no other append on any node can
    /// interleave with; otherwise changes nothing. Answers whether it appended and the file's length after (null: no such file).
    /// </summary>
    Task<Appended> Append(string area, string name, long offset, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken = default);

    /// <summary>The file's content to read (seekable), or null when there is no such file.</summary>
    Task<Stream?> OpenRead(string area, string name, CancellationToken cancellationToken = default);

    /// <summary>The file's length and when it was last written, or null when there is no such file.</summary>
    Task<StoredFile?> Find(string area, string name, CancellationToken cancellationToken = default);

    /// <summary>The area's files whose names start with the prefix, in name order.</summary>
    Task<IReadOnlyList<StoredFile>> List(string area, string prefix = "", CancellationToken cancellationToken = default);

    /// <summary>Removes the file; answers whether there was one.</summary>
    Task<bool> Delete(string area, string name, CancellationToken cancellationToken = default);
}

/// <summary>A stored file: its name in its area, its length in bytes and when it was last written (UTC, the store's clock).</summary>
public sealed record StoredFile(string Name, long Length, DateTimeOffset ModifiedAt);

/// <summary>What an append did: whether the chunk was added, and the file's length now (null when there is no such file).</summary>
public readonly record struct Appended(bool Done, long? Length);
