namespace CommandCenter.Storage.Files;

/// <summary>
/// Files under a root folder, each area a folder of its own and each name its path inside it (so "reports" +
/// "2026-12-02/{grid}.csv" is reports/2026-12-02/{grid}.csv, where the center always kept it). The root is the data directory
/// of a single node, or a folder every node mounts (Storage:SharedDirectory, e.g. NFS).
/// <para>
/// Every write is flushed to disk (write-through, then fsync) before it returns. A whole write goes to a hidden temporary
/// file that is renamed over the name, so readers see the old file or the new. Appends and create-if-absent run under an
/// exclusive lock file (opened with FileShare.None, which .NET takes as flock on Unix and the NFS client as a lock the
/// server holds), so two processes, on one machine or on two, never interleave their chunks: under the lock the file is
/// opened, its length checked against the offset, the chunk written and flushed. The lock files are a fixed stripe of 64
/// per area in the hidden folder .locks, never deleted (deleting a lock file others wait on would split the lock).
/// </para>
/// </summary>
public sealed class DirectoryFileStore : IFileStore
{
    private const int Stripes = 64;
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    private readonly string root;
    // Waiters of this process queue here rather than spinning on the lock file.
    private readonly SemaphoreSlim[] local = Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public DirectoryFileStore(string root) => this.root = Path.GetFullPath(root);

    public string Root => root;

    public async Task Write(string area, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(area, name);
        var temporary = await WriteTemporary(path, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public async Task<bool> Create(string area, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var path = PathOf(area, name);
        await using var _ = await Lock(area, name, cancellationToken);
        if (File.Exists(path)) return false;
        var temporary = await WriteTemporary(path, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
        return true;
    }

    public async Task<Appended> Append(string area, string name, long offset, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken = default)
    {
        var path = PathOf(area, name);
        await using var _ = await Lock(area, name, cancellationToken);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new Appended(false, null);
        }
        await using (file)
        {
            // The length as the file stands now (read after opening, so a shared folder's cache is no older than the lock).
            var length = file.Length;
            if (length != offset) return new Appended(false, length);
            if (chunk.Length == 0) return new Appended(true, length);
            file.Seek(offset, SeekOrigin.Begin);
            await file.WriteAsync(chunk, cancellationToken);
            file.Flush(flushToDisk: true);
            return new Appended(true, offset + chunk.Length);
        }
    }

    public Task<Stream?> OpenRead(string area, string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(area, name);
        try
        {
            return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, FileOptions.Asynchronous));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<StoredFile?> Find(string area, string name, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(PathOf(area, name));
        return Task.FromResult(info.Exists ? new StoredFile(name, info.Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero)) : null);
    }

    public Task<IReadOnlyList<StoredFile>> List(string area, string prefix = "", CancellationToken cancellationToken = default)
    {
        FileName.CheckPrefix(area, prefix);
        var areaFolder = Path.Combine(root, area);
        var slash = prefix.LastIndexOf('/');
        var start = slash < 0 ? areaFolder : Path.Combine(areaFolder, prefix[..slash]);
        if (!Directory.Exists(start)) return Task.FromResult<IReadOnlyList<StoredFile>>([]);
        var files = new DirectoryInfo(start)
            .EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true })
            .Select(f => (Info: f, Name: Path.GetRelativePath(areaFolder, f.FullName).Replace(Path.DirectorySeparatorChar, '/')))
            // Hidden files and folders are the store's own (temporary files, locks), not stored files.
            .Where(f => !f.Name.Split('/').Any(s => s.StartsWith('.')) && f.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(f => new StoredFile(f.Name, f.Info.Length, new DateTimeOffset(f.Info.LastWriteTimeUtc, TimeSpan.Zero)))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult<IReadOnlyList<StoredFile>>(files);
    }

    public Task<bool> Delete(string area, string name, CancellationToken cancellationToken = default)
    {
        var path = PathOf(area, name);
        if (!File.Exists(path)) return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }

    private string PathOf(string area, string name)
    {
        FileName.Check(area, name);
        return Path.Combine(root, area, name.Replace('/', Path.DirectorySeparatorChar));
    }

    /// <summary>Writes the content to a hidden file beside the path, flushed to disk; answers its path.</summary>
    private static async Task<string> WriteTemporary(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough);
            await file.WriteAsync(content, cancellationToken);
            file.Flush(flushToDisk: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        return temporary;
    }

    /// <summary>The name's stripe lock, held by this process alone: in-process first, then the lock file for other processes.</summary>
    private async Task<IAsyncDisposable> Lock(string area, string name, CancellationToken cancellationToken)
    {
        var stripe = Stripe(area, name);
        var gate = local[stripe];
        await gate.WaitAsync(cancellationToken);
        try
        {
            var folder = Path.Combine(root, area, ".locks");
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, $"{stripe:D2}.lock");
            var deadline = DateTime.UtcNow + LockWait;
            for (var pause = 1; ; pause = Math.Min(pause * 2, 50))
            {
                try
                {
                    var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    return new Held(file, gate);
                }
                catch (IOException e)
                {
                    // Another process holds it.
                    if (DateTime.UtcNow >= deadline)
                        throw new TimeoutException($"The lock file {path} has been held by another process for {LockWait.TotalSeconds:0} s; is a node stuck?", e);
                    await Task.Delay(pause, cancellationToken);
                }
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>A stable stripe for the name (the same in every process: FNV-1a, not string.GetHashCode).</summary>
    private static int Stripe(string area, string name)
    {
        var hash = 2166136261u;
        foreach (var c in area + "/" + name) hash = (hash ^ c) * 16777619u;
        return (int)(hash % Stripes);
    }

    private sealed class Held(FileStream file, SemaphoreSlim gate) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await file.DisposeAsync();
            gate.Release();
        }
    }
}
