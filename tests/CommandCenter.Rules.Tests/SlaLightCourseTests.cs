using CommandCenter.Grains.Sla;
using FluentAssertions;
using Xunit;

namespace CommandCenter.Rules.Tests;

/// <summary>The overdue reading that does not make a course says what the course's own light says, at every instant.</summary>
[Trait("Category", "Unit")]
public class SlaLightCourseTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 0, 0, 0, TimeSpan.Zero);
    private static DateTimeOffset? At(int? minutes) => minutes is { } m ? T0.AddMinutes(m) : null;

    [Theory]
    [InlineData(null, null, null)]
    [InlineData(10, 20, null)]
    [InlineData(10, 20, 30)]
    [InlineData(10, null, 15)]
    [InlineData(null, 20, 20)]
    [InlineData(20, 20, null)]
    [InlineData(null, null, 5)]
    public void Overdue_from_the_two_instants_is_red_on_the_course_at_every_minute(int? yellow, int? red, int? none)
    {
        var course = new SlaLightCourse(At(yellow), At(red), At(none));
        for (var minute = -1; minute <= 40; minute++)
        {
            var at = T0.AddMinutes(minute);
            SlaLightCourse.IsOverdueAt(course.RedFrom, course.NoneFrom, at).Should().Be(course.At(at) == SlaLight.Red, $"at minute {minute}");
        }
    }

    [Fact]
    public void A_course_red_from_an_instant_is_overdue_from_that_instant_and_not_before()
    {
        var course = new SlaLightCourse(At(10), At(20), null);
        course.IsOverdueAt(T0.AddMinutes(20).AddTicks(-1)).Should().BeFalse();
        course.IsOverdueAt(T0.AddMinutes(20)).Should().BeTrue();
        new SlaLightCourse(At(10), At(20), At(30)).IsOverdueAt(T0.AddMinutes(30)).Should().BeFalse("the light ended");
    }
}
