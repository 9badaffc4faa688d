using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Grains.Kpis;

/// <summary>
/// What-if: an incident's ledger as it would read under another SLA policy. Every transition keeps its
/// instant, actor and facts; only the deadlines are worked out again (<see cref="SlaPolicy.Start"/> at the
/// same instants, suspension and extension carried the same way). The clock's own events (warnings and
/// escalations) depend on the policy and are left out: lights and KPIs are judged from the instants.
/// An unanswered return visit that closed itself stays closed at the instant it did.
/// </summary>
public static class PolicyRerun
{
    public static IReadOnlyList<IncidentEvent> Rerun(IReadOnlyList<IncidentEvent> events, SlaPolicy policy, CategoryCatalogue catalogue)
    {
        var rebuilt = new List<IncidentEvent>(events.Count);
        if (events.Count == 0) return rebuilt;
        var report = events[0].Report ?? throw new ArgumentException($"{events[0].IncidentId}: the ledger does not start with its report.", nameof(events));
        var category = catalogue.Find(report.Category) ?? throw new ArgumentException($"Category {report.Category} is not in the catalogue.", nameof(events));
        var state = new IncidentState();

        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Action is IncidentAction.Warn or IncidentAction.Escalate) continue;
            var deadline = e.Deadline is null ? null : Recompute(e, events, i, state, policy, category, report.Priority);
            var next = e with { Sequence = rebuilt.Count + 1, Deadline = deadline };
            state.Apply(next);
            rebuilt.Add(next);
        }
        return rebuilt;
    }

    private static SlaDeadline? Recompute(IncidentEvent e, IReadOnlyList<IncidentEvent> events, int index, IncidentState state, SlaPolicy policy, Category category, Priority priority)
    {
        var active = state.Active?.Deadline;
        switch (e.Action)
        {
            case IncidentAction.Resume:
                return active is null || state.SuspendedAt is not { } suspendedAt ? null : policy.Resume(active, suspendedAt, e.At);
            case IncidentAction.DecideExtension:
                // The same approved date; if the other policy already allows more, the extension changes nothing.
                return active is null || e.RequestedDueAt is not { } asked || asked <= active.DueAt ? active : policy.Extend(active, asked);
            default:
                // A report located at once carries the grid's area in the very next event.
                var placement = e.Placement ?? state.Placement
                                ?? (e.Action == IncidentAction.Report && index + 1 < events.Count && events[index + 1].At == e.At ? events[index + 1].Placement : null);
                return policy.Start(e.Deadline!.Step, category, priority, placement?.Area ?? GridArea.Urban, e.At);
        }
    }
}
