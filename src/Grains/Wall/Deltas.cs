using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;

namespace CommandCenter.Grains.Wall;

/// <summary>Builds the wall's pictures of incidents.</summary>
public static class Deltas
{
    public static IncidentDelta Of(IncidentSummary s) => new(
        s.Id, s.Version, IncidentSteps.Word(s.Status), s.Step, s.Category, PriorityWords.Of(s.Priority), s.Lat, s.Lon, s.GridId, s.AssigneeId,
        s.ActiveStep?.ToString().ToLowerInvariant(), s.WarnAt, s.DueAt, s.Breached, s.Warned, s.Rung.ToString(), s.IsOpen, s.CreatedAt, s.UpdatedAt,
        s.Light.YellowFrom, s.Light.RedFrom, s.Light.NoneFrom, s.AlertAcknowledgedBy, s.AlertAcknowledgedAt);

    public static SlaAlert? AlertOf(IncidentEvent e, IncidentSummary s) => e.Action switch
    {
        IncidentAction.Warn => new SlaAlert(s.Id, "warning", e.Step?.ToString().ToLowerInvariant() ?? "", s.Rung.ToString(), e.At, s.GridId, s.AssigneeId, s.DueAt),
        IncidentAction.Escalate => new SlaAlert(s.Id, "breach", e.Step?.ToString().ToLowerInvariant() ?? "", s.Rung.ToString(), e.At, s.GridId, s.AssigneeId, s.DueAt),
        _ => null,
    };
}
