using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Inspections;
using CommandCenter.Incidents;

namespace CommandCenter.Inspections;

/// <summary>
/// Makes the calls the failed-check rule (<see cref="InspectionFailure.Decide"/>) decides: a handled case fails its
/// verification (返工) as the inspector's own verify action; otherwise a new case of the same category at the same place
/// is reported by whoever recorded the check, through the desk every channel uses (case number, grid, auto-dispatch),
/// its description naming the original case. Without the duplicate rule: at the same place and of the same category,
/// the finding would otherwise be linked to the very case it judges (or to another open one) instead of being a case.
/// </summary>
public sealed class InspectionFollowUps(IGrainFactory grains, IncidentDesk desk, InspectionOptions options, TimeProvider clock)
{
    public async Task<InspectionFollowUp> After(InspectionTask task, InspectionResult result, Actor actor)
    {
        var incident = grains.GetGrain<IIncidentGrain>(task.IncidentId);
        var state = await incident.GetState();
        if (state?.Report is null) return new InspectionFollowUp("none", null, clock.GetUtcNow(), $"Case {task.IncidentId} is not in the ledger.");
        if (InspectionFailure.Decide(options.FailureSetting, state.Status) == FailureFollowUp.Rework)
        {
            var sentBack = await incident.Act(new IncidentCommand(IncidentAction.Verify)
            {
                Passed = false, Note = $"{task.Id}: {result.Note}", Photos = result.Photos.Count > 0 ? result.Photos : null,
            }, actor);
            if (sentBack.Accepted) return new InspectionFollowUp(InspectionFailure.Word(FailureFollowUp.Rework), task.IncidentId, clock.GetUtcNow());
            // It moved on since it was read (verified by someone else, say): what was found becomes a case of its own.
        }
        var original = state.Report;
        var report = new IncidentReport(original.Category, original.Priority,
            InspectionFailure.NewCaseDescription(task.IncidentId, task.Id, result.Note), "worker-app",
            original.Lat, original.Lon, original.Address, Photos: result.Photos.Count > 0 ? result.Photos.Select(p => $"/api/photos/{p}").ToList() : null);
        var opened = await desk.Open(report, state.Placement, actor, checkDuplicates: false);
        return opened.Outcome.Accepted
            ? new InspectionFollowUp(InspectionFailure.Word(FailureFollowUp.NewCase), opened.Id, clock.GetUtcNow())
            : new InspectionFollowUp(InspectionFailure.Word(FailureFollowUp.NewCase), null, clock.GetUtcNow(), opened.Outcome.Rejection?.Message);
    }
}
