using CommandCenter.Grains.Geography;

namespace CommandCenter.Grains.Incidents;

/// <summary>
/// A report of the same category within a radius and a window of an open incident is the same
/// problem seen again: it joins that incident instead of opening a new case.
/// </summary>
public sealed record DuplicateRule(double RadiusMetres = 50, TimeSpan? Window = null)
{
    public TimeSpan WindowOrDefault => Window ?? TimeSpan.FromHours(24);

    /// <summary>The nearest open incident the report duplicates, or null.</summary>
    public IncidentSummary? Match(IncidentReport report, IEnumerable<IncidentSummary> candidates, DateTimeOffset now) =>
        report.Lat is not { } lat || report.Lon is not { } lon
            ? null
            : candidates
                .Where(c => c.IsOpen && c.Category == report.Category && c.Lat is not null && c.Lon is not null && now - c.CreatedAt <= WindowOrDefault)
                .Select(c => (Incident: c, Metres: GeoDistance.Metres(lat, lon, c.Lat!.Value, c.Lon!.Value)))
                .Where(x => x.Metres <= RadiusMetres)
                .OrderBy(x => x.Metres)
                .Select(x => x.Incident)
                .FirstOrDefault();
}
