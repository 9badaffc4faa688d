namespace CommandCenter.Storage.Files;

/// <summary>Reading a stored file whole.</summary>
public static class FileStoreReading
{
    /// <summary>The file's bytes, or null when there is no such file.</summary>
    public static async Task<byte[]?> ReadAll(this IFileStore files, string area, string name, CancellationToken cancellationToken = default)
    {
        await using var stream = await files.OpenRead(area, name, cancellationToken);
        if (stream is null) return null;
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
