using CommandCenter.Grains.Catalogue;
using CommandCenter.Incidents;

namespace CommandCenter.Open311;

/// <summary>A category of the catalogue as a GeoReport v2 service. No category asks extra attributes, so metadata is false.</summary>
public sealed record Open311Service(string ServiceCode, string ServiceName, string Description, bool Metadata, string Type, string Keywords, string Group)
{
    public static Open311Service Of(Category c)
    {
        var kind = c.Kind == CategoryKind.Component ? "部件" : "事件";
        return new Open311Service(c.Code, c.Name, $"{kind} · {c.MajorName} · {c.Name}，由{PlatformWords.Chinese(c.Platform)}处理。", false, "realtime",
            $"{c.MajorName}, {c.Name}, {kind}, {PlatformWords.Chinese(c.Platform)}", c.MajorName);
    }
}

/// <summary>A service's definition: its extra attributes, none here.</summary>
public sealed record Open311ServiceDefinition(string ServiceCode, IReadOnlyList<object> Attributes)
{
    public static Open311ServiceDefinition Of(Category c) => new(c.Code, []);
}
