using System.Security.Claims;
using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.Grains.Inspections;

namespace CommandCenter.Inspections;

public static class InspectionEndpoints
{
    public static void MapInspectionEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/inspections", async (IGrainFactory grains, ClaimsPrincipal user, ScopeGate gate) =>
            {
                var covers = await gate.Covers(user);
                return Results.Ok((await grains.GetGrain<IInspectionBookGrain>("city").List()).Where(task => covers(task.GridId)));
            })
            .RequireAuthorization(Policies.Staff)
            .GridScoped(ScopeEffect.Narrows, "lists only inspections of incidents in the account's subtree")
            .WithTags("Jobs")
            .WithSummary("The inspection tasks drawn by the 双随机 job, newest first: who inspects which incident.");
}
