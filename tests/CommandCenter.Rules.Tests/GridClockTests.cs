using CommandCenter.Grains.Grids;
using FluentAssertions;
using Xunit;

namespace CommandCenter.Rules.Tests;

/// <summary>The grid's SLA clock: earliest first, one entry per incident, due ones handed out once and retried later.</summary>
[Trait("Category", "Unit")]
public class GridClockTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_next_instant_is_the_earliest_of_its_incidents_and_a_new_instant_replaces_the_old()
    {
        var clock = new GridClock();
        clock.Next.Should().BeNull();
        clock.Set("A", T0.AddMinutes(30));
        clock.Set("B", T0.AddMinutes(10));
        clock.Set("C", T0.AddMinutes(20));
        clock.Next.Should().Be(T0.AddMinutes(10));

        clock.Set("B", T0.AddMinutes(40)); // B's deadline moved on: its old instant must not linger
        clock.Next.Should().Be(T0.AddMinutes(20));
        clock.Count.Should().Be(3);
        clock.WakeOf("B").Should().Be(T0.AddMinutes(40));

        clock.Set("C", null); // closed
        clock.Set("A", null);
        clock.Next.Should().Be(T0.AddMinutes(40));
        clock.Count.Should().Be(1);
        clock.WakeOf("A").Should().BeNull();
    }

    [Fact]
    public void Incidents_due_at_the_same_instant_are_all_kept()
    {
        var clock = new GridClock();
        clock.Set("A", T0);
        clock.Set("B", T0);
        clock.TakeDue(T0, T0.AddMinutes(1)).Should().BeEquivalentTo("A", "B");
    }

    [Fact]
    public void Taking_the_due_ones_hands_out_only_those_due_and_moves_them_to_the_retry_instant()
    {
        var clock = new GridClock();
        clock.Set("A", T0.AddMinutes(1));
        clock.Set("B", T0.AddMinutes(2));
        clock.Set("C", T0.AddMinutes(10));

        clock.TakeDue(T0, T0.AddMinutes(5)).Should().BeEmpty();
        clock.TakeDue(T0.AddMinutes(2), T0.AddMinutes(5)).Should().Equal("A", "B");
        clock.WakeOf("A").Should().Be(T0.AddMinutes(5), "a wake that got lost is tried again");
        clock.Next.Should().Be(T0.AddMinutes(5));
        clock.TakeDue(T0.AddMinutes(2), T0.AddMinutes(5)).Should().BeEmpty("handed out once until the retry comes");

        clock.Set("A", T0.AddMinutes(30)); // A answered with its next instant
        clock.TakeDue(T0.AddMinutes(5), T0.AddMinutes(6)).Should().Equal("B");
        clock.WakeOf("A").Should().Be(T0.AddMinutes(30));
    }

    [Fact]
    public void A_retry_that_is_not_later_than_now_is_refused()
    {
        var clock = new GridClock();
        clock.Invoking(c => c.TakeDue(T0, T0)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
