using System.Security.Claims;
using CommandCenter.Access;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Members;
using CommandCenter.Grids;
using CommandCenter.Http;
using CommandCenter.Intake;

namespace CommandCenter.Incidents;

public static class IncidentActionEndpoints
{
    /// <summary>The fields any action may carry; each action reads the ones it needs.</summary>
    public sealed record ActionBody(
        double? Lat, double? Lon, string? GridId, string? MemberId, string? Note, string? Reason, bool? Passed, int? Satisfaction,
        bool? Approved, DateTimeOffset? DueAt, string? LinkId, int? Notice, string? TaskId, IReadOnlyList<TaskBody?>? Tasks, IReadOnlyList<string>? Photos);

    public sealed record TaskBody(string? Platform, string? MemberId);

    public static void MapIncidentActions(this RouteGroupBuilder incidents)
    {
        incidents.MapPost("/{id}/actions/{action}", async (string id, string action, ActionBody? body, ClaimsPrincipal user, HttpRequest request,
            IGrainFactory factory, CommandCenter.Grains.GrainReferences references, GridDirectory grids, IncidentDesk desk, PhotoStore photoStore, ScopeGate gate) =>
        {
            var parsed = IncidentActionWords.Parse(action);
            if (parsed is null || !IncidentActionWords.PersonActions.Contains(parsed.Value))
                return Problems.Field("action", $"Unknown action \"{action}\"; actions are {string.Join(", ", IncidentActionWords.PersonActions.Select(IncidentActionWords.Word))}.");
            // A phone's outbox sends each queued action with a key: a retry answers what the first attempt did.
            var (requestKey, keyProblem) = IdempotencyKey.ValueOf(request);
            if (keyProblem is not null) return Problems.Field(IdempotencyKey.Header, keyProblem);
            body ??= new ActionBody(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
            var command = new IncidentCommand(parsed.Value)
            {
                RequestKey = requestKey,
                MemberId = body.MemberId?.Trim(), Note = (body.Note ?? body.Reason)?.Trim(), Passed = body.Passed,
                Satisfaction = body.Satisfaction, Approved = body.Approved, RequestedDueAt = body.DueAt?.ToUniversalTime(),
                LinkId = body.LinkId, NoticeSequence = body.Notice, TaskId = body.TaskId, Photos = body.Photos,
            };
            if (body.Photos is { } photos)
            {
                if (photos.Count > PhotoStore.MaxPerAction) return Problems.Field("photos", $"At most {PhotoStore.MaxPerAction} photos per action.");
                if (await photoStore.FirstMissing(photos) is { } missing) return Problems.Field("photos", $"No uploaded photo is named \"{missing}\"; upload it first.");
            }
            // Verify on site: where the checker stood, read by its phone (both or neither).
            if (parsed == IncidentAction.Verify && (body.Lat is not null || body.Lon is not null))
            {
                if (body.Lat is not { } vlat || body.Lon is not { } vlon) return Problems.Field(body.Lat is null ? "lat" : "lon", "Give both lat and lon of where you stand, or neither.");
                if (!double.IsFinite(vlat) || Math.Abs(vlat) > 90) return Problems.Field("lat", "lat must be from -90 to 90.");
                if (!double.IsFinite(vlon) || Math.Abs(vlon) > 180) return Problems.Field("lon", "lon must be from -180 to 180.");
                command = command with { Position = new SitePosition(vlat, vlon) };
            }
            if (parsed == IncidentAction.Split)
            {
                var plans = new List<TaskPlan>();
                foreach (var (task, i) in (body.Tasks ?? []).Select((t, i) => (t, i)))
                {
                    if (PlatformWords.Parse(task?.Platform) is not { } platform)
                        return Problems.Field($"tasks[{i}].platform", $"platform must be one of {string.Join(", ", PlatformWords.All)}.");
                    if (string.IsNullOrWhiteSpace(task!.MemberId) || await factory.GetGrain<IMemberGrain>(task.MemberId).GetSnapshot() is not { Left: false })
                        return Problems.Field($"tasks[{i}].memberId", $"No member on the roster has the id \"{task.MemberId}\".");
                    if (await gate.DispatchTarget(user, task.MemberId) is { Refused: true } elsewhere) return ScopeGate.Refusal(user, elsewhere);
                    plans.Add(new TaskPlan(platform, task.MemberId));
                }
                command = command with { Tasks = plans };
            }
            var actor = IncidentEndpoints.ActorOf(user);

            if (parsed == IncidentAction.Locate)
            {
                var index = await grids.Current();
                if (index is null) return Problems.Field("gridId", "No grid hierarchy is loaded.");
                if (body.GridId is { } gridId)
                {
                    var placement = IncidentDesk.Place(index, gridId);
                    if (placement is null) return Problems.Field("gridId", $"No grid has the id \"{gridId}\".");
                    if (await gate.Placement(user, placement) is { Refused: true } outside) return ScopeGate.Refusal(user, outside);
                    command = command with { Placement = placement };
                }
                else if (body.Lat is { } lat && body.Lon is { } lon)
                {
                    var placement = IncidentDesk.Place(index, lat, lon);
                    if (placement is null) return Problems.Field("lat", $"The point ({lat}, {lon}) is outside the city.");
                    if (await gate.Placement(user, placement) is { Refused: true } outside) return ScopeGate.Refusal(user, outside);
                    command = command with { Placement = placement };
                }
            }
            // A member who left the roster keeps its record but takes no new work.
            if (parsed == IncidentAction.Dispatch && command.MemberId is { Length: > 0 } memberId
                && await references.Of<IMemberGrain>(memberId).GetSnapshot() is not { Left: false })
                return Problems.Field("memberId", $"No member on the roster has the id \"{memberId}\".");
            if (parsed == IncidentAction.Dispatch && command.MemberId is { Length: > 0 } target
                && await gate.DispatchTarget(user, target) is { Refused: true } elsewhereTarget)
                return ScopeGate.Refusal(user, elsewhereTarget);

            var grain = references.Of<IIncidentGrain>(id);
            if (await grain.GetState() is { } known && gate.Incident(user, known) is { Refused: true } refused)
                return ScopeGate.Refusal(user, refused);
            GridPlacement? separatePlacement = null;
            if (parsed == IncidentAction.Unlink && IncidentActions.Of(parsed.Value).RoleMay(actor)
                && await grain.GetState() is { } current && current.Links.FirstOrDefault(l => l.LinkId == body.LinkId) is { } link)
            {
                // The case the report becomes gets its number now, but is opened only once the grain has
                // validated and committed the unlink: concurrent unlinks of one link open one case, not three.
                var index = await grids.Current();
                separatePlacement = index is not null && link.Report.Lat is { } la && link.Report.Lon is { } lo ? IncidentDesk.Place(index, la, lo) : null;
                command = command with { NewIncidentId = link.UnlinkedInto ?? await desk.NextCaseNumber() };
            }
            var outcome = await grain.Act(command, actor);
            if (parsed == IncidentAction.Unlink && command.NewIncidentId is { } separateId)
                await OpenUnlinked(factory, desk, grain, body.LinkId, separateId, separatePlacement, actor);
            if (!outcome.Accepted) return IncidentEndpoints.Refused(outcome.Rejection!);
            var now = outcome.Events.Count > 0 ? outcome.Events[^1].To : (await grain.GetState())!.Status;
            return Results.Ok(new
            {
                id,
                state = IncidentSteps.Word(now),
                step = IncidentSteps.StepOf(now),
                newIncidentId = command.NewIncidentId,
                events = outcome.Events.Select(IncidentView.Entry),
            });
        })
        .GridScoped(ScopeEffect.Refuses, "the incident by its grid (a worker: its own work); a dispatch or split target by its home grid; a new location inside the subtree")
        .WithSummary(ActionDescriptions.Summary)
        .WithDescription(ActionDescriptions.Markdown);
    }

    /// <summary>
    /// Opens the case an unlinked report became, when the committed link names it and it does not exist yet:
    /// right after the unlink, or on a retry after a crash between the unlink and the open.
    /// </summary>
    private static async Task OpenUnlinked(IGrainFactory factory, IncidentDesk desk, IIncidentGrain grain, string? linkId, string separateId,
        GridPlacement? placement, Actor actor)
    {
        var link = (await grain.GetState())?.Links.FirstOrDefault(l => l.LinkId == linkId);
        if (link?.UnlinkedInto != separateId || await factory.GetGrain<IIncidentGrain>(separateId).GetState() is not null) return;
        await desk.Open(link.Report, placement, actor, checkDuplicates: false, caseNumber: separateId);
    }
}
