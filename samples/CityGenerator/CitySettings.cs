using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityGenerator;

/// <summary>
/// What makes one sample city differ from another, read from <c>&lt;folder&gt;/source/city-settings.json</c>:
/// the grid id prefix and the city's name, the input files, the random seed, the level-1 short
/// names, the place-name stems and the point look-up the validator checks. The code holds no city.
/// </summary>
public sealed record CitySettings
{
    public const string FileName = "city-settings.json";

    /// <summary>Grid id prefix: the city's id and the start of every grid id, e.g. "JY".</summary>
    public required string Id { get; init; }

    /// <summary>Name of the level-0 grid, e.g. 江阴市.</summary>
    public required string Name { get; init; }

    /// <summary>The level-0 grid's area (urban or rural).</summary>
    public string Area { get; init; } = "urban";

    /// <summary>County outline (GeoJSON FeatureCollection), relative to source/.</summary>
    public required string Outline { get; init; }

    /// <summary>Level-1 centres (CSV name,kind,lon,lat,source), relative to source/; rows are in grid-id order.</summary>
    public required string Towns { get; init; }

    /// <summary>Master seed of every random draw (sites, names, roster, probes).</summary>
    public int Seed { get; init; } = 20240531;

    /// <summary>Grid name for a CSV name that is too long for a grid (e.g. 江阴高新技术产业开发区 → 高新区).</summary>
    public Dictionary<string, string> ShortNames { get; init; } = [];

    /// <summary>Stem of the community at the centre of each level-1 unit, by grid name; every unit needs one.</summary>
    public required Dictionary<string, string> CentreStems { get; init; }

    /// <summary>Stems used first (nearest the centre) in some level-1 units, by grid name.</summary>
    public Dictionary<string, string[]> PreferredStems { get; init; } = [];

    /// <summary>Pool of stems the other level-2 names are drawn from at random.</summary>
    public required string[] StemPool { get; init; }

    /// <summary>A known point that must land in a level-3 grid under the given level-1 grid.</summary>
    public Probe? Probe { get; init; }

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static CitySettings Load(string folder)
    {
        var path = Path.Combine(folder, "source", FileName);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no city settings (see samples/Jiangyin/source/{FileName})", path);
        }
        var settings = JsonSerializer.Deserialize<CitySettings>(File.ReadAllText(path), Options)
            ?? throw new InvalidDataException($"{path}: empty");
        if (!System.Text.RegularExpressions.Regex.IsMatch(settings.Id, "^[A-Z]{2,4}$"))
        {
            throw new InvalidDataException($"{path}: id \"{settings.Id}\" must be 2–4 capital letters");
        }
        if (settings.Area is not ("urban" or "rural"))
        {
            throw new InvalidDataException($"{path}: area must be urban or rural");
        }
        return settings;
    }

    /// <summary>Id of the level-1 grid at 0-based position <paramref name="index"/>: JY01, JY02, ….</summary>
    public string TownId(int index) => $"{Id}{index + 1:00}";
}

/// <summary>A named point and the level-1 grid id its level-3 grid must lie under.</summary>
public sealed record Probe(string Name, double Lon, double Lat, string TownId);
