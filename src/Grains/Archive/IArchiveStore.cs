using CommandCenter.Grains.Incidents;

namespace CommandCenter.Grains.Archive;

/// <summary>
/// 归档入云: where sealed incident records go once they leave the hot ledger. Each record holds all
/// of one incident's events and a digest over them; each file is checksummed in a manifest, so a
/// changed byte is found at read time and by <see cref="Verify"/>. Each storage profile provides one
/// (daily NDJSON.gz files in the embedded profile).
/// </summary>
public interface IArchiveStore
{
    /// <summary>Appends one record per incident to the archive day's file and updates the manifest; durable when it completes.</summary>
    /// <returns>Where each record lies, in the order given.</returns>
    Task<IReadOnlyList<ArchiveLocation>> Seal(DateOnly day, IReadOnlyList<IReadOnlyList<IncidentEvent>> incidents, CancellationToken cancellationToken = default);

    /// <exception cref="ArchiveTamperedException">The file no longer matches its checksum, or the record its digest.</exception>
    Task<IReadOnlyList<IncidentEvent>> Read(ArchiveLocation location, CancellationToken cancellationToken = default);

    /// <summary>Checks every file against the manifest and every record against its digest.</summary>
    Task<ArchiveVerification> Verify(CancellationToken cancellationToken = default);
}

/// <summary>Where one sealed record lies: the file's name and the record's line (1-based).</summary>
[GenerateSerializer, Alias("ArchiveLocation")]
public sealed record ArchiveLocation([property: Id(0)] string File, [property: Id(1)] int Line);

public sealed record ArchiveFileCheck(string File, bool Intact, int Records, string? Problem);

public sealed record ArchiveVerification(bool Intact, IReadOnlyList<ArchiveFileCheck> Files);

/// <summary>An archive file or record that does not match what was sealed: someone or something changed it.</summary>
public sealed class ArchiveTamperedException(string file, string message) : Exception(message)
{
    public string File { get; } = file;
}
