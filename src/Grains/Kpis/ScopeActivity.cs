using CommandCenter.Grains.Incidents;

namespace CommandCenter.Grains.Kpis;

/// <summary>A count under a key (a category code, a channel).</summary>
public sealed record ActivityCount(string Key, int Count);

/// <summary>How many cases of a grid stood open at the end of a day.</summary>
public sealed record BacklogPoint(DateOnly Day, string Grid, int Open);

/// <summary>
/// What came in and what stood open in a scope over a window, for the supervisor's charts: reports by category, by
/// channel and by hour of the day (the city's hours), the backlog of each grid just below the scope at the end of every
/// day, and the reported positions for a heat map. Counted from the cases' ledgers alone (pure: logs and instants in).
/// </summary>
public sealed record ScopeActivity(
    int Reports,
    IReadOnlyList<ActivityCount> ByCategory,
    IReadOnlyList<ActivityCount> ByChannel,
    IReadOnlyList<int> ByHour,
    IReadOnlyList<BacklogPoint> Backlog,
    IReadOnlyList<double[]> Points)
{
    /// <param name="logs">Each case's events from its report, up to the window's end.</param>
    /// <param name="isCity">The scope is the whole city: a case not located to any grid still counts there.</param>
    /// <param name="maxPoints">The heat map's positions at most (the newest reports first), so a year's answer stays small.</param>
    public static ScopeActivity Of(IEnumerable<IReadOnlyList<IncidentEvent>> logs, string scope, bool isCity, DateTimeOffset from, DateTimeOffset to,
        TimeZoneInfo zone, int maxPoints)
    {
        var categories = new Dictionary<string, int>(StringComparer.Ordinal);
        var channels = new Dictionary<string, int>(StringComparer.Ordinal);
        var hours = new int[24];
        var points = new List<(DateTimeOffset At, double[] Point)>();
        var spans = new List<(string Grid, DateTimeOffset Opened, DateTimeOffset? Closed)>();
        var reports = 0;
        foreach (var log in logs)
        {
            var state = new IncidentState();
            DateTimeOffset? opened = null, closed = null;
            foreach (var e in log)
            {
                state.Apply(e);
                if (opened is null && state.IsOpen) opened = e.At;
                else if (opened is not null && closed is null && !state.IsOpen) closed = e.At;
                else if (closed is not null && state.IsOpen) closed = null; // reopened (a failed check of a closed case)
            }
            if (state.Report is not { } report || opened is null) continue;
            var chain = state.Placement?.Chain;
            if (!isCity && (chain is null || !chain.Contains(scope))) continue;
            var grid = GridBelow(chain, scope) ?? scope;
            spans.Add((grid, opened.Value, closed));
            if (state.CreatedAt < from || state.CreatedAt >= to) continue;
            reports++;
            categories[report.Category] = categories.GetValueOrDefault(report.Category) + 1;
            channels[report.Channel] = channels.GetValueOrDefault(report.Channel) + 1;
            hours[TimeZoneInfo.ConvertTime(state.CreatedAt, zone).Hour]++;
            if (report.Lat is { } lat && report.Lon is { } lon) points.Add((state.CreatedAt, [Math.Round(lon, 5), Math.Round(lat, 5)]));
        }

        var backlog = new List<BacklogPoint>();
        var firstDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime);
        var lastDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to.AddTicks(-1), zone).DateTime);
        for (var day = firstDay; day <= lastDay; day = day.AddDays(1))
        {
            var end = Midnight(day.AddDays(1), zone);
            if (end > to) end = to;
            foreach (var group in spans.Where(s => s.Opened < end && (s.Closed is null || s.Closed >= end)).GroupBy(s => s.Grid, StringComparer.Ordinal))
                backlog.Add(new BacklogPoint(day, group.Key, group.Count()));
        }

        return new ScopeActivity(reports,
            categories.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new ActivityCount(c.Key, c.Value)).ToList(),
            channels.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => new ActivityCount(c.Key, c.Value)).ToList(),
            hours,
            backlog.OrderBy(b => b.Day).ThenBy(b => b.Grid, StringComparer.Ordinal).ToList(),
            points.OrderByDescending(p => p.At).Take(maxPoints).Select(p => p.Point).ToList());
    }

    /// <summary>The grid of the chain just below the scope (the chain runs deepest first up to the city), as the KPI report groups by grid.</summary>
    private static string? GridBelow(IReadOnlyList<string>? chain, string scope)
    {
        if (chain is null) return null;
        for (var i = 1; i < chain.Count; i++) if (chain[i] == scope) return chain[i - 1];
        return null;
    }

    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone), TimeSpan.Zero);
}
