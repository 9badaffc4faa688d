using System.Text.RegularExpressions;
using CityGenerator.Geo;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Overlay;
using NetTopologySuite.Operation.OverlayNG;

namespace CityGenerator.Validation;

/// <summary>
/// The checks the product's importer applies to grids.geojson, run on the data as re-read from
/// the serialised bytes: ids, hierarchy, validity, minimum area, containment, sibling overlap,
/// coverage, and point look-ups (town centres, the city's probe point, random points inside the city).
/// </summary>
public static partial class GridValidator
{
    public const double Tolerance = 0.005;          // 0.5 %
    public const double MinPolygonSquareMetres = 10_000;
    private const int RandomProbePoints = 5_000;

    public static void Validate(IReadOnlyList<GridCell> grids, IReadOnlyList<Town> towns, CitySettings city)
    {
        var errors = new ValidationErrors();
        var byId = CheckIds(grids, city, errors);
        errors.ThrowIfAny("grid ids");

        foreach (var g in grids)
        {
            CheckGeometry(g, errors);
        }
        errors.ThrowIfAny("grid geometry");

        foreach (var family in grids.Where(g => g.ParentId is not null).GroupBy(g => g.ParentId!))
        {
            CheckFamily(byId[family.Key], family.ToList(), errors);
        }
        foreach (var g in grids.Where(g => g.Level < 3 && grids.All(c => c.ParentId != g.Id)))
        {
            errors.Add($"{g.Id}: level {g.Level} grid has no children");
        }
        errors.ThrowIfAny("grid hierarchy");

        CheckPoints(grids, byId, towns, city, errors);
        errors.ThrowIfAny("grid point look-ups");
    }

    private static Dictionary<string, GridCell> CheckIds(IReadOnlyList<GridCell> grids, CitySettings city, ValidationErrors errors)
    {
        var byId = new Dictionary<string, GridCell>();
        foreach (var g in grids)
        {
            if (!byId.TryAdd(g.Id, g))
            {
                errors.Add($"{g.Id}: duplicate id");
            }
            errors.Check(g.Level is >= 0 and <= 3, $"{g.Id}: level {g.Level} out of range");
            errors.Check(IdPattern(city.Id, g.Level).IsMatch(g.Id), $"{g.Id}: id does not match the level-{g.Level} scheme");
            errors.Check(g.Name.Length > 0, $"{g.Id}: empty name");
            errors.Check((g.Level == 0) == (g.ParentId is null), $"{g.Id}: parentId must be null exactly at level 0");
            errors.Check(g.Level > 1 ? g.Area is null : g.Area is "urban" or "rural",
                $"{g.Id}: area must be urban or rural at levels 0 and 1 and left to inheritance below, not {g.Area ?? "missing"}");
        }
        foreach (var g in grids.Where(g => g.ParentId is not null))
        {
            if (!byId.TryGetValue(g.ParentId!, out var parent))
            {
                errors.Add($"{g.Id}: unknown parent {g.ParentId}");
                continue;
            }
            errors.Check(parent.Level == g.Level - 1, $"{g.Id}: parent {parent.Id} is not one level up");
            errors.Check(g.Id.StartsWith(parent.Id, StringComparison.Ordinal), $"{g.Id}: id does not extend {parent.Id}");
        }
        var villageNames = grids.Where(g => g.Level == 2).Select(g => g.Name).ToList();
        errors.Check(villageNames.Distinct().Count() == villageNames.Count, "level-2 names are not unique");
        errors.Check(villageNames.All(n => n.EndsWith('村') || n.EndsWith("社区", StringComparison.Ordinal)),
            "a level-2 name does not end in 村 or 社区");
        return byId;
    }

    /// <summary>Id scheme per level for the city's prefix, e.g. JY, JY01, JY01-01, JY01-01-01.</summary>
    private static Regex IdPattern(string prefix, int level) => new(level switch
    {
        0 => $"^{prefix}$",
        1 => $"^{prefix}[0-9]{{2}}$",
        2 => $"^{prefix}[0-9]{{2}}-[0-9]{{2}}$",
        _ => $"^{prefix}[0-9]{{2}}-[0-9]{{2}}-[0-9]{{2}}$",
    }, RegexOptions.CultureInvariant);

