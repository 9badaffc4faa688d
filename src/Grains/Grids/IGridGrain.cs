namespace CommandCenter.Grains.Grids;

/// <summary>One grid of the hierarchy, keyed by grid id: its team and (with incidents) its open work.</summary>
public interface IGridGrain : IGrainWithStringKey
{
    Task AddMembers(IReadOnlyList<string> memberIds);
    Task RemoveMember(string memberId);
    Task<IReadOnlyList<string>> GetMemberIds();

    /// <summary>Keeps the grid's SLA clock in step: an open incident's next wake is set, a closed one's dropped.</summary>
    Task TrackIncident(Incidents.IncidentSummary summary);

    /// <summary>The grid's open incidents (from the ledger) with its counters.</summary>
    Task<GridIncidents> GetOpenIncidents();

    /// <summary>Brings the grid's clock into memory, armed (after a restart of a profile whose reminders are in memory).</summary>
    Task Watch();

    /// <summary>When the grid's clock will next wake this incident (null: it watches no clock of it).</summary>
    Task<DateTimeOffset?> NextWakeOf(string incidentId);
}

/// <summary>A grid's open work and its counters.</summary>
[GenerateSerializer, Alias("GridIncidents")]
public sealed record GridIncidents(
    [property: Id(0)] string GridId,
    [property: Id(1)] int Open,
    [property: Id(2)] int Overdue,
    [property: Id(3)] IReadOnlyList<Incidents.IncidentSummary> Incidents);
