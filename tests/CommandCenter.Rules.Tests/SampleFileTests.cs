using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Sla;
using static CommandCenter.Rules.Tests.Jiangyin;

namespace CommandCenter.Rules.Tests;

/// <summary>The committed Jiangyin files load and say what the design says.</summary>
[Trait("Category", "Unit")]
public class SampleFileTests
{
    private static readonly CategoryCatalogue Catalogue = CategoryCatalogue.Load(SampleFile("categories.json"));

    [Fact]
    public void The_sample_catalogue_loads_all_54_categories()
    {
        Catalogue.All.Should().HaveCount(54);
        Catalogue.Find("E0102").Should().Be(new Category("E0102", CategoryKind.Event, "01", "市容环境", "02", "暴露垃圾",
            Platform.LawEnforcement, Priority.Normal, SlaDuration.Parse("4wh")));
        Catalogue.All.Select(c => c.Platform).Distinct().Should().HaveCount(4);
    }

    [Fact]
    public void The_sample_policy_has_the_limits_of_the_design()
    {
        var policy = SlaPolicy.Load(SampleFile("sla-policy.json"), Catalogue);
        var rubbish = Catalogue.Find("E0102")!;
        var gasLeak = Catalogue.Find("E0403")!;

        policy.WarnFraction.Should().Be(0.8);
        policy.Calendar.TimeZone.Id.Should().Be("Asia/Shanghai");
        policy.LimitFor(gasLeak, Priority.Urgent, SlaStep.Grid, GridArea.Urban).Should().Be(SlaDuration.Parse("10m"));
        policy.LimitFor(rubbish, Priority.Normal, SlaStep.Grid, GridArea.Urban).Should().Be(SlaDuration.Parse("30m"));
        policy.LimitFor(gasLeak, Priority.Urgent, SlaStep.Dispatch, GridArea.Urban).Should().Be(SlaDuration.Parse("10m"));
        policy.LimitFor(rubbish, Priority.Normal, SlaStep.Dispatch, GridArea.Rural).Should().Be(SlaDuration.Parse("30m"));
        policy.LimitFor(rubbish, Priority.Normal, SlaStep.Accept, GridArea.Urban).Should().Be(SlaDuration.Parse("15m"));
        policy.LimitFor(rubbish, Priority.Normal, SlaStep.Handle, GridArea.Urban).Should().Be(SlaDuration.Parse("4wh"));
        policy.LimitFor(gasLeak, Priority.Urgent, SlaStep.Handle, GridArea.Urban).Should().Be(SlaDuration.Parse("30m"));
        policy.LimitFor(rubbish, Priority.Normal, SlaStep.Verify, GridArea.Urban).Should().Be(SlaDuration.Parse("1h"));
        policy.LimitFor(rubbish, Priority.Normal, SlaStep.Verify, GridArea.Rural).Should().Be(SlaDuration.Parse("2h"));
        policy.LimitFor(rubbish, Priority.Normal, SlaStep.Evaluate, GridArea.Urban).Should().Be(SlaDuration.Parse("8wh"));
    }

    [Fact]
    public void The_sample_calendar_knows_the_2026_holidays_and_make_up_days()
    {
        var calendar = SlaPolicy.Load(SampleFile("sla-policy.json"), Catalogue).Calendar;

        calendar.IsWorkingInstant(At(2026, 10, 1, 10, 0)).Should().BeFalse("National Day is a holiday");
        calendar.IsWorkingInstant(At(2026, 9, 20, 10, 0)).Should().BeTrue("Sunday 20 September is a make-up day");
        calendar.IsWorkingInstant(At(2026, 2, 14, 10, 0)).Should().BeTrue("Saturday 14 February is a make-up day");
        calendar.IsWorkingInstant(At(2026, 2, 23, 10, 0)).Should().BeFalse("Monday 23 February is still Spring Festival");
        calendar.Holidays.Should().HaveCount(33);
        calendar.MakeUpWorkdays.Should().HaveCount(6);
    }

    [Fact]
    public void Working_time_sleeps_through_the_national_day_week()
    {
        var calendar = SlaPolicy.Load(SampleFile("sla-policy.json"), Catalogue).Calendar;

        // Wednesday 30 September 17:00: half an hour that day, then nothing until Thursday 8 October.
        calendar.AddWorkingTime(At(2026, 9, 30, 17, 0), TimeSpan.FromHours(1)).Should().Be(At(2026, 10, 8, 9, 0));
    }

    [Fact]
    public void Working_time_counts_the_spring_festival_make_up_saturday()
    {
        var calendar = SlaPolicy.Load(SampleFile("sla-policy.json"), Catalogue).Calendar;

        // Friday 13 February 17:00: 0.5 h that day, the 7.5 h of make-up Saturday 14 February, then the
        // holiday until Monday 23 February inclusive; the last hour is Tuesday 24 February 08:30–09:30.
        calendar.AddWorkingTime(At(2026, 2, 13, 17, 0), TimeSpan.FromHours(8)).Should().Be(At(2026, 2, 14, 17, 30));
        calendar.AddWorkingTime(At(2026, 2, 13, 17, 0), TimeSpan.FromHours(9)).Should().Be(At(2026, 2, 24, 9, 30));
    }

    [Fact]
    public void The_fast_policy_turns_every_step_red_within_a_minute_of_clock_time()
    {
        var policy = SlaPolicy.Load(SampleFile("sla-policy.fast.json"), Catalogue);

        foreach (var category in Catalogue.All)
        foreach (var step in Enum.GetValues<SlaStep>())
        foreach (var priority in Enum.GetValues<Priority>())
        foreach (var area in Enum.GetValues<GridArea>())
        {
            var limit = policy.LimitFor(category, priority, step, area);
            limit.Working.Should().BeFalse();
            limit.Amount.Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(60));
        }
    }
}
