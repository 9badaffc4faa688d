namespace CommandCenter.Grains.Kpis;

/// <summary>
/// The name each indicator has in a KPI report (its <see cref="KpiSet"/> field as the API writes it) and the
/// observations behind it: their kind, and for a count made of one outcome (超期处置数 = the late results) that outcome.
/// The one table a click on a figure (GET /api/kpis/cases?kpi=) is read by; <see cref="KpiSet.Of"/> counts the same.
/// </summary>
public static class KpiNames
{
    /// <summary>The observations of <paramref name="Kind"/>; with <paramref name="Only"/>, only those that met it (true) or not (false).</summary>
    public sealed record Figure(KpiKind Kind, bool? Only = null);

    private static readonly IReadOnlyDictionary<string, Figure> Figures = new Dictionary<string, Figure>(StringComparer.OrdinalIgnoreCase)
    {
        ["griddedOnTime"] = new(KpiKind.GriddedOnTime),
        ["accurateDispatch"] = new(KpiKind.AccurateDispatch),
        ["handledOnTime"] = new(KpiKind.HandledOnTime),
        ["closedOnTime"] = new(KpiKind.ClosedOnTime),
        ["rework"] = new(KpiKind.Rework),
        ["extension"] = new(KpiKind.Extension),
        ["handlingHours"] = new(KpiKind.HandlingTime),
        ["satisfaction"] = new(KpiKind.Satisfaction),
        ["supervision"] = new(KpiKind.Supervision),
        ["dispatchedOnTime"] = new(KpiKind.DispatchedOnTime),
        ["verifiedOnTime"] = new(KpiKind.VerifiedOnTime),
        ["closure"] = new(KpiKind.Closure),
        ["handled"] = new(KpiKind.Handled),
        ["handledLate"] = new(KpiKind.HandledOnTime, Only: false),
        ["filed"] = new(KpiKind.GriddedOnTime),
        ["accurateFiling"] = new(KpiKind.AccurateFiling),
        ["validReports"] = new(KpiKind.ValidReport),
    };

    public static IEnumerable<string> All => Figures.Keys;

    public static Figure? Of(string? name) => name is not null && Figures.TryGetValue(name.Trim(), out var figure) ? figure : null;
}
