using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.Grains.Archive;

namespace CommandCenter.Archive;

public static class ArchiveEndpoints
{
    public static void MapArchiveEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/archive/verify", async (IArchiveStore archive, HttpContext http) =>
            {
                var verification = await archive.Verify(http.RequestAborted);
                return Results.Ok(verification);
            })
            .RequireAuthorization(Policies.Admin)
            .NotGridScoped("admin only, and admins are never scoped")
            .WithTags("Jobs")
            .WithSummary("Checks every archive file against the SHA-256 in the manifest and every sealed record against its digest; names each damaged file.");
}
