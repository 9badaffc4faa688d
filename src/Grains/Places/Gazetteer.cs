using System.Globalization;
using CommandCenter.Grains.Geography;

namespace CommandCenter.Grains.Places;

/// <summary>
/// The city's names: every grid at every level and the imported places (roads, communities, landmarks,
/// seats), searched the way a call-taker types while the caller speaks: a part of the name (澄江),
/// the whole name, pinyin (chengjiang, cheng jiang), initials (cj) or a mix (澄j), and names with a
/// character left out (徐客镇 finds 徐霞客镇). Built once per grid hierarchy and places version.
/// </summary>
public sealed class Gazetteer
{
    /// <summary>The longest query looked at; longer text is not a place name.</summary>
    public const int MaxQueryLength = 60;

    /// <summary>A match this good names one place with confidence (Open311's address_string, the hotline's typed address).</summary>
    public const int ConfidentScore = 80;

    private readonly List<(Place Place, string Key, IReadOnlyList<GridNode> Chain)> entries = [];

    public Gazetteer(GridIndex grids, IEnumerable<Place> places)
    {
        foreach (var node in grids.Hierarchy.Nodes)
        {
            var inside = node.Geometry.InteriorPoint;
            var place = new Place($"grid:{node.Id}", node.Name, PlaceKind.Grid, [new PlacePoint(inside.Y, inside.X)], node.Id);
            entries.Add((place, Normalise(node.Name), grids.Hierarchy.ChainOf(node.Id)));
        }
        foreach (var place in places)
        {
            var anchor = place.Anchor;
            var chain = place.GridId is { } gridId && grids.Hierarchy.Find(gridId) is not null
                ? grids.Hierarchy.ChainOf(gridId)
                : grids.Locate(anchor.Lat, anchor.Lon)?.Chain ?? [];
            entries.Add((place, Normalise(place.Name), chain));
            foreach (var alias in place.Aliases ?? []) entries.Add((place, Normalise(alias), chain));
        }
    }

    public int Count => entries.Count;

    /// <summary>The best matches for what was typed, best first, one answer per place.</summary>
    public IReadOnlyList<PlaceMatch> Search(string query, int limit = 10)
    {
        var q = Normalise(query);
        if (q.Length == 0 || q.Length > MaxQueryLength) return [];
        return entries
            .Select(e => (e.Place, e.Chain, Match: Score(q, e.Key)))
            .Where(m => m.Match.Score > 0)
            .GroupBy(m => m.Place.Id)
            .Select(g => g.OrderByDescending(m => m.Match.Score).First())
            .OrderByDescending(m => m.Match.Score)
            .ThenBy(m => KindOrder(m.Place.Kind))
            .ThenBy(m => m.Place.Name.Length)
            .ThenBy(m => m.Place.Id, StringComparer.Ordinal)
            .Take(Math.Clamp(limit, 1, 50))
            .Select(m => new PlaceMatch(m.Place, m.Match.Score, m.Match.Kind, m.Chain))
            .ToList();
    }

    /// <summary>
    /// The one place an address names, or null when no match is confident or two places match equally
    /// well (then a person must choose; an automatic channel is refused).
    /// </summary>
    public PlaceMatch? Resolve(string address)
    {
        if (Normalise(address).Length < 2) return null;
        var found = Search(address, 2);
        if (found.Count == 0 || found[0].Score < ConfidentScore) return null;
        if (found.Count > 1 && found[1].Score == found[0].Score) return null;
        return found[0];
    }

    /// <summary>
    /// How well the typed text names the name: by kind of match, then by how much of the name is left
    /// over (徐霞 is nearer 徐霞客镇 than 徐霞客镇人民政府), then by how far in the match starts.
    /// </summary>
    private static (int Score, MatchKind Kind) Score(string q, string name)
    {
        if (name == q) return (100, MatchKind.Exact);
        int Left(int covered) => Math.Min(name.Length - covered, 8);
        if (name.StartsWith(q, StringComparison.Ordinal)) return (96 - Left(q.Length), MatchKind.Prefix);
        var at = name.IndexOf(q, StringComparison.Ordinal);
        if (at > 0) return (90 - Left(q.Length) - Math.Min(at, 5), MatchKind.Contains);
        if (q.Any(IsLatin))
        {
            for (var start = 0; start < name.Length; start++)
                if (Spells(q, 0, name, start, out var end))
                    return (start == 0 ? 88 - Left(end) : 70 - Left(end - start) - Math.Min(start, 5), MatchKind.Pinyin);
            return (0, MatchKind.Fuzzy);
        }
        // Every typed character in the name, in order: a name said with a character left out.
        return q.Length >= 2 && IsSubsequence(q, name) ? (50 + 10 * q.Length / name.Length, MatchKind.Fuzzy) : (0, MatchKind.Fuzzy);
    }

    /// <summary>Whether the query from <paramref name="qi"/> spells the name from <paramref name="ni"/>: hanzi as themselves, pinyin syllables, initials, a last syllable half typed.</summary>
    private static bool Spells(string q, int qi, string name, int ni, out int end)
    {
        end = ni;
        if (qi == q.Length) return true;
        if (ni == name.Length) return false;
        var c = name[ni];
        if (!IsLatin(q[qi]) || !IsHanzi(c))
            return q[qi] == c && Spells(q, qi + 1, name, ni + 1, out end);
        foreach (var reading in Pinyin.Of(c))
        {
            var rest = q.Length - qi;
            if (rest >= reading.Length && string.CompareOrdinal(q, qi, reading, 0, reading.Length) == 0 && Spells(q, qi + reading.Length, name, ni + 1, out end)) return true;
            if (rest < reading.Length && string.CompareOrdinal(q, qi, reading, 0, rest) == 0 && rest > 1) { end = ni + 1; return true; }
            if (q[qi] == reading[0] && Spells(q, qi + 1, name, ni + 1, out end)) return true;
        }
        return false;
    }

    private static bool IsSubsequence(string q, string name)
    {
        var i = 0;
        foreach (var c in name) if (i < q.Length && q[i] == c) i++;
        return i == q.Length;
    }

    /// <summary>Lower-case Latin letters and digits, hanzi kept; spaces, punctuation and the apostrophe of xi'an dropped.</summary>
    public static string Normalise(string text)
    {
        var chars = new List<char>(text.Length);
        foreach (var c in text.Normalize(System.Text.NormalizationForm.FormKC))
        {
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c) || char.IsControl(c) || char.IsSurrogate(c)) continue;
            chars.Add(char.ToLower(c, CultureInfo.InvariantCulture) == 'ü' ? 'v' : char.ToLower(c, CultureInfo.InvariantCulture));
        }
        return new string([.. chars]);
    }

    private static bool IsLatin(char c) => c is >= 'a' and <= 'z';

    private static bool IsHanzi(char c) => c is >= '\u4e00' and <= '\u9fff';

    private static int KindOrder(PlaceKind kind) => kind switch
    {
        PlaceKind.Seat => 0, PlaceKind.Landmark => 1, PlaceKind.Community => 2, PlaceKind.Road => 3, _ => 4,
    };
}
