namespace CommandCenter.Grains.Grids;

/// <summary>One grid of the hierarchy, keyed by grid id: its team and (with incidents) its open work.</summary>
public interface IGridGrain : IGrainWithStringKey
{
    Task AddMembers(IReadOnlyList<string> memberIds);
    Task RemoveMember(string memberId);
    Task<IReadOnlyList<string>> GetMemberIds();

    /// <summary>Keeps the open-incident index in step: open incidents are upserted, closed ones dropped.</summary>
    Task TrackIncident(Incidents.IncidentSummary summary);

    Task<GridIncidents> GetOpenIncidents();
}

/// <summary>A grid's open work and its counters.</summary>
[GenerateSerializer, Alias("GridIncidents")]
public sealed record GridIncidents(
    [property: Id(0)] string GridId,
    [property: Id(1)] int Open,
    [property: Id(2)] int Overdue,
    [property: Id(3)] IReadOnlyList<Incidents.IncidentSummary> Incidents);
