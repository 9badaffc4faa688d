using System.Runtime.CompilerServices;
using CommandCenter.Grains.Archive;
using CommandCenter.Grains.Incidents;

namespace CommandCenter.Storage;

/// <summary>
/// The ledger every reader sees: the hot ledger, with archived incidents read back from the archive
/// where the hot store no longer has their events. Grains, replay, KPIs and lists need not know where
/// an incident lives. Summaries stay in the hot store, so lists and searches find archived incidents too.
/// </summary>
public sealed class ArchiveReadingLedger(IIncidentLedger hot, IArchiveIndex index, IArchiveStore archive) : IIncidentLedger
{
    public IIncidentLedger Hot => hot;

    /// <summary>Which store the hot ledger is, for the append's span and metrics.</summary>
    private readonly string store = hot switch
    {
        SqliteIncidentLedger => "sqlite",
        RedisIncidentLedger => "redis",
        Postgres.PostgresIncidentLedger => "postgres",
        _ => hot.GetType().Name,
    };

    /// <summary>Every profile's appends pass here: one span and one measurement per durable append, whatever the store.</summary>
    public async Task Append(IReadOnlyList<IncidentEvent> events, IncidentSummary summary)
    {
        if (events.Count == 0) { await hot.Append(events, summary); return; }
        using var span = Telemetry.CenterTraces.LedgerAppend(store, events);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try { await hot.Append(events, summary); }
        catch (Exception e)
        {
            // A conflict or a store down: the trace shows the write failed and why, and no transition is counted.
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Message);
            throw;
        }
        Telemetry.CenterMetrics.Committed(store, events, Telemetry.CenterMetrics.Since(started));
    }

    public async Task<IReadOnlyList<IncidentEvent>> Read(string incidentId)
    {
        var events = await hot.Read(incidentId);
        if (events.Count > 0) return events;
        // Moving to the archive writes the index row and drops the events in one transaction, so an
        // incident missing here is either archived or unknown.
        return await index.Find(incidentId) is { } location ? await archive.Read(location) : events;
    }

    public IAsyncEnumerable<IncidentEvent> ReadWindow(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        Merged(null, hot.ReadWindow(from, to, cancellationToken), from, to, cancellationToken);

    public IAsyncEnumerable<IncidentEvent> ReadWindowOf(IReadOnlySet<string> incidentIds, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        Merged(incidentIds, hot.ReadWindowOf(incidentIds, from, to, cancellationToken), from, to, cancellationToken);

    /// <summary>The hot window with the archived incidents' events of the window merged in, in window order.</summary>
    private async IAsyncEnumerable<IncidentEvent> Merged(IReadOnlySet<string>? incidentIds, IAsyncEnumerable<IncidentEvent> hotWindow,
        DateTimeOffset from, DateTimeOffset to, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var archived = new List<IncidentEvent>();
        foreach (var (id, location) in await index.Overlapping(from, to))
            if (incidentIds is null || incidentIds.Contains(id))
                archived.AddRange((await archive.Read(location, cancellationToken)).Where(e => e.At >= from && e.At < to));
        if (archived.Count == 0)
        {
            await foreach (var e in hotWindow) yield return e;
            yield break;
        }
        archived.Sort(WindowOrder);
        // Both sides are in window order; an incident's events are all on one side.
        var next = 0;
        await foreach (var e in hotWindow)
        {
            while (next < archived.Count && WindowOrder(archived[next], e) < 0) yield return archived[next++];
            yield return e;
        }
        while (next < archived.Count) yield return archived[next++];
    }

    public Task<IncidentPage> Query(IncidentQuery query) => hot.Query(query);

    public IAsyncEnumerable<IncidentSummary> Stream(IncidentQuery query, CancellationToken cancellationToken = default) => hot.Stream(query, cancellationToken);

    // Open incidents are never archived: these read the hot store alone.
    public Task<IReadOnlyList<IncidentSummary>> OpenIn(string gridId, bool subtree = false) => hot.OpenIn(gridId, subtree);

    public Task<IReadOnlyList<IncidentSummary>> OpenAssignedTo(string memberId) => hot.OpenAssignedTo(memberId);

    public Task<IReadOnlyList<IncidentSummary>> OpenNear(string category, double lat, double lon, double radiusMetres, DateTimeOffset since) =>
        hot.OpenNear(category, lat, lon, radiusMetres, since);

    public async Task<IReadOnlyDictionary<string, IncidentReport>> ReportsOf(IReadOnlyCollection<string> incidentIds)
    {
        var reports = new Dictionary<string, IncidentReport>(await hot.ReportsOf(incidentIds));
        foreach (var id in incidentIds.Where(id => !reports.ContainsKey(id)))
            if (await index.Find(id) is { } location && (await archive.Read(location)).FirstOrDefault(e => e.Report is not null)?.Report is { } report)
                reports[id] = report;
        return reports;
    }

    public Task<IReadOnlyList<string>> DueForWake(DateTimeOffset atOrBefore, int limit) => hot.DueForWake(atOrBefore, limit);

    /// <summary>The hot ledger's window order: time, then incident, then sequence.</summary>
    public static int WindowOrder(IncidentEvent a, IncidentEvent b)
    {
        var byTime = a.At.UtcTicks.CompareTo(b.At.UtcTicks);
        if (byTime != 0) return byTime;
        var byIncident = string.CompareOrdinal(a.IncidentId, b.IncidentId);
        return byIncident != 0 ? byIncident : a.Sequence.CompareTo(b.Sequence);
    }
}
