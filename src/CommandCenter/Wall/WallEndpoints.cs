using System.Security.Claims;
using CommandCenter.Auth;
using CommandCenter.Grains.Wall;
using CommandCenter.Grids;
using CommandCenter.Http;

namespace CommandCenter.Wall;

public static class WallEndpoints
{
    public static void MapWallEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapHub<CenterHub>("/hubs/center");

        app.MapGet("/api/wall/snapshot", async (string? scope, string? member, ClaimsPrincipal user, GridDirectory grids, IGrainFactory grainFactory) =>
        {
            if (member is not null)
            {
                if (!user.MaySee(member)) return Problems.NotYours();
                return Results.Ok(await grainFactory.GetGrain<IFeedGrain>(Channels.Member(member)).Snapshot());
            }
            if (!user.IsStaff()) return Results.Problem(title: "Forbidden", detail: "Workers load their own channel: ?member=<your id>.", statusCode: 403);
            var index = await grids.Current();
            var gridId = scope ?? index?.Hierarchy.Root.Id;
            if (gridId is null || index?.Hierarchy.Find(gridId) is null) return Problems.Field("scope", $"No grid has the id \"{scope}\".");
            if (user.FindFirst(Claims.GridScope)?.Value is { } allowed && !index.Hierarchy.IsWithin(gridId, allowed))
                return Results.Problem(title: "Forbidden", detail: $"This account sees only {allowed} and the grids below it.", statusCode: 403);
            return Results.Ok(await grainFactory.GetGrain<IFeedGrain>(Channels.Scope(gridId)).Snapshot());
        })
        .WithTags("Wall")
        .WithSummary("A channel's current picture and sequence: open incidents, worker positions, counters. Load it after (re)connecting or on a gap.");
    }
}
