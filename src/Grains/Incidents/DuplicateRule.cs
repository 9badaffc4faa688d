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

    /// <summary>The nearest open incident the report duplicates, or null.</summary>
    public IncidentSummary? Match(IncidentReport report, IEnumerable<IncidentSummary> candidates, DateTimeOffset now) =>
        report.Lat is not { } lat || report.Lon is not { } lon ? null : Near(report.Category, lat, lon, candidates, now).FirstOrDefault()?.Incident;
}

/// <summary>An open incident near a point, and how far.</summary>
public sealed record NearbyIncident(IncidentSummary Incident, double Metres);
