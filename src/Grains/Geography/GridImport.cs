using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CommandCenter.Grains.Sla;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.IO.Converters;
using NetTopologySuite.Operation.Valid;

namespace CommandCenter.Grains.Geography;

/// <summary>
/// Reads a grid hierarchy from a GeoJSON FeatureCollection (properties: id, parentId, level, name,
/// and optionally area: "urban" or "rural", inherited from the parent when absent) and checks it whole. Every problem found is reported with the feature it belongs to; a hierarchy
/// is only returned when there are none, so a rejected import can change nothing.
/// </summary>
public static class GridImport
{
    public const int MaxLevel = 3;

    private static readonly JsonSerializerOptions GeoJson = new() { Converters = { new GeoJsonConverterFactory() } };

    public static GridImportResult Read(string geoJson, GridImportTolerance? tolerance = null)
    {
        tolerance ??= GridImportTolerance.Default;
        var problems = new List<GridImportProblem>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(geoJson, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            return Rejected(new GridImportProblem(-1, null, $"The body is not valid JSON: check the value at {e.Path ?? "$"} (line {(e.LineNumber ?? 0) + 1})."));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "FeatureCollection"
                || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
                return Rejected(new GridImportProblem(-1, null, "The body must be a GeoJSON FeatureCollection with a \"features\" array."));

            var nodes = new List<(int Index, GridNode Node)>();
            var declaredAreas = new Dictionary<string, GridArea>(StringComparer.Ordinal);
            var index = 0;
            foreach (var feature in features.EnumerateArray())
            {
                var node = ReadFeature(feature, index, problems, declaredAreas);
                if (node is not null) nodes.Add((index, node));
                index++;
            }
            if (index == 0)
                return Rejected(new GridImportProblem(-1, null, "The collection has no features."));

            CheckStructure(nodes, problems);
            if (problems.Count == 0) CheckGeometryAgainstParents(nodes, tolerance, problems);
            if (problems.Count > 0) return new GridImportResult(null, problems);
            nodes = InheritAreas(nodes, declaredAreas);

            var version = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(geoJson)))[..16].ToLowerInvariant();
            return new GridImportResult(new GridHierarchy(nodes.Select(n => n.Node).ToList(), version), problems);
        }
    }

    private static GridImportResult Rejected(GridImportProblem problem) => new(null, [problem]);

    private static GridNode? ReadFeature(JsonElement feature, int index, List<GridImportProblem> problems, Dictionary<string, GridArea> declaredAreas)
    {
        void Problem(string? id, string text) => problems.Add(new GridImportProblem(index, id, text));

        if (feature.ValueKind != JsonValueKind.Object || !feature.TryGetProperty("properties", out var props) || props.ValueKind != JsonValueKind.Object)
        {
            Problem(null, "The feature has no \"properties\" object.");
            return null;
        }
        var id = Text(props, "id");
        var before = problems.Count;
        if (string.IsNullOrWhiteSpace(id)) Problem(null, "Property \"id\" is missing or empty.");
        var name = Text(props, "name");
        if (string.IsNullOrWhiteSpace(name)) Problem(id, "Property \"name\" is missing or empty.");
        string? parentId = null;
        if (props.TryGetProperty("parentId", out var parent) && parent.ValueKind != JsonValueKind.Null)
        {
            parentId = parent.ValueKind == JsonValueKind.String ? parent.GetString() : null;
            if (string.IsNullOrWhiteSpace(parentId)) Problem(id, "Property \"parentId\" must be a grid id or null.");
        }
        var level = -1;
        if (!props.TryGetProperty("level", out var levelElement) || levelElement.ValueKind != JsonValueKind.Number
            || !levelElement.TryGetInt32(out level) || level < 0 || level > MaxLevel)
            Problem(id, $"Property \"level\" must be a whole number from 0 (city) to {MaxLevel}.");
        if (props.TryGetProperty("area", out var areaElement) && areaElement.ValueKind != JsonValueKind.Null)
        {
            var area = AreaOf(areaElement);
            if (area is null) Problem(id, "Property \"area\" must be \"urban\" or \"rural\" (or left out to take the parent's).");
            else if (id is not null) declaredAreas[id] = area.Value;
        }

        var geometry = ReadGeometry(feature, id, Problem);
        return problems.Count == before && geometry is not null
            ? new GridNode(id!, parentId, level, name!, geometry)
            : null;
    }

    private static Geometry? ReadGeometry(JsonElement feature, string? id, Action<string?, string> problem)
    {
        if (!feature.TryGetProperty("geometry", out var element) || element.ValueKind != JsonValueKind.Object)
        {
            problem(id, "The feature has no geometry.");
            return null;
        }
        Geometry? geometry;
        try
        {
            geometry = element.Deserialize<Geometry>(GeoJson);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException or NotSupportedException)
        {
            // The reader's message names CLR types; the GeoJSON rule is what the caller can act on.
            problem(id, "The geometry cannot be read: give a GeoJSON Polygon or MultiPolygon with [longitude, latitude] positions.");
            return null;
        }
        if (geometry is not (Polygon or MultiPolygon) || geometry.IsEmpty)
        {
            problem(id, $"The geometry must be a non-empty Polygon or MultiPolygon, not {geometry?.GeometryType ?? "nothing"}.");
            return null;
        }
        foreach (var c in geometry.Coordinates)
        {
            if (!double.IsFinite(c.X) || !double.IsFinite(c.Y) || c.X is < -180 or > 180 || c.Y is < -90 or > 90)
            {
                problem(id, $"Coordinate [{c.X}, {c.Y}] is out of range: longitude must be within ±180 and latitude within ±90.");
                return null;
            }
        }
        var validity = new IsValidOp(geometry).ValidationError;
        if (validity is not null)
        {
            problem(id, $"The polygon is invalid ({validity.Message}) near [{validity.Coordinate?.X}, {validity.Coordinate?.Y}].");
            return null;
        }
        return geometry;
    }

    private static GridArea? AreaOf(JsonElement element) =>
        element.ValueKind != JsonValueKind.String ? null : element.GetString() switch
        {
            "urban" => GridArea.Urban,
            "rural" => GridArea.Rural,
            _ => null,
        };

    /// <summary>Each grid's area: its own, else its parent's, down from the city (urban unless it says otherwise).</summary>
    private static List<(int Index, GridNode Node)> InheritAreas(List<(int Index, GridNode Node)> nodes, Dictionary<string, GridArea> declared)
    {
        var resolved = new Dictionary<string, GridArea>(StringComparer.Ordinal);
        // Structure is checked: a parent is exactly one level up, so going level by level meets every parent first.
        foreach (var (_, node) in nodes.OrderBy(n => n.Node.Level))
            resolved[node.Id] = declared.TryGetValue(node.Id, out var own) ? own
                : node.ParentId is null ? GridArea.Urban : resolved[node.ParentId];
        return nodes.Select(n => (n.Index, n.Node with { Area = resolved[n.Node.Id] })).ToList();
    }

    private static string? Text(JsonElement props, string name) =>
        props.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void CheckStructure(List<(int Index, GridNode Node)> nodes, List<GridImportProblem> problems)
    {
        var byId = new Dictionary<string, GridNode>(StringComparer.Ordinal);
        foreach (var (index, node) in nodes)
            if (!byId.TryAdd(node.Id, node))
                problems.Add(new GridImportProblem(index, node.Id, $"Duplicate id \"{node.Id}\": ids must be unique."));

        var roots = nodes.Where(n => n.Node.ParentId is null).ToList();
        if (roots.Count != 1)
            problems.Add(new GridImportProblem(roots.Count > 1 ? roots[1].Index : -1, roots.Count > 1 ? roots[1].Node.Id : null,
                $"There must be exactly one root grid (parentId null), found {roots.Count}."));
        foreach (var (index, node) in roots.Where(r => r.Node.Level != 0))
            problems.Add(new GridImportProblem(index, node.Id, "The root grid must have level 0."));

        foreach (var (index, node) in nodes.Where(n => n.Node.ParentId is not null))
        {
            if (!byId.TryGetValue(node.ParentId!, out var parent))
                problems.Add(new GridImportProblem(index, node.Id, $"Unknown parent \"{node.ParentId}\"."));
            else if (parent.Level != node.Level - 1)
                problems.Add(new GridImportProblem(index, node.Id, $"Level {node.Level} must be one below its parent's level {parent.Level}."));
        }
    }

    private static void CheckGeometryAgainstParents(List<(int Index, GridNode Node)> nodes, GridImportTolerance tolerance, List<GridImportProblem> problems)
    {
        var byId = nodes.ToDictionary(n => n.Node.Id, n => n.Node, StringComparer.Ordinal);
        foreach (var family in nodes.Where(n => n.Node.ParentId is not null).GroupBy(n => n.Node.ParentId!))
        {
            var parent = byId[family.Key];
            var prepared = NetTopologySuite.Geometries.Prepared.PreparedGeometryFactory.Prepare(parent.Geometry);
            foreach (var (index, child) in family)
            {
                if (prepared.Contains(child.Geometry)) continue;
                var outside = child.Geometry.Difference(parent.Geometry).Area;
                if (outside > tolerance.OutsideParent * child.Geometry.Area)
                    problems.Add(new GridImportProblem(index, child.Id,
                        $"Not inside its parent \"{parent.Id}\": {outside / child.Geometry.Area:P1} of its area lies outside (tolerance {tolerance.OutsideParent:P1})."));
            }
            CheckSiblings(family.ToList(), tolerance, problems);
        }
    }

    private static void CheckSiblings(List<(int Index, GridNode Node)> siblings, GridImportTolerance tolerance, List<GridImportProblem> problems)
    {
        var tree = new STRtree<int>();
        for (var i = 0; i < siblings.Count; i++) tree.Insert(siblings[i].Node.Geometry.EnvelopeInternal, i);
        for (var i = 0; i < siblings.Count; i++)
        {
            var (index, a) = siblings[i];
            foreach (var j in tree.Query(a.Geometry.EnvelopeInternal))
            {
                if (j <= i) continue;
                var b = siblings[j].Node;
                if (!a.Geometry.Intersects(b.Geometry)) continue;
                var overlap = a.Geometry.Intersection(b.Geometry).Area;
                var smaller = Math.Min(a.Geometry.Area, b.Geometry.Area);
                if (overlap > tolerance.SiblingOverlap * smaller)
                    problems.Add(new GridImportProblem(index, a.Id,
                        $"Overlaps its sibling \"{b.Id}\" by {overlap / smaller:P1} of the smaller grid (tolerance {tolerance.SiblingOverlap:P1})."));
            }
        }
    }
}
