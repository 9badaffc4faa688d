using CommandCenter.Grains.Setup;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Kpis;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Kpis;

/// <summary>
/// Gathers what the KPI rules need from the ledger: the full log, up to the end of the period, of every
/// incident with an event in the period (earlier events are needed to know its grid and deadlines), and the
/// scoring (composite weights and grade thresholds) configuration gives.
/// </summary>
public sealed class KpiDesk(IIncidentLedger ledger, ICityRules rules, IConfiguration configuration)
{
    /// <summary>
    /// How far before a period the desk also looks for incidents, for 结案率: a case due in the period whose last event came
    /// before it (closed early, or untouched) still counts. Cases further back are not read.
    /// </summary>
    public static readonly TimeSpan DueLookback = TimeSpan.FromDays(31);

    /// <summary>The composite's weights and the grades' thresholds (<c>Kpis:Weights</c>, <c>Kpis:Grades</c>).</summary>
    public KpiScoring Scoring { get; } = KpiScoringSettings.Read(configuration);

    private SlaPolicy policy => rules.Policy;
    private CategoryCatalogue catalogue => rules.Catalogue;

    /// <summary>The logs, up to <paramref name="to"/>, of the incidents with an event in [from − lookback, to).</summary>
    public async Task<IReadOnlyList<IReadOnlyList<IncidentEvent>>> LogsActiveIn(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default,
        TimeSpan lookback = default)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<string>();
        await foreach (var e in ledger.ReadWindow(from - lookback, to, cancellationToken))
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

    /// <summary>
    /// What came in and stood open in the scope over [from, to) (<see cref="ScopeActivity"/>): the logs of the cases with an
    /// event in the window or the look-back before it, and of the cases open now that were reported before it (open all
    /// through it, so no event need fall inside).
    /// </summary>
    public async Task<ScopeActivity> Activity(string scope, bool isCity, DateTimeOffset from, DateTimeOffset to, int maxPoints, CancellationToken cancellationToken = default)
    {
        var logs = (await LogsActiveIn(from, to, cancellationToken, DueLookback)).ToList();
        var known = logs.Select(l => l[0].IncidentId).ToHashSet(StringComparer.Ordinal);
        foreach (var open in await ledger.OpenIn(scope, subtree: true))
        {
            if (known.Contains(open.Id) || open.CreatedAt >= from) continue;
            var events = (await ledger.Read(open.Id)).TakeWhile(e => e.At < to).ToList();
            if (events.Count > 0) logs.Add(events);
        }
        return ScopeActivity.Of(logs, scope, isCity, from, to, policy.Calendar.TimeZone, maxPoints);
    }

    /// <summary>The observations a report of [from, to) counts (read with the look-back a due case needs): the report and the cases behind its figures both come from here.</summary>
    public async Task<IReadOnlyList<KpiObservation>> Observed(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        Observe(await LogsActiveIn(from, to, cancellationToken, DueLookback));

    public async Task<KpiReport> Report(string scope, DateTimeOffset from, DateTimeOffset to, KpiGrouping by, CancellationToken cancellationToken = default) =>
        KpiReport.Of(await Observed(from, to, cancellationToken), scope, from, to, by, Scoring);
}
