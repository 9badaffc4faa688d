using CommandCenter.Grains.Catalogue;

namespace CommandCenter.Grains.Kpis;

/// <summary>
/// One countable fact read off an incident's ledger: at this instant, for this grid chain, member and
/// platform, this indicator scored <see cref="Value"/> (1 or 0 for a rate, hours for handling time,
/// 1 for a count). KPIs are sums of observations. <see cref="Reporter"/> and <see cref="Channel"/> are the
/// incident's report's (for a duplicate linked to it: the duplicate's), so every KPI can be grouped by them.
/// </summary>
public sealed record KpiObservation(
    KpiKind Kind, string IncidentId, DateTimeOffset At, IReadOnlyList<string> GridChain, string? MemberId, Platform? Platform, double Value,
    string? Reporter = null, string? Channel = null);
