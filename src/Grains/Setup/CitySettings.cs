using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace CommandCenter.Grains.Setup;

/// <summary>
/// What a city says about itself in its city.json beyond its grids and its SLA policy: its name (when
/// absent, the grid hierarchy's root names it) and the prefix of its case numbers. Its time zone and working
/// calendar are the SLA policy's (working time is counted in them), so each is written down once.
/// </summary>
public sealed partial record CitySettings(string CasePrefix, string? Name = null)
{
    public const int MaxNameLength = 40;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static CitySettings Load(string path) => Read(File.ReadAllText(path), path);

    /// <summary>The settings in <paramref name="json"/>; a bad file throws naming the field and the source.</summary>
    public static CitySettings Read(string json, string source)
    {
        CityFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CityFile>(json, Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a city file ({e.Message})");
        }
        var prefix = file?.CasePrefix?.Trim();
        // Case numbers become grain keys and URL segments (PREFIX-yyyyMMdd-NNNNNN): letters and digits only.
        if (string.IsNullOrEmpty(prefix) || !PrefixPattern().IsMatch(prefix))
            throw new InvalidDataException($"{source}: casePrefix must be 1 to 8 ASCII letters or digits, not \"{file?.CasePrefix}\"");
        var name = string.IsNullOrWhiteSpace(file?.Name) ? null : file.Name.Trim();
        if (name is { Length: > MaxNameLength })
            throw new InvalidDataException($"{source}: name must be at most {MaxNameLength} characters");
        return new CitySettings(prefix, name);
    }

    /// <summary>The settings as a city.json document, which <see cref="Read"/> reads back to the same.</summary>
    public string ToJson() => JsonSerializer.Serialize(new CityFile(CasePrefix, Name), Options);

    private sealed record CityFile(string? CasePrefix, string? Name = null);

    [GeneratedRegex("^[A-Za-z0-9]{1,8}$")]
    private static partial Regex PrefixPattern();
}
