using CommandCenter.Auth;
using CommandCenter.Grains.Inspections;

namespace CommandCenter.Inspections;

public static class InspectionEndpoints
{
    public static void MapInspectionEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/inspections", async (IGrainFactory grains) => Results.Ok(await grains.GetGrain<IInspectionBookGrain>("city").List()))
            .RequireAuthorization(Policies.Staff)
            .WithTags("Jobs")
            .WithSummary("The inspection tasks drawn by the 双随机 job, newest first: who inspects which incident.");
}
