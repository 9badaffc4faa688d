namespace CommandCenter.Grains.Incidents;

/// <summary>One incident, keyed by its case number. Every answer comes after its events are durable.</summary>
public interface IIncidentGrain : IGrainWithStringKey
{
    Task<ActionOutcome> Open(IncidentReport report, GridPlacement? placement, Actor actor);
    Task<ActionOutcome> Act(IncidentCommand command, Actor actor);

    /// <summary>Attaches a duplicate report (refused when the incident is no longer open).</summary>
    Task<ActionOutcome> Link(IncidentReport report, Actor actor);
    Task<IncidentState?> GetState();
    Task<IReadOnlyList<IncidentEvent>> GetEvents();

    /// <summary>The SLA clock's tick (timer, reminder, or re-arm after a restart). Idempotent.</summary>
    Task Wake();
}
