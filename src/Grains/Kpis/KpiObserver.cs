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
/// Some observations are settled by later events of the same ledger (a return makes a dispatch inaccurate,
/// a cancel makes a report invalid, a result makes a dispatched case handled): the ledger given is read as
/// far as it goes, which for a period is up to its end (docs/kpis.md).
/// </summary>
public static class KpiObserver
{
    // Supervision (督办) is another engineer's action; counted as soon as the lifecycle has it.
    private static readonly IncidentAction? Supervise =
        Enum.TryParse<IncidentAction>("Supervise", out var action) ? action : null;

    public static IReadOnlyList<KpiObservation> Observe(IReadOnlyList<IncidentEvent> events, WorkingCalendar calendar, CategoryCatalogue catalogue)
    {
        var found = new List<KpiObservation?>();
        if (events.Count == 0) return [];
        var state = new IncidentState();
        // The latest dispatch still open to being returned: its observation and its member.
        (int Index, string? Member)? pendingDispatch = null;
        // Observations later events settle: the report's validity, the filing's accuracy, whether the dispatched case was handled.
        int? report = null, filing = null, handled = null;
        string? resolvedBy = null;
        var resolved = false;
        var closed = false;
        var links = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var e in events)
        {
            var activeBefore = state.Active;
            var assigneeBefore = state.AssigneeId;
            var task = e.TaskId is { } taskId ? state.SubTasks.FirstOrDefault(t => t.TaskId == taskId) : null;
            state.Apply(e);
            var chain = state.Placement?.Chain ?? [];
            var platform = state.Report is { } incidentReport ? catalogue.Find(incidentReport.Category)?.Platform : null;
            // A step ends when the event says, except a return visit the clock closed: that one closes at its due instant.
            var endedAt = ReturnVisit.EndedAt(e, activeBefore);
            int Add(KpiKind kind, string? member, double value, Platform? of = null)
            {
                found.Add(new KpiObservation(kind, e.IncidentId, endedAt, chain, member, of ?? platform, value, state.ReportedBy, state.Report?.Channel));
                return found.Count - 1;
            }
            void Settle(int? index, double value)
            {
                if (index is { } i && found[i] is { } o) found[i] = o with { Value = value };
            }
            static double Hit(bool yes) => yes ? 1 : 0;

            switch (e.Action)
            {
                case IncidentAction.Report:
                    report = Add(KpiKind.ValidReport, null, 1);
                    break;
                case IncidentAction.Locate:
                    Add(KpiKind.GriddedOnTime, null, Hit(EndedInTime(activeBefore, SlaStep.Grid, e.At)));
                    filing = Add(KpiKind.AccurateFiling, null, 1);
                    break;
                case IncidentAction.Dispatch or IncidentAction.Split:
                    if (e.Action == IncidentAction.Dispatch)
                    {
                        Add(KpiKind.AccurateDispatch, e.MemberId, 1);
                        pendingDispatch = (found.Count - 1, e.MemberId);
                    }
                    // A re-dispatch of work already dispatched ends no dispatch step: only the dispatch that ends one is judged.
                    if (activeBefore is { Deadline.Step: SlaStep.Dispatch })
                        Add(KpiKind.DispatchedOnTime, e.MemberId, Hit(EndedInTime(activeBefore, SlaStep.Dispatch, e.At)));
                    handled ??= Add(KpiKind.Handled, e.MemberId, 0);
                    break;
                case IncidentAction.Return:
                    if (pendingDispatch is { } sent && sent.Member == e.MemberId) Settle(sent.Index, 0);
                    pendingDispatch = null;
                    Settle(filing, 0);
                    break;
                case IncidentAction.Cancel:
                    Settle(report, 0);
                    Settle(filing, 0);
                    break;
                case IncidentAction.Link:
                    // A duplicate report: a report that did not become a case of its own.
                    found.Add(new KpiObservation(KpiKind.ValidReport, e.IncidentId, e.At, chain, null, platform, 0, e.Actor, e.Report?.Channel));
                    if (e.LinkId is { } linkId) links[linkId] = found.Count - 1;
                    break;
                case IncidentAction.Unlink:
                    // The report became a case of its own, whose ledger counts it: it is not a duplicate after all.
                    if (e.LinkId is { } unlinked && links.Remove(unlinked, out var index)) found[index] = null;
                    break;
                case IncidentAction.Resolve:
                    // A sub-task's result belongs to its member and its platform (专业部门); the incident's handling deadline judges it.
                    var by = task?.MemberId ?? assigneeBefore;
                    Add(KpiKind.HandledOnTime, by, Hit(EndedInTime(activeBefore, SlaStep.Handle, e.At)), task?.Platform);
                    if (activeBefore is { Deadline.Step: SlaStep.Handle } handling)
                        Add(KpiKind.HandlingTime, by, calendar.WorkingTimeBetween(handling.Deadline.StartedAt, e.At).TotalHours, task?.Platform);
                    if (e.To == IncidentStatus.Handled && !resolved)
                    {
                        resolved = true;
                        resolvedBy = assigneeBefore;
                    }
                    break;
                case IncidentAction.Verify:
                    Add(KpiKind.VerifiedOnTime, state.AssigneeId, Hit(EndedInTime(activeBefore, SlaStep.Verify, e.At)));
                    Add(KpiKind.Rework, state.AssigneeId, Hit(e.Passed == false));
                    break;
                case IncidentAction.Evaluate:
                    closed = true;
                    Add(KpiKind.ClosedOnTime, state.AssigneeId, Hit(state.History.All(d => d.EndedAt is { } end && end <= d.Deadline.DueAt)));
                    Add(KpiKind.Extension, state.AssigneeId, Hit(state.Extensions > 0));
                    if (e.Satisfaction is { } satisfaction) Add(KpiKind.Satisfaction, state.AssigneeId, Hit(satisfaction >= 4));
                    break;
            }
            if (Supervise is { } supervise && e.Action == supervise)
                Add(KpiKind.Supervision, state.AssigneeId, 1);
        }

