namespace CommandCenter.Grains.Incidents;

/// <summary>What the reporter told us, kept as given.</summary>
[GenerateSerializer, Alias("IncidentReport")]
public sealed record IncidentReport(
    [property: Id(0)] string Category,
    [property: Id(1)] Catalogue.Priority Priority,
    [property: Id(2)] string Description,
    [property: Id(3)] string Channel,
    [property: Id(4)] double? Lat,
    [property: Id(5)] double? Lon,
    [property: Id(6)] string? Address = null,
    [property: Id(7)] string? ReporterName = null,
    [property: Id(8)] string? ReporterPhone = null,
    [property: Id(9)] IReadOnlyList<string>? Photos = null);

/// <summary>Where an incident was located: its grid, the chain up to the city, and whether the town is urban or rural.</summary>
[GenerateSerializer, Alias("GridPlacement")]
public sealed record GridPlacement(
    [property: Id(0)] string GridId,
    [property: Id(1)] IReadOnlyList<string> Chain,
    [property: Id(2)] Sla.GridArea Area);
