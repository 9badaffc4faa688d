using CommandCenter.Grains.Catalogue;

namespace CommandCenter.Grains.Kpis;

/// <summary>
/// One countable fact read off an incident's ledger: at this instant, for this grid chain, member and
/// platform, this indicator scored <see cref="Value"/> (1 or 0 for a rate, hours for handling time,
/// 1 for a count). KPIs are sums of observations.
/// </summary>
public sealed record KpiObservation(
    KpiKind Kind, string IncidentId, DateTimeOffset At, IReadOnlyList<string> GridChain, string? MemberId, Platform? Platform, double Value);
