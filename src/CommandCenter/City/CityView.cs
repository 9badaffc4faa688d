using System.Globalization;
using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Setup;
using CommandCenter.Grains.Sla;

namespace CommandCenter.City;

/// <summary>An office period of a working day, "HH:mm" as the policy file writes it.</summary>
public sealed record OfficePeriod(string From, string To);

/// <summary>When the city works: the SLA policy's calendar, dates as yyyy-MM-dd.</summary>
public sealed record CalendarView(
    IReadOnlyList<OfficePeriod> OfficeHours,
    IReadOnlyList<string> WorkingDays,
    IReadOnlyList<string> Holidays,
    IReadOnlyList<string> MakeUpWorkdays)
{
    public static CalendarView Of(WorkingCalendar calendar) => new(
        calendar.OfficeHours.Select(p => new OfficePeriod(Time(p.From), Time(p.To))).ToList(),
        calendar.WorkingDays.Order().Select(d => d.ToString()).ToList(),
        Dates(calendar.Holidays),
        Dates(calendar.MakeUpWorkdays));

    private static string Time(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);

    private static List<string> Dates(IEnumerable<DateOnly> days) =>
        days.Order().Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList();
}

/// <summary>
/// The city document (GET /api/city): what the pages need to show the city as it reads itself.
/// Name from the city's settings (else the grid hierarchy's root), root grid from the hierarchy (null before one is
/// imported), time zone and calendar from the SLA policy in force, the case prefix from the city's settings. <see cref="UtcOffset"/> is the zone's offset now, for display only:
/// pages convert instants with <see cref="TimeZone"/>, which knows daylight saving where a zone has it.
/// </summary>
public sealed record CityView(string Name, string? RootGridId, string TimeZone, string UtcOffset, string CasePrefix, CalendarView Calendar)
{
    public static CityView Of(GridNode? root, CitySettings settings, WorkingCalendar calendar, DateTimeOffset now)
    {
        var offset = calendar.TimeZone.GetUtcOffset(now);
        return new CityView(
            settings.Name ?? root?.Name ?? "",
            root?.Id,
            calendar.TimeZone.Id,
            (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture),
            settings.CasePrefix,
            CalendarView.Of(calendar));
    }
}
