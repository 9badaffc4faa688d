using CommandCenter.Grains.Incidents;

namespace CommandCenter.Grains.Sla;

/// <summary>
/// The one SLA light rule. An incident's light comes from the deadline of its step in progress
/// (<see cref="IncidentState.Active"/>): green before the warning instant, yellow from it, red from the
/// deadline. Beyond that:
/// <list type="bullet">
/// <item>No clock runs (closed, cancelled, or no deadline): none.</item>
/// <item>A breached deadline stays red until an event moves it (an approved extension).</item>
/// <item>挂账: a suspended incident's clock is stopped, so its light is frozen as it was at the instant of
/// suspension; past its old deadline it is overdue only if it was already red when it was suspended.</item>
/// <item>A return visit (回访) nobody answers closes itself at its due instant (<see cref="ReturnVisit"/>):
/// its light goes from yellow to none there, never red; the clock's late wake-up does not make it overdue.</item>
/// </list>
/// Every surface asks this rule (views, lists and overdue filters, the wall, replay, reports, exports, KPIs,
/// what-if); stores keep the <see cref="SlaLightCourse"/> it computed and compare instants, nothing more.
/// Instants: the state at t is the fold of the events up to and including t, and the light at t is its course at t.
/// </summary>
public static class SlaLightRule
{
    /// <summary>The light of <paramref name="state"/> from its latest event until its next one.</summary>
    public static SlaLightCourse CourseOf(IncidentState state)
    {
        if (!state.IsOpen || state.Active is not { } active) return SlaLightCourse.Constant(SlaLight.None, state.UpdatedAt);
        var course = CourseOf(active);
        return state.Status == IncidentStatus.Suspended && state.SuspendedAt is { } stopped ? Frozen(course, stopped) : course;
    }

    /// <summary>The light of a deadline while its clock runs (a breached one stays red).</summary>
    public static SlaLightCourse CourseOf(DeadlineRecord record)
    {
        var d = record.Deadline;
        if (record.Breached) return new SlaLightCourse(d.WarnAt, d.DueAt, null);
        return d.Step == SlaStep.Evaluate
            ? new SlaLightCourse(d.WarnAt, null, ReturnVisit.ClosesAt(d))
            : new SlaLightCourse(d.WarnAt, d.DueAt, null);
    }

    /// <summary>A running deadline's own light at <paramref name="at"/>, before anything was recorded on it.</summary>
    public static SlaLight LightOf(SlaDeadline deadline, DateTimeOffset at) => CourseOf(new DeadlineRecord(deadline, false, false, null)).At(at);

    /// <summary>The incident's light at <paramref name="at"/>, for a state folded up to that instant (or the current state and now).</summary>
    public static SlaLight LightAt(IncidentState state, DateTimeOffset at) => CourseOf(state).At(at);

    /// <summary>Overdue at <paramref name="at"/>: the incident's light is red then.</summary>
    public static bool IsOverdueAt(IncidentState state, DateTimeOffset at) => CourseOf(state).IsOverdueAt(at);

    /// <summary>
    /// The light one deadline of the incident's record (a step's or a sub-task's) shows at <paramref name="at"/>:
    /// the step in progress as the incident's, an ended one as it stood just before it ended, a running
    /// sub-task's by its own instants (frozen too while the incident is suspended).
    /// </summary>
    public static SlaLight LightOf(IncidentState state, DeadlineRecord record, DateTimeOffset at)
    {
        if (record == state.Active) return LightAt(state, at);
        if (record.EndedAt is { } ended) return CourseOf(record).WorstBefore(ended);
        var course = CourseOf(record);
        if (state.Status == IncidentStatus.Suspended && state.SuspendedAt is { } stopped) course = Frozen(course, stopped);
        return state.IsOpen ? course.At(at) : SlaLight.None;
    }

    // The clock stopped at the suspension: the instants still ahead of it never come while it is stopped.
    private static SlaLightCourse Frozen(SlaLightCourse course, DateTimeOffset stopped)
    {
        static DateTimeOffset? UpTo(DateTimeOffset? instant, DateTimeOffset stop) => instant <= stop ? instant : null;
        return new SlaLightCourse(UpTo(course.YellowFrom, stopped), UpTo(course.RedFrom, stopped), UpTo(course.NoneFrom, stopped));
    }
}
