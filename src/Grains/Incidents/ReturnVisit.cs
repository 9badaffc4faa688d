using CommandCenter.Grains.Sla;

namespace CommandCenter.Grains.Incidents;

/// <summary>
/// 回访: a return visit nobody answers is closed by the SLA clock. The rule: it closes at its due instant.
/// The instants decide, not when the clock happened to wake (a timer fires a few milliseconds late, or
/// hours late after a restart), so such a visit is never late (按期结案率), never overdue, and its
/// step ends exactly at its deadline. The clock's close event is still written when the clock wakes;
/// the fold ends the step at the due instant (<see cref="EndedAt"/>), and every reader sees that.
/// </summary>
public static class ReturnVisit
{
    /// <summary>When an unanswered visit under <paramref name="deadline"/> closes by itself.</summary>
    public static DateTimeOffset ClosesAt(SlaDeadline deadline) => deadline.DueAt;

    /// <summary>Whether <paramref name="e"/> is the clock closing an unanswered visit (no satisfaction, written by the system).</summary>
    public static bool IsClosedByClock(IncidentEvent e) =>
        e.Action == IncidentAction.Evaluate && e.Satisfaction is null && e.ActorRole == Actor.SystemRole;

    /// <summary>
    /// The instant <paramref name="e"/> ends the step in progress: its own instant, except the clock's close of an
    /// unanswered visit, which takes effect at the visit's due instant (never later than the event itself).
    /// </summary>
    public static DateTimeOffset EndedAt(IncidentEvent e, DeadlineRecord? active) =>
        IsClosedByClock(e) && active is { Deadline.Step: SlaStep.Evaluate } visit && ClosesAt(visit.Deadline) < e.At
            ? ClosesAt(visit.Deadline)
            : e.At;
}
