using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Replay;

/// <summary>An incident as the wall showed it at one instant: where it stood and its SLA light.</summary>
public sealed record IncidentAt(
    string Id, string State, int Step, string Category, string Priority, string Channel, string? GridId, IReadOnlyList<string> GridChain,
    string? AssigneeId, double? Lat, double? Lon, string Light, string? ActiveStep, DateTimeOffset? WarnAt, DateTimeOffset? DueAt,
    bool Breached, string Escalation, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version)
{
    public static IncidentAt Of(IncidentState s, SlaPolicy policy, DateTimeOffset at) => new(
        s.Id, IncidentSteps.Word(s.Status), s.Step, s.Report!.Category, PriorityWords.Of(s.Report.Priority), s.Report.Channel,
        s.Placement?.GridId, s.Placement?.Chain ?? [], s.AssigneeId, s.Report.Lat, s.Report.Lon,
        SlaLightWords.Word(SlaLightRule.LightAt(s, at)),
        s.Active?.Deadline.Step.ToString().ToLowerInvariant(), s.Active?.Deadline.WarnAt, s.Active?.Deadline.DueAt,
        s.Active?.Breached ?? false, s.Rung.ToString(), s.CreatedAt, s.UpdatedAt, s.Version);
}
