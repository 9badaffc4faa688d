using CommandCenter.Grains.Sla;

namespace CommandCenter.Rules.Tests;

/// <summary>
/// China has no daylight saving, but the calendar must not assume it: Berlin moves its clocks on
/// Sunday 29 March 2026 (02:00 CET → 03:00 CEST) and Sunday 25 October 2026 (03:00 CEST → 02:00 CET).
/// </summary>
[Trait("Category", "Unit")]
public class DaylightSavingTests
{
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);
    private static readonly TimeSpan Cest = TimeSpan.FromHours(2);

    [Fact]
    public void Office_hours_follow_the_wall_clock_after_the_spring_change()
    {
        var berlin = new WorkingCalendar("Europe/Berlin");

        // Friday 17:00 CET, half an hour left that day, the other half on Monday from 08:30 CEST.
        berlin.AddWorkingTime(new DateTimeOffset(2026, 3, 27, 17, 0, 0, Cet), TimeSpan.FromHours(1))
            .Should().Be(new DateTimeOffset(2026, 3, 30, 9, 0, 0, Cest));
    }

    [Fact]
    public void Office_hours_follow_the_wall_clock_after_the_autumn_change()
    {
        var berlin = new WorkingCalendar("Europe/Berlin");

        berlin.AddWorkingTime(new DateTimeOffset(2026, 10, 23, 17, 0, 0, Cest), TimeSpan.FromHours(1))
            .Should().Be(new DateTimeOffset(2026, 10, 26, 9, 0, 0, Cet));
    }

    [Fact]
    public void A_night_shift_across_the_spring_change_is_an_hour_shorter()
    {
        var nights = NightShiftEveryDay();

        // 01:00 CET is 00:00 UTC; 04:00 CEST is 02:00 UTC.
        nights.WorkingTimeBetween(new DateTimeOffset(2026, 3, 29, 0, 0, 0, Cet), new DateTimeOffset(2026, 3, 29, 12, 0, 0, Cest))
            .Should().Be(TimeSpan.FromHours(2));
        nights.AddWorkingTime(new DateTimeOffset(2026, 3, 29, 1, 0, 0, Cet), TimeSpan.FromHours(2))
            .Should().Be(new DateTimeOffset(2026, 3, 29, 4, 0, 0, Cest));
    }

    [Fact]
    public void A_night_shift_across_the_autumn_change_is_an_hour_longer()
    {
        var nights = NightShiftEveryDay();

        // 01:00 CEST is 23:00 UTC the day before; 04:00 CET is 03:00 UTC.
        nights.WorkingTimeBetween(new DateTimeOffset(2026, 10, 25, 0, 0, 0, Cest), new DateTimeOffset(2026, 10, 25, 12, 0, 0, Cet))
            .Should().Be(TimeSpan.FromHours(4));
        nights.AddWorkingTime(new DateTimeOffset(2026, 10, 25, 1, 0, 0, Cest), TimeSpan.FromHours(4))
            .Should().Be(new DateTimeOffset(2026, 10, 25, 4, 0, 0, Cet));
    }

    [Fact]
    public void Adding_and_measuring_agree_across_a_whole_year_of_clock_changes()
    {
        var nights = NightShiftEveryDay();
        var random = new Random(29);
        var yearStart = new DateTimeOffset(2026, 1, 1, 0, 0, 0, Cet);
        for (var i = 0; i < 500; i++)
        {
            var start = yearStart.AddTicks(random.NextInt64(TimeSpan.FromDays(365).Ticks));
            var work = TimeSpan.FromTicks(random.NextInt64(1, TimeSpan.FromHours(50).Ticks));

            nights.WorkingTimeBetween(start, nights.AddWorkingTime(start, work)).Should().Be(work);
        }
    }

    private static WorkingCalendar NightShiftEveryDay() => new(
        "Europe/Berlin",
        officeHours: [(new TimeOnly(1, 0), new TimeOnly(4, 0))],
        workingDays: Enum.GetValues<DayOfWeek>());
}
