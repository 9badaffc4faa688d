using CommandCenter.Grains.Setup;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Kpis;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Kpis;

/// <summary>
/// Gathers what the KPI rules need from the ledger: the full log, up to the end of the period, of every
/// incident with an event in the period (earlier events are needed to know its grid and deadlines).
/// </summary>
public sealed class KpiDesk(IIncidentLedger ledger, ICityRules rules)
{
    private SlaPolicy policy => rules.Policy;
    private CategoryCatalogue catalogue => rules.Catalogue;

    public async Task<IReadOnlyList<IReadOnlyList<IncidentEvent>>> LogsActiveIn(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<string>();
        await foreach (var e in ledger.ReadWindow(from, to, cancellationToken))
            if (ids.Add(e.IncidentId)) ordered.Add(e.IncidentId);
        var logs = new List<IReadOnlyList<IncidentEvent>>(ordered.Count);
        foreach (var id in ordered)
        {
            // Judged as known at the end of the period: a later return does not rewrite a closed month.
            var events = (await ledger.Read(id)).TakeWhile(e => e.At < to).ToList();
            if (events.Count > 0) logs.Add(events);
        }
        return logs;
    }

    public IReadOnlyList<KpiObservation> Observe(IEnumerable<IReadOnlyList<IncidentEvent>> logs) =>
        logs.SelectMany(log => KpiObserver.Observe(log, policy.Calendar, catalogue)).ToList();

    public async Task<KpiReport> Report(string scope, DateTimeOffset from, DateTimeOffset to, KpiGrouping by, CancellationToken cancellationToken = default) =>
        KpiReport.Of(Observe(await LogsActiveIn(from, to, cancellationToken)), scope, from, to, by);
}
