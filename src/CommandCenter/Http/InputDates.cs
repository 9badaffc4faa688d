using System.Globalization;
using System.Text.RegularExpressions;

namespace CommandCenter.Http;

/// <summary>
/// Instants the center works with lie between 1970 and 2200. Anything outside (0001-01-01, 9999-12-31)
/// is refused at the edge: windows, offsets and time zones near DateTimeOffset's ends overflow.
/// </summary>
public static partial class InputDates
{
    public static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Latest = new(2200, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [GeneratedRegex(@"^\s*[+-]?\d{4,}-\d{1,2}(-\d{1,2})?([T ]|\s*$)", RegexOptions.CultureInvariant)]
    private static partial Regex DateLike();

    /// <summary>What is wrong with a value that is written as a date, or null (also for values that are no date at all).</summary>
    public static string? Problem(string text)
    {
        if (text.Length > 64 || !DateLike().IsMatch(text)) return null;
        var year = YearOf(text);
        if (year is null) return null;
        if (year < Earliest.Year || year >= Latest.Year) return Refusal(text);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && (at < Earliest || at >= Latest))
            return Refusal(text);
        return null;
    }

    private static int? YearOf(string text)
    {
        var trimmed = text.TrimStart().TrimStart('+');
        if (trimmed.StartsWith('-')) return -1;
        var dash = trimmed.IndexOf('-');
        return dash > 0 && dash <= 9 && int.TryParse(trimmed.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : int.MaxValue;
    }

    private static string Refusal(string text) =>
        $"\"{(text.Length > 40 ? text[..40] + "…" : text)}\" is outside the dates the center works with ({Earliest:yyyy-MM-dd} to {Latest:yyyy-MM-dd}).";
}
