using CommandCenter.Auth;
using CommandCenter.Grains.Dossiers;

namespace CommandCenter.Assessment;

public static class DossierEndpoints
{
    public sealed record DossierView(string Kind, string Id, IReadOnlyList<DossierEntry> Entries);

    public static void MapDossierEndpoints(this IEndpointRouteBuilder app)
    {
        var dossiers = app.MapGroup("/api/dossiers").WithTags("Assessment").RequireAuthorization(Policies.Supervision);

        dossiers.MapGet("/members/{id}", async (string id, IGrainFactory grains) =>
            Results.Ok(new DossierView("member", id, await grains.GetGrain<IDossierGrain>(DossierGrain.MemberKey(id)).Entries())))
            .WithSummary("A member's dossier (考核入档): one entry per assessed month with its score and KPIs.");

        dossiers.MapGet("/grids/{id}", async (string id, IGrainFactory grains) =>
            Results.Ok(new DossierView("grid", id, await grains.GetGrain<IDossierGrain>(DossierGrain.GridKey(id)).Entries())))
            .WithSummary("A grid's dossier (its whole subtree): one entry per assessed month with its score and KPIs.");
    }
}
