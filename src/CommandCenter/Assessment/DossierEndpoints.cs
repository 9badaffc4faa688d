using System.Security.Claims;
using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.Grains.Dossiers;

namespace CommandCenter.Assessment;

public static class DossierEndpoints
{
    public sealed record DossierView(string Kind, string Id, IReadOnlyList<DossierEntry> Entries);

    public static void MapDossierEndpoints(this IEndpointRouteBuilder app)
    {
        var dossiers = app.MapGroup("/api/dossiers").WithTags("Assessment").RequireAuthorization(Policies.Supervision);

        dossiers.MapGet("/members/{id}", async (string id, IGrainFactory grains, ClaimsPrincipal user, ScopeGate gate) =>
                await gate.Member(user, id) is { Refused: true } refused ? ScopeGate.Refusal(user, refused)
                    : Results.Ok(new DossierView("member", id, await grains.GetGrain<IDossierGrain>(DossierGrain.MemberKey(id)).Entries())))
            .GridScoped(ScopeEffect.Refuses, "the member by its home grid")
            .WithSummary("A member's dossier (考核入档): one entry per assessed month with its score and KPIs.");

        dossiers.MapGet("/grids/{id}", async (string id, IGrainFactory grains, ClaimsPrincipal user, ScopeGate gate) =>
                await gate.Subtree(user, id) is { Refused: true } refused ? ScopeGate.Refusal(user, refused)
                    : Results.Ok(new DossierView("grid", id, await grains.GetGrain<IDossierGrain>(DossierGrain.GridKey(id)).Entries())))
            .GridScoped(ScopeEffect.Refuses, "the grid: one outside the account's subtree is refused")
            .WithSummary("A grid's dossier (its whole subtree): one entry per assessed month with its score and KPIs.");
    }
}
