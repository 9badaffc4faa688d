using CommandCenter.Grains.Geography;

namespace CommandCenter.Grains.Incidents;

/// <summary>
/// A report of the same category within a radius and a window of an open incident is the same
/// problem seen again: it joins that incident instead of opening a new case.
/// </summary>
public sealed record DuplicateRule(double RadiusMetres = 50, TimeSpan? Window = null)
{
    public TimeSpan WindowOrDefault => Window ?? TimeSpan.FromHours(24);

    /// <summary>The open incidents of the category a report at the point would duplicate, nearest first, with their distance.</summary>
    public IReadOnlyList<NearbyIncident> Near(string category, double lat, double lon, IEnumerable<IncidentSummary> candidates, DateTimeOffset now) =>
        candidates
            .Where(c => c.IsOpen && c.Category == category && c.Lat is not null && c.Lon is not null && now - c.CreatedAt <= WindowOrDefault)
            .Select(c => new NearbyIncident(c, GeoDistance.Metres(lat, lon, c.Lat!.Value, c.Lon!.Value)))
            .Where(x => x.Metres <= RadiusMetres)
            .OrderBy(x => x.Metres)
            .ToList();

    /// <summary>
    /// "This is the same case": whether a report of <paramref name="category"/> may join the case a person named as the
    /// same, wherever the caller stands: an open case of the same category. Null when it may; otherwise why not. A
    /// call of another kind is a case of its own, and a closed case takes no more reports.
    /// </summary>
    public static string? SameAsProblem(string caseNumber, IncidentState? named, string category) =>
        named is not { IsOpen: true } ? $"No open case has the case number \"{caseNumber}\"."
        : named.Report!.Category != category ? $"Case {named.Id} is of category {named.Report.Category}, not {category}: a call of another kind is a case of its own."
        : null;

    /// <summary>The nearest open incident the report duplicates, or null.</summary>
    public IncidentSummary? Match(IncidentReport report, IEnumerable<IncidentSummary> candidates, DateTimeOffset now) =>
        report.Lat is not { } lat || report.Lon is not { } lon ? null : Near(report.Category, lat, lon, candidates, now).FirstOrDefault()?.Incident;
}

/// <summary>An open incident near a point, and how far.</summary>
public sealed record NearbyIncident(IncidentSummary Incident, double Metres);
