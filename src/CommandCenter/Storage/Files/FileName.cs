using System.Text.RegularExpressions;

namespace CommandCenter.Storage.Files;

/// <summary>
/// The names a file store accepts, checked by every store so no name leaves its area: an area is a known one; a name is
/// up to 200 characters of segments of A–Z, a–z, 0–9, '.', '-' and '_' joined by '/', no segment empty or starting with
/// '.' (so never "..", and a folder store's own hidden files stay out of reach).
/// </summary>
public static partial class FileName
{
    [GeneratedRegex(@"^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^([A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9._-]*$")]
    private static partial Regex PrefixPattern();

    public static void Check(string area, string name)
    {
        CheckArea(area);
        if (name.Length is 0 or > 200 || !Pattern().IsMatch(name))
            throw new ArgumentException($"\"{name}\" is not a stored file's name: use segments of letters, digits, '.', '-' and '_' joined by '/'.", nameof(name));
    }

    public static void CheckPrefix(string area, string prefix)
    {
        CheckArea(area);
        if (prefix.Length > 200 || !PrefixPattern().IsMatch(prefix))
            throw new ArgumentException($"\"{prefix}\" is not a prefix of stored files' names.", nameof(prefix));
    }

    private static void CheckArea(string area)
    {
        if (!FileAreas.All.Contains(area))
            throw new ArgumentException($"\"{area}\" is not a file area; the areas are {string.Join(", ", FileAreas.All)}.", nameof(area));
    }
}