    private static void CheckGeometry(GridCell g, ValidationErrors errors)
    {
        var geom = g.Geometry;
        if (geom.IsEmpty || geom is not (Polygon or MultiPolygon))
        {
            errors.Add($"{g.Id}: geometry must be a non-empty Polygon or MultiPolygon, is {geom.GeometryType}");
            return;
        }
        errors.Check(geom.IsValid, $"{g.Id}: invalid geometry");
        foreach (var part in Spatial.Polygons(geom))
        {
            var m2 = Spatial.SquareMetres(part);
            errors.Check(m2 >= MinPolygonSquareMetres, $"{g.Id}: polygon of {m2:F0} m² is below the minimum");
        }
        foreach (var c in geom.Coordinates)
        {
            if (c.X is < -180 or > 180 || c.Y is < -90 or > 90 || double.IsNaN(c.X) || double.IsNaN(c.Y))
            {
                errors.Add($"{g.Id}: coordinate {c} out of range");
                return;
            }
            if (Math.Round(c.X, 6) != c.X || Math.Round(c.Y, 6) != c.Y)
            {
                errors.Add($"{g.Id}: coordinate {c} has more than 6 decimals");
                return;
            }
        }
    }

    private static void CheckFamily(GridCell parent, List<GridCell> children, ValidationErrors errors)
    {
        foreach (var child in children)
        {
            var outside = Overlay(child.Geometry, parent.Geometry, SpatialFunction.Difference).Area;
            errors.Check(outside <= Tolerance * child.Geometry.Area,
                $"{child.Id}: {outside / child.Geometry.Area:P2} of it lies outside {parent.Id}");
        }
        for (var i = 0; i < children.Count; i++)
        {
            for (var j = i + 1; j < children.Count; j++)
            {
                var (a, b) = (children[i].Geometry, children[j].Geometry);
                if (!a.EnvelopeInternal.Intersects(b.EnvelopeInternal))
                {
                    continue;
                }
                var overlap = Overlay(a, b, SpatialFunction.Intersection).Area;
                errors.Check(overlap <= Tolerance * Math.Min(a.Area, b.Area),
                    $"{children[i].Id} and {children[j].Id} overlap");
            }
        }
        var union = UnaryUnionNG.Union(parent.Geometry.Factory.BuildGeometry(children.Select(c => c.Geometry)),
            parent.Geometry.PrecisionModel);
        errors.Check(union.Area >= (1 - Tolerance) * parent.Geometry.Area,
            $"{parent.Id}: children cover only {union.Area / parent.Geometry.Area:P2} of it");
    }

    private static Geometry Overlay(Geometry a, Geometry b, SpatialFunction op) => OverlayNGRobust.Overlay(a, b, op);

    private static void CheckPoints(IReadOnlyList<GridCell> grids, Dictionary<string, GridCell> byId,
        IReadOnlyList<Town> towns, CitySettings city, ValidationErrors errors)
    {
        var factory = grids[0].Geometry.Factory;
        for (var i = 0; i < towns.Count; i++)
        {
            var id = city.TownId(i);
            errors.Check(byId[id].Geometry.Covers(factory.CreatePoint(towns[i].Centre)),
                $"{towns[i].GridName} centre is not inside {id}");
        }

        var blocks = new STRtree<GridCell>();
        foreach (var b in grids.Where(g => g.Level == 3))
        {
            blocks.Insert(b.Geometry.EnvelopeInternal, b);
        }
        blocks.Build();
        GridCell? Locate(Coordinate c) =>
            blocks.Query(new Envelope(c)).FirstOrDefault(b => b.Geometry.Covers(factory.CreatePoint(c)));
        string TownOf(GridCell g) => g.Level == 1 ? g.Id : TownOf(byId[g.ParentId!]);

        if (city.Probe is { } probe)
        {
            var hit = Locate(new Coordinate(probe.Lon, probe.Lat));
            errors.Check(hit is not null && TownOf(hit) == probe.TownId,
                $"{probe.Name} ({probe.Lon}, {probe.Lat}) lands in {hit?.Id ?? "no level-3 grid"}, expected a block under {probe.TownId}");
        }

        var outline = grids.Single(g => g.Level == 0).Geometry;
        var env = outline.EnvelopeInternal;
        var random = StableSeed.Random("probe-points");
        var misses = 0;
        for (var probed = 0; probed < RandomProbePoints;)
        {
            var c = new Coordinate(env.MinX + random.NextDouble() * env.Width, env.MinY + random.NextDouble() * env.Height);
            if (!outline.Contains(factory.CreatePoint(c)))
            {
                continue;
            }
            probed++;
            if (Locate(c) is null)
            {
                misses++;
            }
        }
        errors.Check(misses == 0, $"{misses} of {RandomProbePoints} random points in the city are in no level-3 grid");
    }
}
