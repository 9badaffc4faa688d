using System.Security.Claims;
using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.Grains.Grids;
using CommandCenter.Grains.Members;
using CommandCenter.Grids;
using CommandCenter.Http;

namespace CommandCenter.Members;

public static class MemberEndpoints
{
    public sealed record DutyRequest(string? State);
    public sealed record PingInput(double? Lat, double? Lon, DateTimeOffset? At);
    public sealed record PingBatch(IReadOnlyList<PingInput?>? Pings);
    public sealed record RefusedView(int Index, string Reason);
    public sealed record PingAnswer(int Kept, IReadOnlyList<int> KeptIndexes, IReadOnlyList<RefusedView> Refused, LocationView? LastLocation);
    public sealed record TrackView(string MemberId, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<LocationView> Points);

    public const int MaxPingsPerBatch = 1_000;
    /// <summary>As long as a replay window, so the replay page can ask for a handler's track over any window it plays
    /// (positions are kept <c>Patrol:TrackRetentionDays</c>; a long window is thinned evenly).</summary>
    public static readonly TimeSpan MaxTrackWindow = Replay.ReplayEndpoints.MaxWindow;

    public static void MapMemberEndpoints(this IEndpointRouteBuilder app)
    {
        var members = app.MapGroup("/api/members").WithTags("Members");

        members.MapGet("/", async (string? grid, GridDirectory directory, IGrainFactory grains, ClaimsPrincipal user, ScopeGate gate) =>
        {
            var scoped = await gate.Subtree(user, grid);
            if (scoped.Refused) return ScopeGate.Refusal(user, scoped);
            var index = await directory.Current();
            var root = scoped.GridId ?? index?.Hierarchy.Root.Id;
            if (index is null || root is null || index.Hierarchy.Find(root) is null)
                return Problems.Field("grid", $"No grid has the id \"{grid}\".");
            var team = await Teams.Of(grains, index.Hierarchy.SubtreeOf(root).Select(n => n.Id));
            return Results.Ok(team.Select(MemberView.Of).OrderBy(m => m.Id, StringComparer.Ordinal));
        })
        // Staff, and the members who see their home grid (a 网格长 its team): the scope rule decides, narrowing to the subtree.
        .GridScoped(ScopeEffect.NarrowsOrRefuses, "grid: none lists the account's subtree; a grid outside it is refused")
        .WithSummary("Members whose home grid is the given grid or below it (default: the whole city).");

        members.MapGet("/{id}/reports", async (string id, ClaimsPrincipal user, IGrainFactory grains, ScopeGate gate,
            CommandCenter.Grains.Incidents.IIncidentLedger ledger, CommandCenter.Grains.Catalogue.CategoryCatalogue catalogue, TimeProvider clock) =>
        {
            var member = grains.GetGrain<IMemberGrain>(id);
            if (await member.GetSnapshot() is null) return Problems.UnknownMember(id);
            if (await gate.Member(user, id) is { Refused: true } outside) return ScopeGate.Refusal(user, outside);
            var ids = await member.GetReported();
            var now = clock.GetUtcNow();
            var found = await ledger.Query(new CommandCenter.Grains.Incidents.IncidentQuery(null, null, null, null, null, now, 0, ids.Count) { Ids = ids.ToList() });
            var reports = await ledger.ReportsOf(found.Items.Select(s => s.Id).ToList());
            return Results.Ok(found.Items.Select(s => CommandCenter.Incidents.IncidentEndpoints.View(s, now, reports.GetValueOrDefault(s.Id), catalogue, user.IsStaff())).ToList());
        })
        .GridScoped(ScopeEffect.Refuses, "the member: its own, or a member in the subtree of a staff account or of a member who sees its home grid")
        .WithSummary("What became of the cases a member reported (or whose report joined an open case): the latest 200, newest first, as the incident list shows them.");

        members.MapGet("/{id}", async (string id, ClaimsPrincipal user, IGrainFactory grains, ScopeGate gate) =>
        {
            if (await gate.Member(user, id) is { Refused: true } outside) return ScopeGate.Refusal(user, outside);
            var snapshot = await grains.GetGrain<IMemberGrain>(id).GetSnapshot();
            return snapshot is null ? Problems.UnknownMember(id) : Results.Ok(MemberView.Of(snapshot));
        })
        .GridScoped(ScopeEffect.Refuses, "the member: staff by its home grid, a worker only itself")
        .WithSummary("One member: role, home grid, duty and last location. A worker may read only itself.");

        members.MapPut("/{id}/duty", async (string id, DutyRequest? request, ClaimsPrincipal user, IGrainFactory grains, ScopeGate gate) =>
        {
            if (await gate.OwnMember(user, id) is { Refused: true } outside) return ScopeGate.Refusal(user, outside);
            var state = DutyWords.Parse(request?.State);
            if (state is null) return Problems.Field("state", "state must be one of \"on\", \"off\", \"busy\".");
            var snapshot = await grains.GetGrain<IMemberGrain>(id).SetDuty(state.Value);
            return snapshot is null ? Problems.UnknownMember(id) : Results.Ok(MemberView.Of(snapshot));
        })
        .GridScoped(ScopeEffect.Refuses, "the member: staff by its home grid, a worker only itself")
        .WithSummary("Set a member's duty state (on, off, busy). Durable before it answers.");

        members.MapPost("/{id}/locations", async (string id, PingBatch? batch, ClaimsPrincipal user, IGrainFactory grains, ScopeGate gate) =>
        {
            if (await gate.OwnMember(user, id) is { Refused: true } outside) return ScopeGate.Refusal(user, outside);
            var fields = new Fields();
            if (batch?.Pings is null || batch.Pings.Count == 0) fields.Add("pings", "Give at least one ping {lat, lon, at}.");
            else if (batch.Pings.Count > MaxPingsPerBatch) fields.Add("pings", $"At most {MaxPingsPerBatch} pings per batch.");
            if (fields.Any) return fields.Result();

            // A ping missing a field is refused on its own; it does not spoil the good ones.
            var complete = new List<(int Index, Fix Fix)>();
            var incomplete = new List<RefusedView>();
            for (var i = 0; i < batch!.Pings!.Count; i++)
            {
                var p = batch.Pings[i];
                if (p?.Lat is { } lat && p.Lon is { } lon && p.At is { } at) complete.Add((i, new Fix(lat, lon, at.ToUniversalTime())));
                else incomplete.Add(new RefusedView(i, "A ping needs lat, lon and at (an ISO 8601 time)."));
            }
            var report = await grains.GetGrain<IMemberGrain>(id).RecordPings(complete.Select(c => c.Fix).ToList());
            if (report is null) return Problems.UnknownMember(id);
            var refused = report.Refused.Select(r => new RefusedView(complete[r.Index].Index, r.Reason)).Concat(incomplete).OrderBy(r => r.Index).ToList();
            var kept = report.Kept.Select(k => complete[k].Index).ToList();
            var last = report.LastLocation is { } l ? new LocationView(l.Lat, l.Lon, l.At) : null;
            Telemetry.CenterMetrics.Pinged(kept.Count, refused.Count);
            return Results.Ok(new PingAnswer(kept.Count, kept, refused, last));
        })
        .GridScoped(ScopeEffect.Refuses, "the member: staff by its home grid, a worker only itself")
        .WithSummary("Send a batch of location pings; good pings are kept durably, each refused one comes back with its reason.");

        members.MapGet("/{id}/track", async (string id, DateTimeOffset? from, DateTimeOffset? to, ClaimsPrincipal user, IGrainFactory grains, ScopeGate gate, TimeProvider clock) =>
        {
            if (await gate.Member(user, id) is { Refused: true } outside) return ScopeGate.Refusal(user, outside);
            var end = to ?? clock.GetUtcNow();
            var start = from ?? end - TimeSpan.FromDays(1);
            if (start > end) return Problems.Field("from", "from must not be after to.");
            if (end - start > MaxTrackWindow) return Problems.Field("to", $"A track window may span at most {MaxTrackWindow.TotalDays:0} days.");
            var member = grains.GetGrain<IMemberGrain>(id);
            if (await member.GetSnapshot() is null) return Problems.UnknownMember(id);
            var points = await member.GetTrack(start, end);
            return Results.Ok(new TrackView(id, start, end, points.Select(p => new LocationView(p.Lat, p.Lon, p.At)).ToList()));
        })
        .GridScoped(ScopeEffect.Refuses, "the member: staff by its home grid, a worker only itself")
        .WithSummary("A member's patrol track in a window (default: the last 24 hours). A worker may read only its own.");

        members.MapPatrolEndpoints();
    }
}
