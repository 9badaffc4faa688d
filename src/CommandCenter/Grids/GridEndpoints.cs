using System.Text.Json;
using System.Security.Claims;
using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Grids;
using CommandCenter.Http;

namespace CommandCenter.Grids;

public static class GridEndpoints
{
    public sealed record ChainLink(string Id, string Name, int Level);
    public sealed record GridSummary(string Id, string? ParentId, int Level, string Name);
    public sealed record LocateAnswer(bool Inside, GridSummary? Grid = null, IReadOnlyList<ChainLink>? Chain = null);

    public static void MapGridEndpoints(this IEndpointRouteBuilder app)
    {
        var grids = app.MapGroup("/api/grids").WithTags("Grids");

        grids.MapGet("/", async (int? level, string? parent, GridDirectory directory, GridShapes shapes, HttpRequest request) =>
        {
            var index = await directory.Current();
            if (index is null) return NoHierarchy();
            var fields = new Fields();
            if (level is < 0 or > GridImport.MaxLevel) fields.Add("level", $"level must be from 0 to {GridImport.MaxLevel}.");
            if (parent is not null && index.Hierarchy.Find(parent) is null) fields.Add("parent", $"No grid has the id \"{parent}\".");
            if (fields.Any) return fields.Result();
            return shapes.For(index, level, parent, () => index.Hierarchy.Nodes.Where(n => (level is null || n.Level == level) && (parent is null || n.ParentId == parent)))
                .Result(request);
        })
        .NotGridScoped("the hierarchy's shapes are public knowledge inside the center; the pages draw the whole city")
        .WithSummary("The grids as a GeoJSON FeatureCollection, optionally one level or the children of one parent. It carries an ETag and answers 304 to If-None-Match while the hierarchy is unchanged.");

        grids.MapGet("/locate", async (string? lat, string? lon, GridDirectory directory) =>
        {
            var fields = new Fields();
            var latitude = fields.Coordinate("lat", lat, 90);
            var longitude = fields.Coordinate("lon", lon, 180);
            if (fields.Any) return fields.Result();
            var index = await directory.Current();
            if (index is null) return NoHierarchy();
            var location = index.Locate(latitude, longitude);
            return Results.Ok(location is null
                ? new LocateAnswer(false)
                : new LocateAnswer(true, Summary(location.Grid), location.Chain.Select(n => new ChainLink(n.Id, n.Name, n.Level)).ToList()));
        })
        .NotGridScoped("locating a point reveals only the hierarchy, which is public inside the center")
        .WithSummary("The deepest grid containing a point and its chain up to the city; a point outside the city answers inside=false.");

        grids.MapGet("/{id}", async (string id, GridDirectory directory, IGrainFactory grainFactory, ClaimsPrincipal user, ScopeGate gate) =>
        {
            var index = await directory.Current();
            var node = index?.Hierarchy.Find(id);
            if (node is null) return Results.Problem(title: "Unknown grid", detail: $"No grid has the id \"{id}\".", statusCode: 404);
            // The shape and chain are public inside the center; the team only to those who see the grid.
            var members = (await gate.Covers(user))(id) ? await grainFactory.GetGrain<IGridGrain>(id).GetMemberIds() : [];
            var children = index!.Hierarchy.ChildrenOf(id).Select(c => c.Id).ToList();
            var chain = index.Hierarchy.ChainOf(id).Select(n => new ChainLink(n.Id, n.Name, n.Level)).ToList();
            return GeoJson(GridGeoJson.Feature(node, w =>
            {
                w.WritePropertyName("chain");
                JsonSerializer.Serialize(w, chain, JsonSerializerOptions.Web);
                w.WritePropertyName("children");
                JsonSerializer.Serialize(w, children);
                w.WritePropertyName("memberIds");
                JsonSerializer.Serialize(w, members);
            }));
        })
        .GridScoped(ScopeEffect.Narrows, "the shape and chain for anyone signed in; the team (memberIds) only inside the account's subtree")
        .WithSummary("One grid as a GeoJSON Feature, with its chain, children and team.");

        grids.MapPost("/import", async (HttpRequest request, IGrainFactory grainFactory, GridDirectory directory, CommandCenter.Admin.AuditLog audit) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var before = await directory.Current();
            var report = await grainFactory.GetGrain<IGridCatalogGrain>("city").Import(body);
            if (!report.Accepted)
                return Results.Problem(
                    title: "The grid import was rejected; nothing changed.",
                    detail: $"{report.Problems.Count} problem(s): " + string.Join(" ", report.Problems.Take(5).Select(p => $"[{p.FeatureIndex}{(p.GridId is null ? "" : $" {p.GridId}")}] {p.Problem}")),
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    extensions: new Dictionary<string, object?> { ["problems"] = report.Problems });
            await directory.Refresh();
            if (report.Version != before?.Hierarchy.Version)
                await audit.Record(request.HttpContext.User, "grids.import", "grids",
                    before is null ? null : new { version = before.Hierarchy.Version, grids = before.Hierarchy.Nodes.Count },
                    new { version = report.Version, grids = report.GridCount });
            return Results.Ok(report);
        })
        .RequireAuthorization(Policies.Admin)
        .NotGridScoped("admin only, and admins are never scoped")
        .Accepts<object>("application/geo+json", "application/json")
        .WithSummary("Replace the grid hierarchy with a GeoJSON FeatureCollection (admin). A rejected import names every bad feature and changes nothing.");
    }

    private static GridSummary Summary(GridNode node) => new(node.Id, node.ParentId, node.Level, node.Name);

    private static IResult NoHierarchy() =>
        Results.Problem(title: "No grid hierarchy", detail: "No grid hierarchy has been imported yet.", statusCode: 503);

    private static IResult GeoJson(byte[] body) => Results.Bytes(body, "application/geo+json; charset=utf-8");
}
