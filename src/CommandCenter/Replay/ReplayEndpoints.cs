using System.Text.Json;
using System.Security.Claims;
using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Replay;
using CommandCenter.Grains.Sla;
using CommandCenter.Grids;
using CommandCenter.Http;
using CommandCenter.Incidents;
using CommandCenter.Storage;

namespace CommandCenter.Replay;

public static class ReplayEndpoints
{
    /// <summary>A replay covers at most this much time: a month of a city's events is already millions of lines.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    public sealed record ScopeCounters(int Total, int Open, int Overdue, IReadOnlyDictionary<string, int> ByState);
    public sealed record ScopeState(string Scope, DateTimeOffset At, ScopeCounters Counters, IReadOnlyList<IncidentAt> Incidents);

    public static void MapReplayEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/replay", async (DateTimeOffset? from, DateTimeOffset? to, string? scope, GridDirectory grids, ReplayStream replay, HttpContext http, ScopeGate gate) =>
        {
            var scoped = await gate.Subtree(http.User, scope);
            if (scoped.Refused) return ScopeGate.Refusal(http.User, scoped);
            var fields = new Fields();
            var window = Window(fields, from, to, MaxWindow);
            var (hierarchy, scopeId) = await Scope(fields, grids, scoped.GridId);
            if (fields.Any) return fields.Result();
            return Results.Stream(body => replay.Write(body, hierarchy!, scopeId!, window.From, window.To, http.RequestAborted), "application/x-ndjson");
        })
        .RequireAuthorization(Policies.Supervision)
        .GridScoped(ScopeEffect.NarrowsOrRefuses, "scope: none replays the account's subtree; one outside it is refused")
        .WithTags("Replay")
        .WithSummary("NDJSON: a snapshot of every incident of the scope at `from` (with its SLA light), then every event in [from, to) in time order, then an end line.");

        app.MapGet("/api/incidents/{id}/state", async (string id, DateTimeOffset? at, IIncidentLedger ledger, SlaPolicy policy, CategoryCatalogue catalogue,
            ClaimsPrincipal user, ScopeGate gate) =>
        {
            if (at is null) return Problems.Field("at", "Give the instant (at, an ISO 8601 time).");
            var events = await ledger.Read(id);
            if (events.Count == 0) return IncidentEndpoints.UnknownIncident(id);
            // Scope goes by where the incident is now, as for GET /api/incidents/{id}.
            if (IncidentHistory.StateAt(events, events[^1].At) is { } latest && gate.Incident(user, latest) is { Refused: true } refused)
                return ScopeGate.Refusal(user, refused);
            var upTo = events.TakeWhile(e => e.At <= at.Value).ToList();
            var state = IncidentHistory.StateAt(upTo, at.Value);
            if (state is null)
                return Results.Problem(title: "Not reported yet", detail: $"Incident \"{id}\" was reported at {events[0].At:O}, after {at.Value:O}.", statusCode: 404);
            // The same shape as the live view showed this person then, the actions offered them included.
            return Results.Ok(IncidentView.Of(state, upTo, policy, catalogue, at.Value, IncidentEndpoints.ActorOf(user)));
        })
        .RequireAuthorization(Policies.Supervision)
        .GridScoped(ScopeEffect.Refuses, "the incident by the grid it is in now")
        .WithTags("Replay")
        .WithSummary("One incident as it stood at an instant, from its ledger: the same shape as GET /api/incidents/{id} showed then. 404 before it was reported.");

        app.MapGet("/api/scopes/{gridId}/state", async (string gridId, DateTimeOffset? at, GridDirectory grids, ScopeHistory history, SlaPolicy policy,
            ClaimsPrincipal user, ScopeGate gate) =>
        {
            if (await gate.Subtree(user, gridId) is { Refused: true } refused) return ScopeGate.Refusal(user, refused);
            var fields = new Fields();
            if (at is null) fields.Add("at", "Give the instant (at, an ISO 8601 time).");
            var (hierarchy, scope) = await Scope(fields, grids, gridId, "gridId");
            if (fields.Any) return fields.Result();
            var incidents = new List<IncidentAt>();
            await foreach (var state in history.StatesAt(hierarchy!, scope!, at!.Value)) incidents.Add(IncidentAt.Of(state, policy, at.Value));
            var counters = new ScopeCounters(
                incidents.Count,
                incidents.Count(i => IncidentSteps.IsOpen(Enum.Parse<IncidentStatus>(i.State, ignoreCase: true))),
                incidents.Count(i => i.Light == SlaLightWords.Word(SlaLight.Red)),
                incidents.GroupBy(i => i.State).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()));
            return Results.Ok(new ScopeState(scope!, at.Value, counters, incidents));
        })
        .RequireAuthorization(Policies.Supervision)
        .GridScoped(ScopeEffect.Refuses, "the grid: one outside the account's subtree is refused")
        .WithTags("Replay")
        .WithSummary("Every incident of a grid subtree at an instant with its state and SLA light, and the counters: open, overdue, by state.");
    }

    /// <summary>Checks a [from, to) window no longer than <paramref name="longest"/>; problems go into <paramref name="fields"/>.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Window(Fields fields, DateTimeOffset? from, DateTimeOffset? to, TimeSpan longest)
    {
        if (from is null) fields.Add("from", "Give the start of the window (from, an ISO 8601 time).");
        if (to is null) fields.Add("to", "Give the end of the window (to, an ISO 8601 time).");
        if (from is null || to is null) return default;
        if (to <= from) fields.Add("to", "to must be after from.");
        else if (to - from > longest) fields.Add("to", $"A window covers at most {longest.TotalDays:0} days.");
        return (from.Value.ToUniversalTime(), to.Value.ToUniversalTime());
    }

    /// <summary>The hierarchy and the scope's grid id (the city when none is given); problems go into <paramref name="fields"/>.</summary>
    public static async Task<(GridHierarchy? Hierarchy, string? Scope)> Scope(Fields fields, GridDirectory grids, string? scope, string field = "scope")
    {
        var index = await grids.Current();
        if (index is null)
        {
            fields.Add(field, "No grid hierarchy is loaded.");
            return (null, null);
        }
        var id = string.IsNullOrWhiteSpace(scope) ? index.Hierarchy.Root.Id : scope.Trim();
        if (index.Hierarchy.Find(id) is null)
        {
            fields.Add(field, $"No grid has the id \"{scope}\".");
            return (null, null);
        }
        return (index.Hierarchy, id);
    }
}
