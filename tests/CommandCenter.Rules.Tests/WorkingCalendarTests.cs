using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Sla;
using static CommandCenter.Rules.Tests.Jiangyin;

namespace CommandCenter.Rules.Tests;

/// <summary>Working time in Jiangyin: 08:30–12:00 and 13:30–17:30, Monday to Friday. 2026-03-02 is a Monday.</summary>
[Trait("Category", "Unit")]
public class WorkingCalendarTests
{
    private readonly WorkingCalendar _plain = TestPolicies.PlainCalendar();

    [Fact]
    public void Working_time_skips_the_night()
    {
        _plain.AddWorkingTime(At(2026, 3, 2, 16, 30), TimeSpan.FromHours(2)).Should().Be(At(2026, 3, 3, 9, 30));
    }

    [Fact]
    public void Working_time_skips_the_lunch_break()
    {
        _plain.AddWorkingTime(At(2026, 3, 2, 11, 0), TimeSpan.FromHours(2)).Should().Be(At(2026, 3, 2, 14, 30));
    }

    [Fact]
    public void Working_time_skips_the_weekend()
    {
        _plain.AddWorkingTime(At(2026, 3, 6, 17, 0), TimeSpan.FromHours(1)).Should().Be(At(2026, 3, 9, 9, 0));
    }

    [Fact]
    public void Working_time_skips_a_listed_holiday()
    {
        var calendar = new WorkingCalendar("Asia/Shanghai", holidays: [new DateOnly(2026, 3, 9)]);

        calendar.AddWorkingTime(At(2026, 3, 6, 17, 0), TimeSpan.FromHours(1)).Should().Be(At(2026, 3, 10, 9, 0));
    }

    [Fact]
    public void Working_time_counts_a_make_up_saturday()
    {
        var calendar = new WorkingCalendar("Asia/Shanghai", makeUpWorkdays: [new DateOnly(2026, 3, 7)]);

        calendar.AddWorkingTime(At(2026, 3, 6, 17, 0), TimeSpan.FromHours(1)).Should().Be(At(2026, 3, 7, 9, 0));
        calendar.IsWorkingInstant(At(2026, 3, 7, 10, 0)).Should().BeTrue();
    }

    [Theory]
    [InlineData(6, 0)]   // before the office opens
    [InlineData(8, 30)]  // exactly when it opens
    public void Counting_starts_when_the_office_opens(int hour, int minute)
    {
        _plain.AddWorkingTime(At(2026, 3, 2, hour, minute), TimeSpan.FromHours(1)).Should().Be(At(2026, 3, 2, 9, 30));
    }

    [Fact]
    public void Counting_started_in_the_lunch_break_begins_after_it()
    {
        _plain.AddWorkingTime(At(2026, 3, 2, 12, 30), TimeSpan.FromHours(1)).Should().Be(At(2026, 3, 2, 14, 30));
    }

    [Fact]
    public void Counting_started_on_a_saturday_begins_on_monday_morning()
    {
        _plain.AddWorkingTime(At(2026, 3, 7, 10, 0), TimeSpan.FromHours(1)).Should().Be(At(2026, 3, 9, 9, 30));
    }

    [Fact]
    public void Work_that_fills_a_period_ends_when_the_period_ends_not_when_the_next_begins()
    {
        _plain.AddWorkingTime(At(2026, 3, 2, 8, 30), TimeSpan.FromHours(3.5)).Should().Be(At(2026, 3, 2, 12, 0));
        _plain.AddWorkingTime(At(2026, 3, 2, 8, 30), TimeSpan.FromHours(7.5)).Should().Be(At(2026, 3, 2, 17, 30));
    }

    [Fact]
    public void Adding_no_work_returns_the_start_even_outside_office_hours()
    {
        var saturday = At(2026, 3, 7, 10, 0);
        _plain.AddWorkingTime(saturday, TimeSpan.Zero).Should().Be(saturday);
    }

