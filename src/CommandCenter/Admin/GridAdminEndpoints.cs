using CommandCenter.Access;
using CommandCenter.Grains.Geography;
using CommandCenter.Grids;

namespace CommandCenter.Admin;

/// <summary>A grid file checked before it replaces the hierarchy, and the hierarchy exported.</summary>
public static class GridAdminEndpoints
{
    public sealed record GridLevelCount(int Level, int Grids);

    public sealed record GridPreview(bool Accepted, int GridCount, IReadOnlyList<GridLevelCount> Levels, IReadOnlyList<GridImportProblem> Problems);

    public static void MapGridAdminEndpoints(this RouteGroupBuilder admin)
    {
        admin.MapPost("/grids/preview", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            // The same reader as the import itself: the preview's report is the import's.
            var result = GridImport.Read(await reader.ReadToEndAsync());
            var levels = result.Hierarchy?.Nodes.GroupBy(n => n.Level).OrderBy(g => g.Key).Select(g => new GridLevelCount(g.Key, g.Count())).ToList()
                         ?? [];
            return Results.Ok(new GridPreview(result.Accepted, result.Hierarchy?.Nodes.Count ?? 0, levels, result.Problems));
        })
        .NotGridScoped("admin only, and admins are never scoped")
        .Accepts<object>("application/geo+json", "application/json")
        .WithSummary("Check a grid GeoJSON without importing it: the counts per level, or every bad feature named (index, grid id, problem). Changes nothing.");

        admin.MapGet("/grids/export", async (IGrainFactory grains) =>
        {
            var current = await grains.GetGrain<IGridCatalogGrain>("city").GetCurrent();
            if (current is null)
                return Results.Problem(title: "No grid hierarchy", detail: "No grid hierarchy has been imported yet.", statusCode: StatusCodes.Status404NotFound);
            return Results.File(System.Text.Encoding.UTF8.GetBytes(current.GeoJson), "application/geo+json; charset=utf-8", "grids.geojson");
        })
        .NotGridScoped("admin only, and admins are never scoped")
        .WithSummary("The grid hierarchy in force, as the GeoJSON it was imported from.");
    }
}
