namespace CommandCenter.Grains.Patrol;

/// <summary>A patrol day is the city's calendar day: from local midnight to the next, whatever the offset (daylight saving included).</summary>
public static class PatrolDay
{
    /// <summary>The day as a UTC window [local midnight, next local midnight).</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Window(DateOnly day, TimeZoneInfo zone) => (Midnight(day, zone), Midnight(day.AddDays(1), zone));

    /// <summary>The city's date at an instant.</summary>
    public static DateOnly Of(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        // A midnight skipped by a clock change starts the day at the first instant that exists.
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
