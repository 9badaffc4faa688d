using System.Collections.Frozen;

namespace CommandCenter.Grains.Places;

/// <summary>
/// The toneless readings of the 6,763 GB2312 characters (most common first), so that an operator can
/// type 徐霞客 as "xuxiake" or "xxk". Polyphones keep every reading (长 chang / zhang): a name matches a
/// query when any choice of readings spells it, so no reading is guessed wrong.
/// Generated once from the pinyin-pro dictionary (samples/tools/pinyin-table.mjs).
/// </summary>
public static class Pinyin
{
    private static readonly FrozenDictionary<char, string[]> Readings = Load();

    /// <summary>The readings of a character, or none for a character that is not a GB2312 hanzi.</summary>
    public static IReadOnlyList<string> Of(char c) => Readings.TryGetValue(c, out var r) ? r : [];

    /// <summary>
    /// The initials of a name, lower case, by each character's most common reading (道路破损 → "dlps"); letters and
    /// digits are kept as they are (lower case), anything else is left out.
    /// </summary>
    public static string InitialsOf(string name)
    {
        var initials = new System.Text.StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (Readings.TryGetValue(c, out var readings) && readings.Length > 0 && readings[0].Length > 0) initials.Append(readings[0][0]);
            else if (char.IsAsciiLetterOrDigit(c)) initials.Append(char.ToLowerInvariant(c));
        }
        return initials.ToString();
    }

    private static FrozenDictionary<char, string[]> Load()
    {
        using var stream = typeof(Pinyin).Assembly.GetManifestResourceStream("CommandCenter.Grains.Places.pinyin.tsv")
            ?? throw new InvalidOperationException("The pinyin table is missing from the build.");
        using var reader = new StreamReader(stream);
        var table = new Dictionary<char, string[]>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length < 3 || line[0] == '#') continue;
            table[line[0]] = line[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        return table.ToFrozenDictionary();
    }
}
