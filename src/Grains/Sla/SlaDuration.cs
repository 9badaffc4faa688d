using System.Globalization;
using System.Text.RegularExpressions;

namespace CommandCenter.Grains.Sla;

/// <summary>
/// A time limit as people write it in policies and catalogues: "45s", "30m", "1.5h" count clock
/// time, "8wh" counts working hours (工作时), which only run during office hours on working days.
/// </summary>
[GenerateSerializer, Alias("SlaDuration")]
public readonly partial record struct SlaDuration(
    [property: Id(0)] TimeSpan Amount,
    [property: Id(1)] bool Working)
{
    // A year of clock time is far beyond any real limit; the cap keeps typos like "80000h" out
    // and keeps every arithmetic on instants far away from DateTimeOffset's range.
    private static readonly TimeSpan Longest = TimeSpan.FromHours(8_760);

    public static SlaDuration Parse(string text) =>
        TryParse(text, out var duration, out var problem) ? duration : throw new FormatException(problem);

    public static bool TryParse(string? text, out SlaDuration duration) => TryParse(text, out duration, out _);

    /// <summary>Like <see cref="TryParse(string?, out SlaDuration)"/>, and says what is wrong when it fails.</summary>
    public static bool TryParse(string? text, out SlaDuration duration, out string problem)
    {
        duration = default;
        problem = $"\"{text}\" is not a duration; use s, m, h or wh (e.g. 45s, 30m, 1.5h, 8wh)";
        var match = text is null ? Match.Empty : Shape().Match(text.Trim());
        if (!match.Success
            || !decimal.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            return false;

        var unit = match.Groups["unit"].Value;
        var ticksPerUnit = unit switch
        {
            "s" => TimeSpan.TicksPerSecond,
            "m" => TimeSpan.TicksPerMinute,
            _ => TimeSpan.TicksPerHour,
        };
        // Compared by division: "9999999999999999999999999999h" times ticks would overflow even a decimal.
        if (number <= 0 || number > (decimal)Longest.Ticks / ticksPerUnit)
        {
            problem = $"\"{text}\" must be more than 0 and at most {Longest.TotalHours:0}h";
            return false;
        }
        // decimal keeps "1.1h" exact; a double would be a few ticks off and break equality.
        var ticks = (long)decimal.Round(number * ticksPerUnit);
        if (ticks <= 0)
        {
            problem = $"\"{text}\" is shorter than the clock can count";
            return false;
        }
        duration = new SlaDuration(TimeSpan.FromTicks(ticks), unit == "wh");
        return true;
    }

    public static SlaDuration Clock(TimeSpan amount) => new(amount, false);

    public static SlaDuration WorkingHours(double hours) => new(TimeSpan.FromHours(hours), true);

    /// <summary>
    /// The text form Parse reads back to this same value: working time in hours ("8wh"), clock time in
    /// the largest unit that keeps it short ("30m", "1.5h", "45s").
    /// </summary>
    public override string ToString()
    {
        if (Working)
            return Number(Amount.Ticks, TimeSpan.TicksPerHour) + "wh";
        if (Amount.Ticks % TimeSpan.TicksPerHour == 0 || (Amount >= TimeSpan.FromHours(1) && Amount.Ticks % (TimeSpan.TicksPerMinute * 15) == 0))
            return Number(Amount.Ticks, TimeSpan.TicksPerHour) + "h";
        if (Amount.Ticks % TimeSpan.TicksPerMinute == 0)
            return Number(Amount.Ticks, TimeSpan.TicksPerMinute) + "m";
        return Number(Amount.Ticks, TimeSpan.TicksPerSecond) + "s";
    }

    private static string Number(long ticks, long ticksPerUnit) =>
        ((decimal)ticks / ticksPerUnit).ToString("0.#######", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<number>[0-9]+(\.[0-9]+)?)(?<unit>wh|s|m|h)$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
