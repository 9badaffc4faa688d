using System.Text.RegularExpressions;

namespace CommandCenter.Intake;

/// <summary>What a reporter may tell us about themselves and what they saw, and how much of it.</summary>
public static partial class ReporterChecks
{
    public const int MaxName = 100;
    public const int MaxAddress = 500;
    public const int MaxPhotos = 10;
    public const int MaxPhotoReference = 500;

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-]{2,29}$")]
    private static partial Regex PhoneNumber();

    /// <summary>Digits with spaces, dashes and brackets, an optional leading +, 3 to 30 characters: 0510-86801234, +86 138 0000 0000.</summary>
    public static bool IsPhoneNumber(string text) => PhoneNumber().IsMatch(text);

    /// <summary>A name from first and last name: Chinese order for Chinese names (张 + 三 → 张三), else "First Last".</summary>
    public static string? FullName(string? first, string? last)
    {
        if (first is null || last is null) return first ?? last;
        return IsHan(first) && IsHan(last) ? last + first : $"{first} {last}";
    }

    private static bool IsHan(string text) => text.All(c => c is >= '\u3400' and <= '\u9FFF');
}
