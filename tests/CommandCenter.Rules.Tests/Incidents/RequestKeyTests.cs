using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;
using CommandCenter.Tests.Support;

namespace CommandCenter.Rules.Tests.Incidents;

/// <summary>A phone's outbox sends each queued action with a request key: the same key twice acts once.</summary>
[Trait("Category", "Unit")]
public class RequestKeyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);
    private static readonly Actor Operator = new("operator1", Roles.Operator);
    private static readonly Actor Worker = new("M00042", Roles.Worker, "M00042");
    private static readonly GridPlacement Urban = new("JY01-01-01", ["JY01-01-01", "JY01-01", "JY01", "JY"], GridArea.Urban);
    private static readonly SlaRules Rules = SampleRules.ExposedRubbish;

    private sealed class Incident
    {
        public List<IncidentEvent> Events { get; } = [];
        public IncidentState State => IncidentState.Fold(Events);

        public Incident()
        {
            var report = new IncidentReport("E0102", Priority.Normal, "垃圾堆在路边", "hotline", 31.9, 120.28);
            Events.AddRange(IncidentLifecycle.Report("JY-20261124-000001", report, Urban, Operator, T0, Rules));
            Do(IncidentAction.Dispatch, Operator, T0.AddMinutes(5), c => c with { MemberId = Worker.MemberId });
        }

        /// <summary>As the grain does: decide once per key, and append only what is new.</summary>
        public ActionOutcome Do(IncidentAction action, Actor actor, DateTimeOffset at, Func<IncidentCommand, IncidentCommand>? fill = null)
        {
            var state = State;
            var outcome = IncidentLifecycle.DecideOnce(Events, state, (fill ?? (c => c))(new IncidentCommand(action)), actor, at, Rules);
            if (outcome.Accepted && !IncidentLifecycle.Replays(state, outcome)) Events.AddRange(outcome.Events);
            return outcome;
        }
    }

    [Fact]
    public void The_same_key_sent_twice_acts_once_and_the_retry_gets_the_first_answer()
    {
        var incident = new Incident();

        var first = incident.Do(IncidentAction.Accept, Worker, T0.AddMinutes(10), c => c with { RequestKey = "outbox-7f3a" });
        var retry = incident.Do(IncidentAction.Accept, Worker, T0.AddMinutes(40), c => c with { RequestKey = "outbox-7f3a" });

        first.Accepted.Should().BeTrue();
        retry.Accepted.Should().BeTrue("the retry of an accepted request is not refused as an illegal transition");
        retry.Events.Should().Equal(first.Events, "the retry answers the events of the first time");
        first.Events.Should().OnlyContain(e => e.RequestKey == "outbox-7f3a", "the events carry the key that asked for them");
        incident.Events.Count(e => e.Action == IncidentAction.Accept).Should().Be(1);
        incident.State.Status.Should().Be(IncidentStatus.Handling);
        retry.Events[^1].To.Should().Be(IncidentStatus.Handling);
    }

    [Fact]
    public void A_closing_decision_carries_its_key_on_every_event_and_a_retry_returns_them_all()
    {
        var incident = new Incident();
        incident.Do(IncidentAction.Accept, Worker, T0.AddMinutes(10));
        incident.Do(IncidentAction.Resolve, Worker, T0.AddMinutes(30), c => c with { Note = "清运完毕" });
        incident.Do(IncidentAction.Verify, new Actor("supervisor1", Roles.Supervisor), T0.AddMinutes(50), c => c with { Passed = true });

        var first = incident.Do(IncidentAction.Evaluate, Operator, T0.AddHours(1), c => c with { Satisfaction = 5, RequestKey = "visit-1" });
        var retry = incident.Do(IncidentAction.Evaluate, Operator, T0.AddHours(2), c => c with { Satisfaction = 5, RequestKey = "visit-1" });

        first.Events.Select(e => e.Action).Should().Equal(IncidentAction.Evaluate, IncidentAction.Assess, IncidentAction.File);
        retry.Events.Should().Equal(first.Events);
        incident.State.Status.Should().Be(IncidentStatus.Filed);
    }

    [Fact]
    public void A_key_used_for_another_action_is_refused_naming_it_and_nothing_is_appended()
    {
        var incident = new Incident();
        incident.Do(IncidentAction.Accept, Worker, T0.AddMinutes(10), c => c with { RequestKey = "outbox-1" });
        var before = incident.Events.Count;

        var resolve = incident.Do(IncidentAction.Resolve, Worker, T0.AddMinutes(30), c => c with { Note = "清运完毕", RequestKey = "outbox-1" });

        resolve.Accepted.Should().BeFalse();
        resolve.Rejection!.Kind.Should().Be(RejectionKind.Invalid);
        resolve.Rejection.Field.Should().Be("Idempotency-Key");
        resolve.Rejection.Message.Should().Contain("already used").And.Contain("new key");
        incident.Events.Should().HaveCount(before);
    }

    [Fact]
    public void A_key_someone_else_used_on_the_incident_is_refused()
    {
        var incident = new Incident();
        incident.Do(IncidentAction.Supervise, Operator, T0.AddMinutes(10), c => c with { Note = "请尽快", RequestKey = "shared" });

        var other = incident.Do(IncidentAction.Supervise, new Actor("operator2", Roles.Operator), T0.AddMinutes(11), c => c with { Note = "请尽快", RequestKey = "shared" });

        other.Rejection!.Field.Should().Be("Idempotency-Key");
        incident.Events.Count(e => e.Action == IncidentAction.Supervise).Should().Be(1);
    }

    [Fact]
    public void Without_a_key_an_action_is_decided_as_always()
    {
        var incident = new Incident();

        var once = incident.Do(IncidentAction.Supervise, Operator, T0.AddMinutes(10), c => c with { Note = "请尽快" });
        var twice = incident.Do(IncidentAction.Supervise, Operator, T0.AddMinutes(11), c => c with { Note = "请尽快" });
        var accept = incident.Do(IncidentAction.Accept, Worker, T0.AddMinutes(12));
        var again = incident.Do(IncidentAction.Accept, Worker, T0.AddMinutes(13));

        once.Accepted.Should().BeTrue();
        twice.Accepted.Should().BeTrue("two supervisions without a key are two requests");
        incident.Events.Count(e => e.Action == IncidentAction.Supervise).Should().Be(2);
        incident.Events.Should().OnlyContain(e => e.RequestKey == null);
        accept.Accepted.Should().BeTrue();
        again.Rejection!.Kind.Should().Be(RejectionKind.IllegalState, "a second accept without a key is the illegal transition it always was");
        again.Events.Should().BeEmpty();
    }
}
