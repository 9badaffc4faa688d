namespace CommandCenter.Grains.Kpis;

/// <summary>
/// The name each indicator has in a KPI report (its <see cref="KpiSet"/> field as the API writes it) and the
/// observations behind it: their kind, and for a count made of one outcome (超期处置数 = the late results) that outcome.
/// The one table a click on a figure (GET /api/kpis/cases?kpi=) is read by; <see cref="KpiSet.Of"/> counts the same.
/// </summary>
public static class KpiNames
{
    /// <summary>The observations of <paramref name="Kind"/>; with <paramref name="Only"/>, only those that met it (true) or not (false); its name in Chinese.</summary>
    public sealed record Figure(KpiKind Kind, string Chinese, bool? Only = null);

    private static readonly IReadOnlyDictionary<string, Figure> Figures = new Dictionary<string, Figure>(StringComparer.OrdinalIgnoreCase)
    {
        ["griddedOnTime"] = new(KpiKind.GriddedOnTime, "按时立案率"),
        ["accurateDispatch"] = new(KpiKind.AccurateDispatch, "准确派遣率"),
        ["handledOnTime"] = new(KpiKind.HandledOnTime, "按期处置率"),
        ["closedOnTime"] = new(KpiKind.ClosedOnTime, "按期结案率"),
        ["rework"] = new(KpiKind.Rework, "返工率"),
        ["extension"] = new(KpiKind.Extension, "延期率"),
        ["handlingHours"] = new(KpiKind.HandlingTime, "平均处置时长"),
        ["satisfaction"] = new(KpiKind.Satisfaction, "满意率"),
        ["supervision"] = new(KpiKind.Supervision, "督办次数"),
        ["dispatchedOnTime"] = new(KpiKind.DispatchedOnTime, "按时派遣率"),
        ["verifiedOnTime"] = new(KpiKind.VerifiedOnTime, "按时核查率"),
        ["closure"] = new(KpiKind.Closure, "结案率"),
        ["handled"] = new(KpiKind.Handled, "处置率"),
        ["handledLate"] = new(KpiKind.HandledOnTime, "超期处置数", Only: false),
        ["filed"] = new(KpiKind.GriddedOnTime, "立案数"),
        ["accurateFiling"] = new(KpiKind.AccurateFiling, "准确立案率"),
        ["validReports"] = new(KpiKind.ValidReport, "有效上报率"),
    };

    public static IEnumerable<string> All => Figures.Keys;

    public static Figure? Of(string? name) => name is not null && Figures.TryGetValue(name.Trim(), out var figure) ? figure : null;

    /// <summary>A set's figure of the indicator <paramref name="name"/>: a rate (0–1), a mean, or a count; null with no data.</summary>
    public static double? FigureOf(KpiSet set, string name) => typeof(KpiSet).GetProperties()
        .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.GetValue(set) switch
    {
        KpiRatio r => r.Rate,
        KpiMean m => m.Mean,
        int n => n,
        _ => null,
    };
}
