using System.Globalization;
using System.Text.RegularExpressions;

namespace CommandCenter.Grains.Assessment;

/// <summary>The assessments a city publishes: 月通报 a month, 季考评 a quarter, 年考核 a year.</summary>
public enum AssessmentKind { Month, Quarter, Year }

/// <summary>
/// One assessment period in the city's calendar, named as people write it: "2026-11" (a month), "2026-Q4" (a quarter),
/// "2026" (a year). Its window runs from the first day's midnight to the next period's, in the city's time zone.
/// </summary>
public sealed partial record AssessmentPeriod(string Code, AssessmentKind Kind, DateOnly First, DateOnly Next)
{
    /// <summary>The period a code names, or null with what is wrong in <paramref name="problem"/>.</summary>
    public static AssessmentPeriod? Parse(string? code, out string? problem)
    {
        problem = null;
        var text = code?.Trim() ?? "";
        var match = CodePattern().Match(text);
        if (!match.Success)
        {
            problem = $"period must be a month (2026-11), a quarter (2026-Q4) or a year (2026), not \"{code}\".";
            return null;
        }
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["month"].Success)
        {
            var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12) { problem = $"period: month {month} does not exist."; return null; }
            var first = new DateOnly(year, month, 1);
            return new AssessmentPeriod(first.ToString("yyyy-MM", CultureInfo.InvariantCulture), AssessmentKind.Month, first, first.AddMonths(1));
        }
        if (match.Groups["quarter"].Success)
        {
            var quarter = int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture);
            if (quarter is < 1 or > 4) { problem = $"period: quarter {quarter} does not exist; write Q1 to Q4."; return null; }
            var first = new DateOnly(year, (quarter - 1) * 3 + 1, 1);
            return new AssessmentPeriod($"{year}-Q{quarter}", AssessmentKind.Quarter, first, first.AddMonths(3));
        }
        var january = new DateOnly(year, 1, 1);
        return new AssessmentPeriod(year.ToString(CultureInfo.InvariantCulture), AssessmentKind.Year, january, january.AddYears(1));
    }

    /// <summary>The period's window: [first day 00:00, next period's first day 00:00) in the city's zone, as instants.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Window(TimeZoneInfo zone) => (Midnight(First, zone), Midnight(Next, zone));

    /// <summary>The same kind of period just before this one (the trend's comparison).</summary>
    public AssessmentPeriod Previous() => Kind switch
    {
        AssessmentKind.Month => Parse(First.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture), out _)!,
        AssessmentKind.Quarter => Parse($"{First.AddMonths(-3).Year}-Q{(First.AddMonths(-3).Month - 1) / 3 + 1}", out _)!,
        _ => Parse((First.Year - 1).ToString(CultureInfo.InvariantCulture), out _)!,
    };

    /// <summary>What the assessment is called: 月通报, 季考评, 年考核.</summary>
    public string Name => Kind switch { AssessmentKind.Month => "月通报", AssessmentKind.Quarter => "季考评", _ => "年考核" };

    /// <summary>The period in words: 2026年11月, 2026年第四季度, 2026年度.</summary>
    public string Words => Kind switch
    {
        AssessmentKind.Month => $"{First.Year}年{First.Month}月",
        AssessmentKind.Quarter => $"{First.Year}年第{"一二三四"[(First.Month - 1) / 3]}季度",
        _ => $"{First.Year}年度",
    };

    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    [GeneratedRegex(@"^(?<year>\d{4})(-(?<month>\d{2})|-[Qq](?<quarter>\d))?$", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
