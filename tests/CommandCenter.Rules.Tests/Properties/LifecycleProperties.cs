using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;
using CommandCenter.Tests.Support;
using CsCheck;

namespace CommandCenter.Rules.Tests.Properties;

/// <summary>
/// Random sequences of actions by random people at random times: whatever happens, the incident
/// never reaches an impossible state, never loses or reorders an event, and keeps its deadlines sane.
/// </summary>
[Trait("Category", "Unit")]
public class LifecycleProperties
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);
    private static readonly GridPlacement Urban = new("JY01-01-01", ["JY01-01-01", "JY01-01", "JY01", "JY"], GridArea.Urban);
    private static readonly Actor[] People =
    [
        new("operator1", Roles.Operator), new("supervisor1", Roles.Supervisor), new("M1", Roles.Worker, "M1"),
        new("M2", Roles.Worker, "M2"), new("admin", Roles.Admin), Actor.System,
    ];

    private static Gen<T> Pick<T>(params T[] choices) => Gen.Int[0, choices.Length - 1].Select(i => choices[i]);

    private static readonly Gen<IncidentCommand> Command =
        from action in Pick(IncidentActionWords.PersonActions.ToArray())
        from member in Pick("M1", "M2", "")
        from note in Pick<string?>("note", null, " ")
        from passed in Gen.Bool.Nullable()
        from satisfaction in Gen.Int[-1, 7].Nullable()
        from approved in Gen.Bool.Nullable()
        from extra in Gen.Int[-120, 600]
        from notice in Gen.Int[0, 12].Nullable()
        from task in Pick<string?>("T1", "T2", null)
        select new IncidentCommand(action)
        {
            MemberId = member, Note = note, Passed = passed, Satisfaction = satisfaction, Approved = approved,
            RequestedDueAt = T0.AddMinutes(extra * 10), Placement = Urban, NoticeSequence = notice, TaskId = task,
            LinkId = "L1", NewIncidentId = "JY-X",
            Tasks = action == IncidentAction.Split ? [new TaskPlan(Platform.LawEnforcement, "M1"), new TaskPlan(Platform.CitizenServices, "M2")] : null,
        };

    private static readonly Gen<(IncidentCommand Command, int Actor, int Minutes)> Step =
        Gen.Select(Command, Gen.Int[0, People.Length - 1], Gen.Int[0, 240]);

    [Fact]
    public void Random_action_sequences_keep_every_invariant()
    {
        var rules = SampleRules.ExposedRubbish;
        Gen.Select(Gen.Bool, Step.Array[1, 40]).Sample(t =>
        {
            var (located, steps) = t;
            var now = T0;
            var report = new IncidentReport("E0102", Priority.Normal, "x", "hotline", 31.9, 120.28);
            var events = IncidentLifecycle.Report("JY-1", report, located ? Urban : null, People[0], now, rules).ToList();
            foreach (var (command, actor, minutes) in steps)
            {
                now = now.AddMinutes(minutes);
                var state = IncidentState.Fold(events);
                events.AddRange(IncidentLifecycle.Watch(state, now, rules));
                state = IncidentState.Fold(events);
                var outcome = IncidentLifecycle.Decide(state, command, People[actor], now, rules);
                if (!outcome.Accepted) { outcome.Events.Should().BeEmpty(); continue; }
                events.AddRange(outcome.Events);
                Check(IncidentState.Fold(events), events);
            }
        }, iter: 3_000);
    }

    private static void Check(IncidentState state, List<IncidentEvent> events)
    {
        // No event is lost or reordered: sequence 1..n, each continuing from the last status, time never going back.
        events.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, events.Count));
        for (var i = 1; i < events.Count; i++)
        {
            events[i].From.Should().Be(events[i - 1].To);
            events[i].At.Should().BeOnOrAfter(events[i - 1].At);
        }
        // No impossible state.
        state.Step.Should().BeInRange(1, 9);
        if (state.Status is IncidentStatus.Dispatched or IncidentStatus.Handling && !state.IsJoint) state.AssigneeId.Should().NotBeNullOrEmpty();
        if (state.Step >= 2) state.Placement.Should().NotBeNull("every step after 1 needs a grid");
        if (!state.IsOpen) state.Active.Should().BeNull("a closed incident has no running clock");
        if (state.Status == IncidentStatus.Suspended) state.StatusBeforeSuspension.Should().NotBeNull();
        if (state.Status is IncidentStatus.Assessed or IncidentStatus.Filed or IncidentStatus.Archived) state.Score.Should().BeInRange(0, 100);
        state.Satisfaction?.Should().BeInRange(1, 5);
        // Deadlines stay consistent: warn before due, due after start, the original kept.
        foreach (var d in state.History.Select(h => h.Deadline).Concat(state.SubTasks.Select(t => t.Deadline.Deadline)))
        {
            d.WarnAt.Should().BeOnOrAfter(d.StartedAt);
            d.DueAt.Should().BeOnOrAfter(d.WarnAt);
            d.OriginalDueAt.Should().BeOnOrAfter(d.StartedAt);
        }
        // The fold is a pure function of the events: folding again gives the same picture.
        var again = IncidentState.Fold(events);
        again.Status.Should().Be(state.Status);
        again.Version.Should().Be(events.Count);
    }
}
