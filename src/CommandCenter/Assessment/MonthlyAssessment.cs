using CommandCenter.Grains.Setup;
using System.Globalization;
using CommandCenter.Grains.Assessment;
using CommandCenter.Grains.Dossiers;
using CommandCenter.Grains.Kpis;
using CommandCenter.Grains.Sla;
using CommandCenter.Kpis;

namespace CommandCenter.Assessment;

/// <summary>
/// 评后考核 → 考核入档, monthly: scores every member and grid with work in the month from the month's
/// KPIs (<see cref="AssessmentScore"/>, weights from configuration) and writes one entry per period
/// into each dossier. Re-running a month replaces its entries.
/// </summary>
public sealed class MonthlyAssessment(KpiDesk kpis, IGrainFactory grains, ICityRules rules, AssessmentWeights weights, TimeProvider clock)
{
    private SlaPolicy policy => rules.Policy;

    public sealed record Result(string Period, DateTimeOffset From, DateTimeOffset To, int Members, int Grids);

    /// <summary>The month (yyyy-MM, the city's calendar) the clock is in.</summary>
    public string CurrentPeriod() => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), policy.Calendar.TimeZone).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public string PreviousPeriod()
    {
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), policy.Calendar.TimeZone);
        return new DateTime(local.Year, local.Month, 1).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    public static bool TryPeriod(string text, out DateOnly firstDay) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out firstDay);

    public async Task<Result> Run(string period, CancellationToken cancellationToken = default)
    {
        if (!TryPeriod(period, out var first)) throw new ArgumentException($"\"{period}\" is not a month written yyyy-MM.", nameof(period));
        var (from, _) = Reports.DailyReport.LocalDay(first, policy.Calendar.TimeZone);
        var (to, _) = Reports.DailyReport.LocalDay(first.AddMonths(1), policy.Calendar.TimeZone);
        var observations = kpis.Observe(await kpis.LogsActiveIn(from, to, cancellationToken, KpiDesk.DueLookback));
        var now = clock.GetUtcNow();

        var members = KpiReport.ByMember(observations, from, to);
        var gridSets = KpiReport.BySubtree(observations, from, to);
        await Task.WhenAll(members.Select(m => grains.GetGrain<IDossierGrain>(DossierGrain.MemberKey(m.Key))
            .Record(new DossierEntry(period, from, to, AssessmentScore.Of(m.Value, weights), m.Value, now))));
        await Task.WhenAll(gridSets.Select(g => grains.GetGrain<IDossierGrain>(DossierGrain.GridKey(g.Key))
            .Record(new DossierEntry(period, from, to, AssessmentScore.Of(g.Value, weights), g.Value, now))));
        return new Result(period, from, to, members.Count, gridSets.Count);
    }
}
