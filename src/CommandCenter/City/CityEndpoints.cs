using CommandCenter.Access;
using CommandCenter.Grains.Setup;
using CommandCenter.Grains.Sla;
using CommandCenter.Grids;

namespace CommandCenter.City;

public static class CityEndpoints
{
    /// <summary>GET /api/city for every signed-in account: the pages show times in its zone after sign-in, so none is needed before.</summary>
    public static void MapCityEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/city", async (GridDirectory grids, CitySettings settings, SlaPolicy policy, TimeProvider clock) =>
        {
            // A new city's admin reads it before any grid is imported: then it has no root grid yet.
            var index = await grids.Current();
            return Results.Ok(CityView.Of(index?.Hierarchy.Root, settings, policy.Calendar, clock.GetUtcNow()));
        })
        .WithTags("City")
        .NotGridScoped("the city's own settings: one document for the whole city, the same for every account")
        .Produces<CityView>()
        .WithSummary("The city: name, root grid, IANA time zone (and its UTC offset now, for display), case-number prefix and working calendar.");
    }
}
