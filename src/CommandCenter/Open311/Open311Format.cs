namespace CommandCenter.Open311;

/// <summary>The format a GeoReport v2 call asks for by its extension: requests.json or requests.xml.</summary>
public enum Open311Format { Json, Xml }

public static class Open311Formats
{
    public static Open311Format? Parse(string? extension) => extension?.ToLowerInvariant() switch
    {
        "json" => Open311Format.Json,
        "xml" => Open311Format.Xml,
        _ => null,
    };

    /// <summary>The format of the route's {format}, else of the path's extension; JSON when it names none (for answering errors about it).</summary>
    public static Open311Format Of(HttpContext http) =>
        Parse(http.GetRouteValue("format") as string) ?? Parse(Path.GetExtension(http.Request.Path.Value)?.TrimStart('.')) ?? Open311Format.Json;
}
