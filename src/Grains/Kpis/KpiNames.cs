namespace CommandCenter.Grains.Kpis;

/// <summary>
/// The name each indicator has in a KPI report (its <see cref="KpiSet"/> field as the API writes it) and the kind of
/// observation it counts: the one table a click on a figure (GET /api/kpis/cases?kpi=) is read by.
/// </summary>
public static class KpiNames
{
    private static readonly IReadOnlyDictionary<string, KpiKind> Kinds = new Dictionary<string, KpiKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["griddedOnTime"] = KpiKind.GriddedOnTime,
        ["accurateDispatch"] = KpiKind.AccurateDispatch,
        ["handledOnTime"] = KpiKind.HandledOnTime,
        ["closedOnTime"] = KpiKind.ClosedOnTime,
        ["rework"] = KpiKind.Rework,
        ["extension"] = KpiKind.Extension,
        ["handlingHours"] = KpiKind.HandlingTime,
        ["satisfaction"] = KpiKind.Satisfaction,
        ["supervision"] = KpiKind.Supervision,
    };

    public static IEnumerable<string> All => Kinds.Keys;

    public static KpiKind? KindOf(string? name) => name is not null && Kinds.TryGetValue(name.Trim(), out var kind) ? kind : null;
}
