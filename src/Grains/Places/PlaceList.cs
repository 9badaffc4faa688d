using System.Text.Json;

namespace CommandCenter.Grains.Places;

/// <summary>One thing wrong with an imported places file, named by feature and field.</summary>
[GenerateSerializer, Alias("PlaceProblem")]
public sealed record PlaceProblem([property: Id(0)] string Field, [property: Id(1)] string Problem);

/// <summary>A places file read: the places when every feature is good, else every problem found.</summary>
public sealed record PlaceListResult(IReadOnlyList<Place> Places, IReadOnlyList<PlaceProblem> Problems)
{
    public bool Accepted => Problems.Count == 0;
}

/// <summary>
/// Reads a city's places list: a GeoJSON FeatureCollection of Points (landmarks, seats, communities) and
/// LineStrings (roads) with properties id, name, kind and optional aliases, as any GIS tool exports it.
/// The whole file is refused when a feature is bad, with every bad feature named.
/// </summary>
public static class PlaceList
{
    public const int MaxPlaces = 100_000;
    public const int MaxNameLength = 60;

    public static PlaceListResult Read(string geoJson)
    {
        var problems = new List<PlaceProblem>();
        var places = new List<Place>();
        JsonDocument document;
        try { document = JsonDocument.Parse(geoJson, new JsonDocumentOptions { MaxDepth = 16 }); }
        catch (JsonException) { return Refused("body", "The places file is not JSON: send a GeoJSON FeatureCollection."); }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
                return Refused("features", "A GeoJSON FeatureCollection with a features array is expected.");
            if (features.GetArrayLength() > MaxPlaces) return Refused("features", $"At most {MaxPlaces:N0} places per city.");
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var i = 0;
            foreach (var feature in features.EnumerateArray())
            {
                var at = $"features[{i++}]";
                var place = ReadFeature(feature, at, problems);
                if (place is null) continue;
                if (!ids.Add(place.Id)) { problems.Add(new($"{at}.properties.id", $"The id \"{place.Id}\" is used twice.")); continue; }
                places.Add(place);
            }
        }
        return problems.Count > 0 ? new PlaceListResult([], problems) : new PlaceListResult(places, []);
    }

    private static Place? ReadFeature(JsonElement feature, string at, List<PlaceProblem> problems)
    {
        if (feature.ValueKind != JsonValueKind.Object || !feature.TryGetProperty("properties", out var props) || props.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new($"{at}.properties", "Each feature needs properties with id, name and kind."));
            return null;
        }
        var before = problems.Count;
        var id = Text(props, "id", at, problems, 40);
        var name = Text(props, "name", at, problems, MaxNameLength);
        var kindText = Text(props, "kind", at, problems, 20);
        PlaceKind kind = default;
        if (kindText is not null && (!Enum.TryParse(kindText, ignoreCase: true, out kind) || kind == PlaceKind.Grid || int.TryParse(kindText, out _)))
            problems.Add(new($"{at}.properties.kind", "kind is one of road, community, landmark, seat."));
        var aliases = new List<string>();
        if (props.TryGetProperty("aliases", out var list) && list.ValueKind == JsonValueKind.Array)
            foreach (var alias in list.EnumerateArray())
                if (alias.ValueKind == JsonValueKind.String && Clean(alias.GetString()) is { Length: > 0 and <= MaxNameLength } a) aliases.Add(a);
                else problems.Add(new($"{at}.properties.aliases", $"Each alias is a name of 1 to {MaxNameLength} characters."));
        var shape = Shape(feature, at, problems);
        if (problems.Count > before || shape is null) return null;
        return new Place(id!, name!, kind, shape, null, aliases.Count > 0 ? aliases : null);
    }

    private static List<PlacePoint>? Shape(JsonElement feature, string at, List<PlaceProblem> problems)
    {
        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object
            || !geometry.TryGetProperty("type", out var type) || !geometry.TryGetProperty("coordinates", out var coordinates))
        {
            problems.Add(new($"{at}.geometry", "A Point or a LineString is required."));
            return null;
        }
        var points = new List<PlacePoint>();
        switch (type.ValueKind == JsonValueKind.String ? type.GetString() : null)
        {
            case "Point" when Position(coordinates) is { } p:
                points.Add(p);
                break;
            case "LineString" when coordinates.ValueKind == JsonValueKind.Array && coordinates.GetArrayLength() is >= 2 and <= 10_000:
                foreach (var c in coordinates.EnumerateArray())
                {
                    if (Position(c) is not { } v) { problems.Add(new($"{at}.geometry.coordinates", "Each position is [longitude, latitude] in degrees.")); return null; }
                    points.Add(v);
                }
                break;
            default:
                problems.Add(new($"{at}.geometry", "A Point ([longitude, latitude]) or a LineString of 2 to 10,000 positions is required."));
                return null;
        }
        return points;
    }

    private static PlacePoint? Position(JsonElement c)
    {
        if (c.ValueKind != JsonValueKind.Array || c.GetArrayLength() < 2) return null;
        if (c[0].ValueKind != JsonValueKind.Number || c[1].ValueKind != JsonValueKind.Number) return null;
        double lon = c[0].GetDouble(), lat = c[1].GetDouble();
        return lat is >= -90 and <= 90 && lon is >= -180 and <= 180 ? new PlacePoint(lat, lon) : null;
    }

    private static string? Text(JsonElement props, string field, string at, List<PlaceProblem> problems, int max)
    {
        var raw = props.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var value = Clean(raw);
        if (raw is not null && value is null)
        {
            problems.Add(new($"{at}.properties.{field}", $"{field} holds control characters or broken text."));
            return null;
        }
        if (string.IsNullOrEmpty(value) || value.Length > max)
        {
            problems.Add(new($"{at}.properties.{field}", $"{field} is required: text of 1 to {max} characters."));
            return null;
        }
        return value;
    }

    /// <summary>Trimmed, with control characters and lone surrogates refused (null) so no stored name can break a view.</summary>
    private static string? Clean(string? text)
    {
        if (text is null) return null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c)) return null;
            if (char.IsHighSurrogate(c) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[++i]))) return null;
            if (char.IsLowSurrogate(c)) return null;
        }
        return text.Trim();
    }

    private static PlaceListResult Refused(string field, string problem) => new([], [new PlaceProblem(field, problem)]);
}
