using System.Security.Claims;
using CommandCenter.Access;
using CommandCenter.Grains.Wall;
using CommandCenter.Grids;
using CommandCenter.Http;

namespace CommandCenter.Wall;

public static class WallEndpoints
{
    public static void MapWallEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHub<CenterHub>("/hubs/center")
            .GridScoped(ScopeEffect.Refuses, "each hub method declares its own decision (CenterHub)");

        app.MapGet("/api/wall/snapshot", async (string? scope, string? member, ClaimsPrincipal user, GridDirectory grids, IGrainFactory grainFactory, ScopeGate gate) =>
        {
            var decided = member is not null ? await gate.OwnMember(user, member) : await gate.Subtree(user, scope);
            if (decided.Refused) return ScopeGate.Refusal(user, decided);
            if (member is not null) return Results.Ok(await grainFactory.GetGrain<IFeedGrain>(Channels.Member(member)).Snapshot());
            var index = await grids.Current();
            var gridId = decided.GridId ?? index?.Hierarchy.Root.Id;
            if (gridId is null || index?.Hierarchy.Find(gridId) is null) return Problems.Field("scope", $"No grid has the id \"{scope}\".");
            return Results.Ok(await grainFactory.GetGrain<IFeedGrain>(Channels.Scope(gridId)).Snapshot());
        })
        .GridScoped(ScopeEffect.NarrowsOrRefuses, "scope: none gives the account's own subtree, one outside it is refused; member: by the member's home grid (a worker: only itself)")
        .WithTags("Wall")
        .WithSummary("A channel's current picture and sequence: open incidents, worker positions, counters. Load it after (re)connecting or on a gap.");
    }
}
