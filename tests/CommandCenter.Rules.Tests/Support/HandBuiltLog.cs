using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Tests.Support;

/// <summary>An incident's ledger written by hand through the real lifecycle rules, on explicit instants.</summary>
public sealed class HandBuiltLog
{
    public static readonly Actor Operator = new("operator1", Roles.Operator);
    public static readonly Actor Supervisor = new("supervisor1", Roles.Supervisor);
    public static Actor Worker(string memberId) => new(memberId, Roles.Worker, memberId);

    public static GridPlacement Block(string town, GridArea area = GridArea.Urban) =>
        new($"{town}-01-01", [$"{town}-01-01", $"{town}-01", town, "JY"], area);

    private readonly SlaRules rules;

    public HandBuiltLog(string id, DateTimeOffset at, GridPlacement? placement = null, string category = "E0102", SlaPolicy? policy = null)
    {
        rules = new SlaRules(policy ?? SampleRules.Policy, SampleRules.Catalogue.Find(category)!);
        var report = new IncidentReport(category, rules.Category.DefaultPriority, "hand-built", "hotline", 31.9, 120.28);
        Events.AddRange(IncidentLifecycle.Report(id, report, placement, Operator, at, rules));
    }

    public List<IncidentEvent> Events { get; } = [];
    public IncidentState State => IncidentState.Fold(Events);

    public HandBuiltLog Do(IncidentAction action, Actor actor, DateTimeOffset at, Func<IncidentCommand, IncidentCommand>? fill = null)
    {
        var outcome = IncidentLifecycle.Decide(State, (fill ?? (c => c))(new IncidentCommand(action)), actor, at, rules);
        outcome.Rejection.Should().BeNull($"{action} at {at:O} is part of the hand-built story");
        Events.AddRange(outcome.Events);
        return this;
    }

    public HandBuiltLog Watch(DateTimeOffset at)
    {
        Events.AddRange(IncidentLifecycle.Watch(State, at, rules));
        return this;
    }

    public HandBuiltLog Locate(DateTimeOffset at, GridPlacement placement) => Do(IncidentAction.Locate, Operator, at, c => c with { Placement = placement });
    public HandBuiltLog Dispatch(DateTimeOffset at, string memberId) => Do(IncidentAction.Dispatch, Operator, at, c => c with { MemberId = memberId });
    public HandBuiltLog Accept(DateTimeOffset at) => Do(IncidentAction.Accept, Worker(State.AssigneeId!), at);
    public HandBuiltLog Resolve(DateTimeOffset at) => Do(IncidentAction.Resolve, Worker(State.AssigneeId!), at, c => c with { Note = "done" });
    public HandBuiltLog Return(DateTimeOffset at) => Do(IncidentAction.Return, Worker(State.AssigneeId!), at, c => c with { Note = "not my grid" });
    public HandBuiltLog Verify(DateTimeOffset at, bool passed) => Do(IncidentAction.Verify, Supervisor, at, c => c with { Passed = passed, Note = passed ? null : "redo" });
    public HandBuiltLog Evaluate(DateTimeOffset at, int satisfaction) => Do(IncidentAction.Evaluate, Operator, at, c => c with { Satisfaction = satisfaction });
}
