namespace CommandCenter.Grains.Incidents;

/// <summary>
/// 案件查询: what the desk's search box finds. A case number finds its case; otherwise every word typed must
/// appear (ignoring case) in the report's address, description, caller name or caller phone; a query that looks
/// like a phone number ("139 1234 5678", "139-1234-5678") is compared digits only with the caller's phone.
/// Stores keep <see cref="TextOf"/> and <see cref="PhoneDigitsOf"/> of each report and ask <see cref="Matches"/>
/// (or do the same in their own query language).
/// </summary>
public static class CaseSearch
{
    public const int MaxQuery = 100;
    /// <summary>The fewest digits a phone query compares (fewer would match nearly every number).</summary>
    public const int MinPhoneDigits = 3;

    /// <summary>What was typed, read once: the case number it may be, its words (lower case) and its digits if it looks like a phone number.</summary>
    public sealed record Terms(string Id, IReadOnlyList<string> Words, string? PhoneDigits);

    public static Terms Parse(string query)
    {
        var trimmed = query.Trim();
        var words = trimmed.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return new Terms(trimmed, words, LooksLikePhone(trimmed) ? Digits(trimmed) : null);
    }

    /// <summary>The digits of a phone number, nothing else ("139 1234-5678" → "13912345678").</summary>
    public static string Digits(string? text) => new((text ?? "").Where(char.IsAsciiDigit).ToArray());

    public static bool LooksLikePhone(string text) =>
        text.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')') && Digits(text).Length >= MinPhoneDigits;

    /// <summary>The searchable text of a report: address, description, caller name and phone digits, lower case.</summary>
    public static string TextOf(IncidentReport report) =>
        string.Join("\n", new[] { report.Address, report.Description, report.ReporterName, PhoneDigitsOf(report) }.Where(t => !string.IsNullOrEmpty(t)))
            .ToLowerInvariant();

    /// <summary>The caller's phone, digits only; null when the report has none.</summary>
    public static string? PhoneDigitsOf(IncidentReport report) => Digits(report.ReporterPhone) is { Length: > 0 } digits ? digits : null;

    /// <summary>Whether the case <paramref name="id"/> with this report text and phone digits is found by <paramref name="terms"/>.</summary>
    public static bool Matches(Terms terms, string id, string? text, string? phoneDigits) =>
        string.Equals(id, terms.Id, StringComparison.OrdinalIgnoreCase)
        || (text is not null && terms.Words.Count > 0 && terms.Words.All(w => text.Contains(w, StringComparison.Ordinal)))
        || (terms.PhoneDigits is { } digits && phoneDigits?.Contains(digits, StringComparison.Ordinal) == true);
}
