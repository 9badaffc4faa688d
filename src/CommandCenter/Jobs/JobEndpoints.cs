using System.Security.Claims;
using CommandCenter.Auth;
using CommandCenter.Http;
using CommandCenter.Incidents;

namespace CommandCenter.Jobs;

public static class JobEndpoints
{
    public static void MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/jobs/{name}/run", async (string name, ClaimsPrincipal user, ArchiveRun archive) =>
        {
            if (name != "archive") return Problems.Field("name", $"Unknown job \"{name}\"; jobs that can be run now: archive.");
            var count = await archive.ArchiveAllFiled(IncidentEndpoints.ActorOf(user));
            return Results.Ok(new { job = name, archived = count });
        })
        .RequireAuthorization(Policies.Admin)
        .WithTags("Jobs")
        .WithSummary("Run a scheduled job now (admin). archive: seals every incident filed so far.");
    }
}
