namespace CommandCenter.Grains.Inspections;

/// <summary>The period quotas and the public feed count by: a calendar month in the city's time zone, written "yyyy-MM".</summary>
public static class InspectionPeriod
{
    public static string Of(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out (int Year, int Month) month)
    {
        month = default;
        if (text is not { Length: 7 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(5, 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m)
            || year is < 1970 or > 2199 || m is < 1 or > 12)
            return false;
        month = (year, m);
        return true;
    }

    /// <summary>The instant the month starts, in the city's time zone.</summary>
    public static DateTimeOffset Start(int year, int month, TimeZoneInfo zone)
    {
        var local = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateTimeOffset StartOf(string period, TimeZoneInfo zone) =>
        TryParse(period, out var m) ? Start(m.Year, m.Month, zone) : throw new ArgumentException($"\"{period}\" is not a month written yyyy-MM.", nameof(period));

    /// <summary>The instant the month ends (the next one starts).</summary>
    public static DateTimeOffset EndOf(string period, TimeZoneInfo zone)
    {
        if (!TryParse(period, out var m)) throw new ArgumentException($"\"{period}\" is not a month written yyyy-MM.", nameof(period));
        return m.Month == 12 ? Start(m.Year + 1, 1, zone) : Start(m.Year, m.Month + 1, zone);
    }
}
