namespace CommandCenter.Grains.Archive;

/// <summary>
/// Which incidents live in the archive and where, beside the hot ledger of the same profile, so that
/// moving an incident out of the hot store and recording where it went is one durable write.
/// </summary>
public interface IArchiveIndex
{
    /// <summary>Records where the incident's sealed record lies and removes its events from the hot ledger, together.</summary>
    Task Move(string incidentId, ArchiveLocation location, DateTimeOffset firstAt, DateTimeOffset lastAt);

    Task<ArchiveLocation?> Find(string incidentId);

    /// <summary>Archived incidents with an event in from ≤ at &lt; to.</summary>
    Task<IReadOnlyList<(string IncidentId, ArchiveLocation Location)>> Overlapping(DateTimeOffset from, DateTimeOffset to);

    /// <summary>Incidents already archived in the ledger whose events have not been sealed yet (a run interrupted half-way).</summary>
    Task<IReadOnlyList<string>> ArchivedButStillHot(int limit);
}
