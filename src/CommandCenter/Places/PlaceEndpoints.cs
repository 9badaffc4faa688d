using CommandCenter.Access;
using CommandCenter.Auth;
using CommandCenter.Grains.Places;
using CommandCenter.Grids;
using CommandCenter.Http;

namespace CommandCenter.Places;

/// <summary>The gazetteer over HTTP: find a place by (part of) its name or pinyin; an admin imports the places list.</summary>
public static class PlaceEndpoints
{
    /// <summary>One found place: where to pin it, its shape (a road's line), and the grids it lies in, deepest first.</summary>
    public sealed record PlaceView(
        string Id, string Name, string Kind, string KindName, double Lat, double Lon, IReadOnlyList<double[]> Shape, string? GridId,
        IReadOnlyList<GridEndpoints.ChainLink> Chain, int Score, string MatchedBy, bool Confident);

    public static void MapPlaceEndpoints(this IEndpointRouteBuilder app)
    {
        var places = app.MapGroup("/api/places").WithTags("Places");

        places.MapGet("/", async (string? q, int? limit, PlaceDirectory directory) =>
        {
            var fields = new Fields();
            if (string.IsNullOrWhiteSpace(q)) fields.Add("q", "Type (a part of) a place's name, its pinyin or initials.");
            else if (q.Length > Gazetteer.MaxQueryLength) fields.Add("q", $"q is at most {Gazetteer.MaxQueryLength} characters.");
            if (limit is < 1 or > 50) fields.Add("limit", "limit is from 1 to 50.");
            if (fields.Any) return fields.Result();
            var gazetteer = await directory.Current();
            if (gazetteer is null) return Results.Problem(title: "No grid hierarchy", detail: "No grid hierarchy has been imported yet.", statusCode: 503);
            return Results.Ok(gazetteer.Search(q!, limit ?? 10).Select(View).ToList());
        })
        .NotGridScoped("place names and the hierarchy are public knowledge inside the center; a caller's address may lie anywhere in the city")
        .WithSummary("Places whose name, pinyin or initials match q (every grid at every level and the imported places), best first, each with its grid chain.");

        places.MapPost("/import", async (HttpRequest request, IGrainFactory grains, PlaceDirectory directory, CommandCenter.Admin.AuditLog audit) =>
        {
            using var reader = new StreamReader(request.Body);
            var report = await grains.GetGrain<IPlaceCatalogGrain>("city").Import(await reader.ReadToEndAsync());
            if (!report.Accepted)
                return Results.Problem(
                    title: "The places list was rejected; nothing changed.",
                    detail: $"{report.Problems.Count} problem(s): " + string.Join(" ", report.Problems.Take(5).Select(p => $"{p.Field}: {p.Problem}")),
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    extensions: new Dictionary<string, object?> { ["problems"] = report.Problems });
            await directory.Refresh();
            await audit.Record(request.HttpContext.User, "places.import", "places", null, new { version = report.Version, places = report.Count });
            return Results.Ok(new { report.Version, report.Count });
        })
        .RequireAuthorization(Policies.Admin)
        .NotGridScoped("admin only, and admins are never scoped")
        .Accepts<object>("application/geo+json", "application/json")
        .WithSummary("Replace the city's places list (admin): a GeoJSON FeatureCollection of Points and LineStrings with id, name, kind (road, community, landmark, seat) and optional aliases. A rejected list names every bad feature and changes nothing.");
    }

    public static PlaceView View(PlaceMatch match)
    {
        var anchor = match.Place.Anchor;
        return new PlaceView(
            match.Place.Id, match.Place.Name, match.Place.Kind.ToString().ToLowerInvariant(), PlaceKindWords.Chinese(match.Place.Kind), anchor.Lat, anchor.Lon,
            match.Place.Shape.Count > 1 ? match.Place.Shape.Select(p => new[] { p.Lon, p.Lat }).ToList() : [],
            match.Chain.Count > 0 ? match.Chain[0].Id : null,
            match.Chain.Select(n => new GridEndpoints.ChainLink(n.Id, n.Name, n.Level)).ToList(),
            match.Score, match.MatchedBy.ToString().ToLowerInvariant(), match.Score >= Gazetteer.ConfidentScore);
    }
}
