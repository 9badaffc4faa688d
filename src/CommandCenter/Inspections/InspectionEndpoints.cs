using System.Security.Claims;
using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.Grains.Access;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Inspections;
using CommandCenter.Http;
using CommandCenter.Incidents;

namespace CommandCenter.Inspections;

/// <summary>
/// 双随机 tasks: the list (staff: all in scope; an inspector: its own), one task with its case's facts, and its result.
/// How the drawn inspector sees a case outside its home grid: the grid-scope rule has a question of its own about a task
/// (<see cref="GridScope.Inspection"/>: the inspector drawn for it, or staff by the case's grid), and the task view carries
/// the case's facts itself. GET /api/incidents/{id} is not widened: the inspector never gets the case's ledger, caller or
/// actions, only what checking it needs, and only while the book names it as the task's inspector.
/// </summary>
public static class InspectionEndpoints
{
    public sealed record ResultBody(bool? Passed, string? Note, IReadOnlyList<string?>? Photos, double? Lat, double? Lon);

    public const int MaxNote = 2_000;

    public static void MapInspectionEndpoints(this IEndpointRouteBuilder app)
    {
        var inspections = app.MapGroup("/api/inspections").WithTags("Inspections").RequireAuthorization(Policies.Inspections);

        inspections.MapGet("/", async (IGrainFactory grains, ClaimsPrincipal user, ScopeGate gate, CategoryCatalogue catalogue) =>
            {
                var who = ScopeGate.AskerOf(user);
                var hierarchy = await gate.Hierarchy();
                var tasks = await grains.GetGrain<IInspectionBookGrain>(InspectionViews.Book).List();
                return Results.Ok(tasks.Where(t => !GridScope.Inspection(who, t.Id, t.InspectorId, ChainOf(t, hierarchy)).Refused)
                    .Select(t => InspectionViews.Summary(t, hierarchy, catalogue)).ToList());
            })
            .GridScoped(ScopeEffect.Narrows, "staff: only inspections of incidents in the account's subtree; an inspector: only its own tasks")
            .WithSummary("The 双随机 inspection tasks, newest first: who checks which case, by when, and the result. An inspector lists its own tasks.");

        inspections.MapGet("/{taskId}", async (string taskId, IGrainFactory grains, ClaimsPrincipal user, ScopeGate gate, CategoryCatalogue catalogue) =>
            {
                var task = await grains.GetGrain<IInspectionBookGrain>(InspectionViews.Book).Get(taskId);
                if (task is null) return UnknownTask(taskId);
                if (GridScope.Inspection(ScopeGate.AskerOf(user), task.Id, task.InspectorId, ChainOf(task, await gate.Hierarchy())) is { Refused: true } refused)
                    return ScopeGate.Refusal(user, refused);
                var incident = grains.GetGrain<IIncidentGrain>(task.IncidentId);
                if (await incident.GetState() is not { Report: not null } state) return IncidentEndpoints.UnknownIncident(task.IncidentId);
                var events = await incident.GetEvents();
                var mayRecord = InspectionRecording.Refusal(user.RoleOf(), user.MemberIdOf(), task) is null;
                return Results.Ok(InspectionViews.Of(task, state, events, await gate.Hierarchy(), catalogue, mayRecord));
            })
            .GridScoped(ScopeEffect.Refuses, "the inspector drawn for the task, wherever its case lies; staff by the case's grid; nobody else")
            .WithSummary("One inspection task with the facts of its case (category, description, address, position, grids, photos, what was done; " +
                         "never the caller), its due instant and, once recorded, its result. For the drawn inspector's phone.");

        inspections.MapPost("/{taskId}/result", async (string taskId, ResultBody? body, IGrainFactory grains, ClaimsPrincipal user, ScopeGate gate,
                PhotoStore photoStore, InspectionFollowUps followUps, CategoryCatalogue catalogue, TimeProvider clock) =>
            {
                var book = grains.GetGrain<IInspectionBookGrain>(InspectionViews.Book);
                var task = await book.Get(taskId);
                if (task is null) return UnknownTask(taskId);
                if (GridScope.Inspection(ScopeGate.AskerOf(user), task.Id, task.InspectorId, ChainOf(task, await gate.Hierarchy())) is { Refused: true } refused)
                    return ScopeGate.Refusal(user, refused);
                if (InspectionRecording.Refusal(user.RoleOf(), user.MemberIdOf(), task) is { } notYours)
                    return Results.Problem(title: "Forbidden", detail: notYours, statusCode: StatusCodes.Status403Forbidden);

                var fields = new Fields();
                if (body?.Passed is null) fields.Add("passed", "Say whether the check passed: true or false.");
                var note = body?.Note?.Trim();
                if (body?.Passed == false && string.IsNullOrEmpty(note)) fields.Add("note", "Say what failed: a note is required when the check fails.");
                if (note?.Length > MaxNote) fields.Add("note", $"At most {MaxNote} characters.");
                var photos = (body?.Photos ?? []).Select(p => p?.Trim() ?? "").ToList();
                if (photos.Count > PhotoStore.MaxPerAction) fields.Add("photos", $"At most {PhotoStore.MaxPerAction} photos.");
                else if (await photoStore.FirstMissing(photos) is { } missing)
                    fields.Add("photos", $"No uploaded photo is named \"{missing}\"; upload it with POST /api/photos first.");
                if ((body?.Lat is null) != (body?.Lon is null)) fields.Add(body?.Lat is null ? "lat" : "lon", "Give both lat and lon, or neither.");
                if (body?.Lat is { } lat && (!double.IsFinite(lat) || Math.Abs(lat) > 90)) fields.Add("lat", "lat must be from -90 to 90.");
                if (body?.Lon is { } lon && (!double.IsFinite(lon) || Math.Abs(lon) > 180)) fields.Add("lon", "lon must be from -180 to 180.");
                if (fields.Any) return fields.Result();

                var actor = IncidentEndpoints.ActorOf(user);
                var result = new InspectionResult(body!.Passed!.Value, string.IsNullOrEmpty(note) ? null : note, photos, body.Lat, body.Lon,
                    actor.Name, actor.MemberId, clock.GetUtcNow());
                var outcome = await book.RecordResult(taskId, result);
                if (outcome.Task is null) return UnknownTask(taskId);
                if (!outcome.Recorded)
                    return Results.Problem(title: "Already recorded",
                        detail: $"{taskId} was recorded at {outcome.Task.Result!.RecordedAt:u}; a check's result is recorded once.",
                        statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["currentState"] = outcome.Task.State });
                var recorded = outcome.Task;
                if (!result.Passed) recorded = await book.SetFollowUp(taskId, await followUps.After(recorded, result, actor)) ?? recorded;
                var incident = grains.GetGrain<IIncidentGrain>(recorded.IncidentId);
                if (await incident.GetState() is not { Report: not null } state) return Results.Ok(InspectionViews.Summary(recorded, await gate.Hierarchy(), catalogue));
                return Results.Ok(InspectionViews.Of(recorded, state, await incident.GetEvents(), await gate.Hierarchy(), catalogue, mayRecord: false));
            })
            .GridScoped(ScopeEffect.Refuses, "as GET /api/inspections/{taskId}; recorded by the drawn inspector, a supervisor or an admin")
            .WithSummary("Record a check's result once: passed (required), note (required when failed), photos (names from POST /api/photos), lat/lon " +
                         "(optional). A failed check sends a handled case back (rework) or opens a new case naming it (Inspections:OnFailure). " +
                         "Answers the task as GET /api/inspections/{taskId} shows it; 409 when already recorded.");
    }

    // Tasks drawn before the book kept the chain have their grid only: its chain comes from the hierarchy.
    private static IReadOnlyList<string>? ChainOf(InspectionTask task, Grains.Geography.GridHierarchy? hierarchy) =>
        task.GridChain ?? (task.GridId is null ? null : hierarchy?.ChainOf(task.GridId).Select(n => n.Id).ToList() is { Count: > 0 } chain ? chain : [task.GridId]);

    private static IResult UnknownTask(string taskId) =>
        Results.Problem(title: "Unknown inspection", detail: $"No inspection task has the id \"{taskId}\".", statusCode: StatusCodes.Status404NotFound);
}
