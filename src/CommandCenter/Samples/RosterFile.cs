using System.Text.Json;
using System.Text.Json.Serialization;
using CommandCenter.Grains.Members;

namespace CommandCenter.Samples;

/// <summary>Reads a roster file: a JSON array of {id, name, role, gridId, employment, phone}.</summary>
public static class RosterFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static IReadOnlyList<MemberProfile> Read(string path)
    {
        var entries = JsonSerializer.Deserialize<List<MemberProfile>>(File.ReadAllText(path), Options)
                      ?? throw new InvalidDataException($"{path} holds no roster.");
        var duplicate = entries.GroupBy(e => e.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidDataException($"{path}: member id {duplicate.Key} appears {duplicate.Count()} times.");
        return entries;
    }
}