        // 处置率: the dispatched case is handled once a result was reported; it belongs to whoever reported it, or else holds it now.
        // 有效上报率: the report counts in the grid the case was located to, whenever it was located.
        if (report is { } r && found[r] is { } reported) found[r] = reported with { GridChain = state.Placement?.Chain ?? [] };
        if (handled is { } h && found[h] is { } dispatched)
            found[h] = dispatched with { Value = resolved ? 1 : 0, MemberId = resolved ? resolvedBy : state.AssigneeId ?? dispatched.MemberId };
        if (Closure(state, closed, catalogue) is { } closure) found.Add(closure);
        return found.OfType<KpiObservation>().ToList();
    }

    /// <summary>
    /// 结案率: a case is due to close at its handling deadline (the latest handling step's, after extensions, suspensions
    /// and rework, as the ledger stands); one observation at that instant, 1 if the case was closed (evaluated). A case
    /// parked (挂账) at the end of the ledger is not due: its clock is stopped. No handling step, nothing due.
    /// </summary>
    private static KpiObservation? Closure(IncidentState state, bool closed, CategoryCatalogue catalogue)
    {
        if (state.Status == IncidentStatus.Suspended) return null;
        if (state.History.LastOrDefault(d => d.Deadline.Step == SlaStep.Handle) is not { } handling) return null;
        var platform = state.Report is { } report ? catalogue.Find(report.Category)?.Platform : null;
        return new KpiObservation(KpiKind.Closure, state.Id, handling.Deadline.DueAt, state.Placement?.Chain ?? [], state.AssigneeId, platform,
            closed ? 1 : 0, state.ReportedBy, state.Report?.Channel);
    }

    /// <summary>Whether the step's deadline in force was met by the instant the step ended; a step without a clock counts as met.</summary>
    private static bool EndedInTime(DeadlineRecord? active, SlaStep step, DateTimeOffset endedAt) =>
        active is not { } record || record.Deadline.Step != step || endedAt <= record.Deadline.DueAt;
}
