namespace CommandCenter.Grains.Inspections;

/// <summary>双随机: one inspection drawn at random: a random supervisor checks a random incident on site.</summary>
[GenerateSerializer, Alias("InspectionTask")]
public sealed record InspectionTask(
    [property: Id(0)] string Id,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] string InspectorId,
    [property: Id(3)] string InspectorName,
    [property: Id(4)] string IncidentId,
    [property: Id(5)] string? GridId,
    [property: Id(6)] string IncidentState,
    [property: Id(7)] DateTimeOffset DrawnAt,
    [property: Id(8)] int PoolOfInspectors,
    [property: Id(9)] int PoolOfIncidents);