    [Fact]
    public void Negative_work_is_refused()
    {
        var add = () => _plain.AddWorkingTime(At(2026, 3, 2, 9, 0), TimeSpan.FromMinutes(-1));
        add.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Two_hundred_working_hours_are_twenty_six_full_days_and_five_hours()
    {
        // 26 × 7.5 h = 195 h from Monday 2 March: 25 days to Friday 3 April, the 26th is Monday 6 April;
        // the last 5 h are 08:30–12:00 and 13:30–15:00 on Tuesday 7 April.
        _plain.AddWorkingTime(At(2026, 3, 2, 8, 30), TimeSpan.FromHours(200)).Should().Be(At(2026, 4, 7, 15, 0));
        _plain.WorkingTimeBetween(At(2026, 3, 2, 8, 30), At(2026, 4, 7, 15, 0)).Should().Be(TimeSpan.FromHours(200));
    }

    [Fact]
    public void A_holiday_inside_a_long_span_pushes_the_end_by_one_working_day()
    {
        var calendar = new WorkingCalendar("Asia/Shanghai", holidays: [new DateOnly(2026, 4, 6)]);

        calendar.AddWorkingTime(At(2026, 3, 2, 8, 30), TimeSpan.FromHours(200)).Should().Be(At(2026, 4, 8, 15, 0));
    }

    [Fact]
    public void Working_time_between_counts_only_office_hours()
    {
        _plain.WorkingTimeBetween(At(2026, 3, 6, 17, 0), At(2026, 3, 9, 9, 0)).Should().Be(TimeSpan.FromHours(1));
        _plain.WorkingTimeBetween(At(2026, 3, 2, 0, 0), At(2026, 3, 3, 0, 0)).Should().Be(TimeSpan.FromHours(7.5));
        _plain.WorkingTimeBetween(At(2026, 3, 2, 0, 0), At(2026, 3, 9, 0, 0)).Should().Be(TimeSpan.FromHours(37.5));
        _plain.WorkingTimeBetween(At(2026, 3, 7, 0, 0), At(2026, 3, 8, 23, 59)).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Working_time_between_is_zero_when_the_end_is_not_after_the_start()
    {
        _plain.WorkingTimeBetween(At(2026, 3, 2, 10, 0), At(2026, 3, 2, 9, 0)).Should().Be(TimeSpan.Zero);
        _plain.WorkingTimeBetween(At(2026, 3, 2, 10, 0), At(2026, 3, 2, 10, 0)).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void Instants_in_office_hours_are_working_and_period_ends_are_not()
    {
        _plain.IsWorkingInstant(At(2026, 3, 2, 8, 30)).Should().BeTrue();
        _plain.IsWorkingInstant(At(2026, 3, 2, 12, 0).AddTicks(-1)).Should().BeTrue();
        _plain.IsWorkingInstant(At(2026, 3, 2, 12, 0)).Should().BeFalse();
        _plain.IsWorkingInstant(At(2026, 3, 2, 13, 0)).Should().BeFalse();
        _plain.IsWorkingInstant(At(2026, 3, 2, 17, 30)).Should().BeFalse();
        _plain.IsWorkingInstant(At(2026, 3, 7, 10, 0)).Should().BeFalse();
    }

    [Fact]
    public void Instants_come_back_in_utc_whatever_the_offset_they_went_in_with()
    {
        var due = _plain.AddWorkingTime(At(2026, 3, 2, 9, 0), TimeSpan.FromHours(1));

        due.Offset.Should().Be(TimeSpan.Zero);
        due.Should().Be(new DateTimeOffset(2026, 3, 2, 2, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Working_time_between_undoes_adding_working_time_on_random_samples()
    {
        var calendar = SamplePolicy().Calendar; // with the 2026 holidays and make-up days
        var random = new Random(20260101);
        var yearStart = At(2026, 1, 1, 0, 0);
        for (var i = 0; i < 2_000; i++)
        {
            var start = yearStart.AddTicks(random.NextInt64(TimeSpan.FromDays(330).Ticks));
            var work = TimeSpan.FromTicks(random.NextInt64(1, TimeSpan.FromHours(120).Ticks));

            var end = calendar.AddWorkingTime(start, work);

            calendar.WorkingTimeBetween(start, end).Should().Be(work, "start {0:O}, work {1}", start, work);
            calendar.IsWorkingInstant(end.AddTicks(-1)).Should().BeTrue("working time runs just before {0:O}", end);
        }
    }

    [Fact]
    public void Adding_the_working_time_between_two_instants_reaches_the_later_one_when_it_is_in_office_hours()
    {
        var calendar = SamplePolicy().Calendar;
        var random = new Random(7);
        var yearStart = At(2026, 1, 1, 0, 0);
        var checkedPairs = 0;
        while (checkedPairs < 1_000)
        {
            var from = yearStart.AddTicks(random.NextInt64(TimeSpan.FromDays(300).Ticks));
            var to = from.AddTicks(random.NextInt64(1, TimeSpan.FromDays(30).Ticks));
            // An instant outside office hours is not reached by adding: the sum stops at the previous period's end.
            if (!calendar.IsWorkingInstant(to) || !calendar.IsWorkingInstant(to.AddTicks(-1)))
                continue;

            calendar.AddWorkingTime(from, calendar.WorkingTimeBetween(from, to)).Should().Be(to, "from {0:O}", from);
            checkedPairs++;
        }
    }

    [Fact]
    public void Overlapping_or_reversed_office_hours_are_refused()
    {
        var overlapping = () => new WorkingCalendar("Asia/Shanghai",
            officeHours: [(new TimeOnly(8, 30), new TimeOnly(12, 0)), (new TimeOnly(11, 0), new TimeOnly(14, 0))]);
        var reversed = () => new WorkingCalendar("Asia/Shanghai", officeHours: [(new TimeOnly(12, 0), new TimeOnly(8, 30))]);

        overlapping.Should().Throw<ArgumentException>().WithMessage("*overlap*");
        reversed.Should().Throw<ArgumentException>().WithMessage("*does not end after it starts*");
    }

    private static SlaPolicy SamplePolicy() =>
        SlaPolicy.Load(SampleFile("sla-policy.json"), CategoryCatalogue.Load(SampleFile("categories.json")));
}
