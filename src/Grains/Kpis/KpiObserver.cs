using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Grains.Kpis;

/// <summary>
/// Reads the KPI observations off one incident's ledger. Pure: the ledger, the working calendar (for
/// handling time) and the catalogue (for the platform) go in, observations come out. A step is on time
/// when it ended no later than the deadline in force at that moment (extensions and suspensions
/// included): the instants decide, not whether the clock happened to wake, so a what-if under another
/// policy is judged the same way. A return visit the clock closed ends at its due instant (<see cref="ReturnVisit"/>).
/// </summary>
public static class KpiObserver
{
    // Supervision (督办) is another engineer's action; counted as soon as the lifecycle has it.
    private static readonly IncidentAction? Supervise =
        Enum.TryParse<IncidentAction>("Supervise", out var action) ? action : null;

    public static IReadOnlyList<KpiObservation> Observe(IReadOnlyList<IncidentEvent> events, WorkingCalendar calendar, CategoryCatalogue catalogue)
    {
        var found = new List<KpiObservation>();
        if (events.Count == 0) return found;
        var state = new IncidentState();
        // The latest dispatch still open to being returned: its observation and its member.
        (int Index, string? Member)? pendingDispatch = null;

        foreach (var e in events)
        {
            var activeBefore = state.Active;
            var assigneeBefore = state.AssigneeId;
            state.Apply(e);
            var chain = state.Placement?.Chain ?? [];
            var platform = state.Report is { } report ? catalogue.Find(report.Category)?.Platform : null;
            // A step ends when the event says, except a return visit the clock closed: that one closes at its due instant.
            var endedAt = ReturnVisit.EndedAt(e, activeBefore);
            void Add(KpiKind kind, string? member, double value) => found.Add(new KpiObservation(kind, e.IncidentId, endedAt, chain, member, platform, value));
            static double Hit(bool yes) => yes ? 1 : 0;

            switch (e.Action)
            {
                case IncidentAction.Locate:
                    Add(KpiKind.GriddedOnTime, null, Hit(EndedInTime(activeBefore, SlaStep.Grid, e.At)));
                    break;
                case IncidentAction.Dispatch:
                    Add(KpiKind.AccurateDispatch, e.MemberId, 1);
                    pendingDispatch = (found.Count - 1, e.MemberId);
                    break;
                case IncidentAction.Return:
                    if (pendingDispatch is { } sent && sent.Member == e.MemberId)
                        found[sent.Index] = found[sent.Index] with { Value = 0 };
                    pendingDispatch = null;
                    break;
                case IncidentAction.Resolve:
                    Add(KpiKind.HandledOnTime, assigneeBefore, Hit(EndedInTime(activeBefore, SlaStep.Handle, e.At)));
                    if (activeBefore is { Deadline.Step: SlaStep.Handle } handling)
                        Add(KpiKind.HandlingTime, assigneeBefore, calendar.WorkingTimeBetween(handling.Deadline.StartedAt, e.At).TotalHours);
                    break;
                case IncidentAction.Verify:
                    Add(KpiKind.Rework, state.AssigneeId, Hit(e.Passed == false));
                    break;
                case IncidentAction.Evaluate:
                    Add(KpiKind.ClosedOnTime, state.AssigneeId, Hit(state.History.All(d => d.EndedAt is { } end && end <= d.Deadline.DueAt)));
                    Add(KpiKind.Extension, state.AssigneeId, Hit(state.Extensions > 0));
                    if (e.Satisfaction is { } satisfaction) Add(KpiKind.Satisfaction, state.AssigneeId, Hit(satisfaction >= 4));
                    break;
            }
            if (Supervise is { } supervise && e.Action == supervise)
                Add(KpiKind.Supervision, state.AssigneeId, 1);
        }
        return found;
    }

    /// <summary>Whether the step's deadline in force was met by the instant the step ended; a step without a clock counts as met.</summary>
    private static bool EndedInTime(DeadlineRecord? active, SlaStep step, DateTimeOffset endedAt) =>
        active is not { } record || record.Deadline.Step != step || endedAt <= record.Deadline.DueAt;
}
