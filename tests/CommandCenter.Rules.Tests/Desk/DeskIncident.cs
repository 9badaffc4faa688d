using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;
using CommandCenter.Tests.Support;

namespace CommandCenter.Rules.Tests.Desk;

/// <summary>One incident written through the lifecycle on explicit instants, for the desk's rules (no clock is read).</summary>
internal sealed class DeskIncident
{
    // Tuesday 24 Nov 2026, 09:00 in Jiangyin (UTC+8): inside office hours.
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);
    public static readonly Actor Operator = new("operator1", Roles.Operator);
    public static readonly Actor Supervisor = new("supervisor1", Roles.Supervisor);
    public static readonly Actor Admin = new("admin", Roles.Admin);
    public static readonly Actor Worker = new("M00042", Roles.Worker, "M00042");
    public static readonly GridPlacement Urban = new("JY01-01-01", ["JY01-01-01", "JY01-01", "JY01", "JY"], GridArea.Urban);
    private static readonly SlaRules Rules = SampleRules.ExposedRubbish;

    public List<IncidentEvent> Events { get; } = [];
    public IncidentState State => IncidentState.Fold(Events);

    /// <summary>Reported (and located at once) at <see cref="T0"/>: its dispatch deadline runs 30 minutes, warning at 24.</summary>
    public DeskIncident() =>
        Events.AddRange(IncidentLifecycle.Report("JY-20261124-000001", new IncidentReport("E0102", Priority.Normal, "垃圾堆在路边", "hotline", 31.9, 120.28),
            Urban, Operator, T0, Rules));

    public ActionOutcome Do(IncidentAction action, Actor actor, DateTimeOffset at, Func<IncidentCommand, IncidentCommand>? fill = null)
    {
        var outcome = IncidentLifecycle.Decide(State, (fill ?? (c => c))(new IncidentCommand(action)), actor, at, Rules);
        Events.AddRange(outcome.Events);
        return outcome;
    }

    public IReadOnlyList<IncidentEvent> Watch(DateTimeOffset at)
    {
        var due = IncidentLifecycle.Watch(State, at, Rules);
        Events.AddRange(due);
        return due;
    }

    /// <summary>Dispatched, accepted, resolved and verified by T0 + 1.5 h: the return visit's deadline runs.</summary>
    public DeskIncident Verified()
    {
        Do(IncidentAction.Dispatch, Operator, T0.AddMinutes(10), c => c with { MemberId = Worker.MemberId }).Accepted.Should().BeTrue();
        Do(IncidentAction.Accept, Worker, T0.AddMinutes(15)).Accepted.Should().BeTrue();
        Do(IncidentAction.Resolve, Worker, T0.AddHours(1), c => c with { Note = "清运完毕" }).Accepted.Should().BeTrue();
        Do(IncidentAction.Verify, Supervisor, T0.AddHours(1.5), c => c with { Passed = true }).Accepted.Should().BeTrue();
        State.Status.Should().Be(IncidentStatus.Verified);
        return this;
    }

    public bool Offers(IncidentAction action, Actor actor) => IncidentActions.AllowedFor(State, actor).Any(r => r.Action == action);
}
