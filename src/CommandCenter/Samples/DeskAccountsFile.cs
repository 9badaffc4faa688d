using System.Text.Json;
using System.Text.Json.Serialization;
using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Geography;

namespace CommandCenter.Samples;

/// <summary>One demo desk account of a sample city: an operator or supervisor, scoped to a grid subtree or not.</summary>
public sealed record DeskAccount(string Username, string Role, string? GridScope);

/// <summary>
/// Reads a sample city's accounts.json: a JSON array of {username, role, gridScope?}. Worker accounts are
/// not listed there: every roster member gets one. A missing file means no desk accounts.
/// </summary>
public static class DeskAccountsFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static IReadOnlyList<DeskAccount> Read(string path, GridHierarchy grids)
    {
        if (!File.Exists(path)) return [];
        var entries = JsonSerializer.Deserialize<List<DeskAccount>>(File.ReadAllText(path), Options)
                      ?? throw new InvalidDataException($"{path} holds no accounts.");
        foreach (var (entry, i) in entries.Select((e, i) => (e, i)))
        {
            if (string.IsNullOrWhiteSpace(entry.Username))
                throw new InvalidDataException($"{path}: [{i}].username is missing.");
            if (entry.Role is not (Roles.Operator or Roles.Supervisor))
                throw new InvalidDataException($"{path}: [{i}].role must be \"{Roles.Operator}\" or \"{Roles.Supervisor}\", not \"{entry.Role}\".");
            if (entry.GridScope is not null && grids.Find(entry.GridScope) is null)
                throw new InvalidDataException($"{path}: [{i}].gridScope \"{entry.GridScope}\" is not a grid of the sample city.");
        }
        var duplicate = entries.GroupBy(e => e.Username).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidDataException($"{path}: username {duplicate.Key} appears {duplicate.Count()} times.");
        return entries;
    }
}
