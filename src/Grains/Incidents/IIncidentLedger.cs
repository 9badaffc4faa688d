namespace CommandCenter.Grains.Incidents;

/// <summary>
/// The append-only record of every incident's events, plus the summary row that lists read.
/// An append is durable when its task completes; events and summary land together or not at all.
/// Each storage profile provides one (SQLite in the embedded profile).
/// </summary>
public interface IIncidentLedger
{
    /// <summary>Appends events that continue the incident's sequence; throws <see cref="LedgerConflictException"/> if another writer got there first.</summary>
    Task Append(IReadOnlyList<IncidentEvent> events, IncidentSummary summary);

    Task<IReadOnlyList<IncidentEvent>> Read(string incidentId);

    /// <summary>The reports as first given (the Report event) of these incidents; unknown ids are left out.</summary>
    Task<IReadOnlyDictionary<string, IncidentReport>> ReportsOf(IReadOnlyCollection<string> incidentIds);

    /// <summary>Events of all incidents with from ≤ at &lt; to, in time order (then incident, then sequence).</summary>
    IAsyncEnumerable<IncidentEvent> ReadWindow(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="ReadWindow"/> for these incidents only (one town's replay). A store that can look events
    /// up by incident does so; the default reads the whole window and skips the others.
    /// </summary>
    async IAsyncEnumerable<IncidentEvent> ReadWindowOf(IReadOnlySet<string> incidentIds, DateTimeOffset from, DateTimeOffset to,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in ReadWindow(from, to, cancellationToken))
            if (incidentIds.Contains(e.IncidentId)) yield return e;
    }

    Task<IncidentPage> Query(IncidentQuery query);

    /// <summary>
    /// Every incident the query selects, newest first as <see cref="Query"/> orders them (its Offset and Limit aside), read a page
    /// at a time as the caller takes them, with no count: an export of a city's year never sits in memory. A store that can walk
    /// its index from where the last page ended does so; the default pages through <see cref="Query"/>.
    /// </summary>
    async IAsyncEnumerable<IncidentSummary> Stream(IncidentQuery query,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        const int page = 500;
        for (var offset = 0; ; offset += page)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var found = await Query(query with { Offset = offset, Limit = page });
            foreach (var s in found.Items) yield return s;
            if (found.Items.Count < page) yield break;
        }
    }

    /// <summary>Open incidents located in this grid (with <paramref name="subtree"/>: or anywhere below it).</summary>
    Task<IReadOnlyList<IncidentSummary>> OpenIn(string gridId, bool subtree = false);

    /// <summary>Open incidents of a category reported since an instant, roughly within a radius (callers measure exactly).</summary>
    Task<IReadOnlyList<IncidentSummary>> OpenNear(string category, double lat, double lon, double radiusMetres, DateTimeOffset since);

    /// <summary>Open incidents assigned to a member: its workload.</summary>
    Task<IReadOnlyList<IncidentSummary>> OpenAssignedTo(string memberId);

    /// <summary>Open incidents whose SLA clock needs a look at or before the given instant (for re-arming after a restart).</summary>
    Task<IReadOnlyList<string>> DueForWake(DateTimeOffset atOrBefore, int limit);
}

public sealed class LedgerConflictException(string message) : Exception(message);
