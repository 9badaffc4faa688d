using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Tests.Support;

/// <summary>
/// One incident's ledger written by the real lifecycle on a fake clock, choices drawn from a seeded random
/// source: locate, dispatch, accept, resolve, verify (with rework), return, suspend and resume, extensions
/// asked and decided, joint handling split into sub-tasks, answered and unanswered return visits, cancel,
/// archive; the SLA clock wakes at its instants a little late, or, when the center was "down", only at the
/// next action. The same seed always writes the same history.
/// </summary>
public sealed class RandomHistory
{
    private static readonly string[] Towns = ["JY01", "JY02", "JY10"];
    private static readonly string[] Members = ["M1", "M2", "M3", "M4"];

    private readonly Random random;
    private readonly FakeTimeProvider clock;
    private readonly SlaRules rules;
    private readonly IncidentState state = new();

    public string Id { get; }
    public int Seed { get; }
    /// <summary>The events in the groups they were written in (one decision, or one wake-up of the clock).</summary>
    public List<IReadOnlyList<IncidentEvent>> Batches { get; } = [];
    public List<IncidentEvent> Events { get; } = [];
    public IncidentState State => state;

    private RandomHistory(string id, int seed, DateTimeOffset start)
    {
        Id = id;
        Seed = seed;
        random = new Random(seed);
        // Anywhere in a week, so working-time limits meet nights, weekends and lunch breaks.
        clock = new FakeTimeProvider(start + TimeSpan.FromMinutes(random.Next(0, 7 * 24 * 60)));
        rules = new SlaRules(SampleRules.Policy, SampleRules.Catalogue.Find("E0102")!);
    }

    public static RandomHistory Write(string id, int seed, DateTimeOffset start)
    {
        var history = new RandomHistory(id, seed, start);
        history.Run();
        return history;
    }

    private void Run()
    {
        var priority = (Priority)random.Next(4);
        var report = new IncidentReport("E0102", priority, "random", "hotline", 31.9, 120.28);
        var placement = random.Next(3) == 0 ? null : HandBuiltLog.Block(Pick(Towns));
        Add(IncidentLifecycle.Report(Id, report, placement, HandBuiltLog.Operator, clock.GetUtcNow(), rules));

        var steps = random.Next(0, 30);
        for (var i = 0; i < steps && state.Status != IncidentStatus.Archived; i++)
        {
            clock.Advance(Span());
            var now = clock.GetUtcNow();
            WakeTheClock(now);
            var allowed = IncidentLifecycle.AllowedIn(state).Where(a => a is not (IncidentAction.Supervise or IncidentAction.Unlink or IncidentAction.NoAnswer or IncidentAction.AcknowledgeAlert)).ToList();
            if (state.Status == IncidentStatus.Filed) allowed.Add(IncidentAction.Archive);
            if (allowed.Count == 0) continue;
            var action = Pick(allowed);
            if (Compose(action) is not { } decision) continue;
            var outcome = IncidentLifecycle.Decide(state, decision.Command, decision.Actor, now, rules);
            if (outcome.Accepted) Add(outcome.Events);
        }
        if (random.Next(2) == 0) WakeTheClock(clock.GetUtcNow() + Span());
    }

    /// <summary>The SLA clock catches up to <paramref name="now"/>: each wake a few milliseconds late, or all at once after an outage.</summary>
    private void WakeTheClock(DateTimeOffset now)
    {
        var down = random.Next(6) == 0;
        for (var guard = 0; guard < 12; guard++)
        {
            if (IncidentLifecycle.NextWake(state) is not { } wake || wake > now) return;
            var at = down ? now : wake + TimeSpan.FromMilliseconds(random.Next(0, 40));
            if (at > now) at = now;
            if (at < Events[^1].At) at = Events[^1].At;
            var woke = IncidentLifecycle.Watch(state, at, rules);
            if (woke.Count == 0) return;
            Add(woke);
        }
    }

    private (IncidentCommand Command, Actor Actor)? Compose(IncidentAction action)
    {
        var command = new IncidentCommand(action);
        var assignee = state.AssigneeId is { } member ? HandBuiltLog.Worker(member) : null;
        switch (action)
        {
            case IncidentAction.Locate:
                return (command with { Placement = HandBuiltLog.Block(Pick(Towns)) }, HandBuiltLog.Operator);
            case IncidentAction.Dispatch:
                return (command with { MemberId = Pick(Members.Where(m => m != state.AssigneeId).ToList()) }, HandBuiltLog.Operator);
            case IncidentAction.Split:
                var platforms = Enum.GetValues<Platform>().OrderBy(_ => random.Next()).Take(2).ToList();
                return (command with { Tasks = platforms.Select(p => new TaskPlan(p, Pick(Members))).ToList() }, HandBuiltLog.Operator);
            case IncidentAction.Cancel:
                return random.Next(10) == 0 ? (command with { Note = "not a case" }, HandBuiltLog.Operator) : null;
            case IncidentAction.Suspend:
                return (command with { Note = "parked" }, HandBuiltLog.Supervisor);
            case IncidentAction.Resume:
                return (command, HandBuiltLog.Supervisor);
            case IncidentAction.Accept when state.IsJoint:
                var waiting = state.SubTasks.Where(t => t.Status == SubTaskStatus.Assigned).ToList();
                if (waiting.Count == 0) return null;
                var accepted = Pick(waiting);
                return (command with { TaskId = accepted.TaskId }, HandBuiltLog.Worker(accepted.MemberId));
            case IncidentAction.Resolve when state.IsJoint:
                var open = state.SubTasks.Where(t => t.Status != SubTaskStatus.Done).ToList();
                if (open.Count == 0) return null;
                var resolved = Pick(open);
                return (command with { TaskId = resolved.TaskId, Note = "done" }, HandBuiltLog.Worker(resolved.MemberId));
            case IncidentAction.Accept:
                return assignee is null ? null : (command, assignee);
            case IncidentAction.Resolve:
                return assignee is null ? null : (command with { Note = "done" }, assignee);
            case IncidentAction.Return:
                return assignee is null ? null : (command with { Note = "not my grid" }, assignee);
            case IncidentAction.RequestExtension:
                if (assignee is null || state.Active is null) return null;
                return (command with { RequestedDueAt = state.Active.Deadline.DueAt + TimeSpan.FromMinutes(random.Next(1, 48 * 60)), Note = "more time" }, assignee);
            case IncidentAction.DecideExtension:
                // The lifecycle throws when approving a request the deadline has since overtaken (e.g. moved by a
                // resume): a lifecycle bug reported on its own; here such a request is only refused.
                var overtaken = state.PendingExtensionDueAt <= state.Active?.Deadline.DueAt;
                return (command with { Approved = !overtaken && random.Next(3) > 0 }, HandBuiltLog.Supervisor);
            case IncidentAction.Verify:
                var passed = random.Next(10) < 7;
                return (command with { Passed = passed, Note = passed ? null : "redo" }, HandBuiltLog.Supervisor);
            case IncidentAction.Evaluate:
                // Half the visits go unanswered: the clock closes them.
                return random.Next(2) == 0 ? null : (command with { Satisfaction = random.Next(1, 6) }, HandBuiltLog.Operator);
            case IncidentAction.Archive:
                return random.Next(3) == 0 ? (command, Actor.System) : null;
            default:
                return null;
        }
    }

    /// <summary>How long until the next thing happens: a timer's lag, minutes, hours, or a day or more.</summary>
    private TimeSpan Span() => random.Next(4) switch
    {
        0 => TimeSpan.FromMilliseconds(random.Next(0, 100)),
        1 => TimeSpan.FromMinutes(random.Next(1, 30)),
        2 => TimeSpan.FromMinutes(random.Next(30, 240)),
        _ => TimeSpan.FromHours(random.Next(4, 40)),
    };

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private void Add(IReadOnlyList<IncidentEvent> events)
    {
        if (events.Count == 0) return;
        foreach (var e in events) state.Apply(e);
        Batches.Add(events);
        Events.AddRange(events);
    }

    /// <summary>Instants worth looking at within [from, until): random ones, and the edges of the light (warn, due, suspension, ± one tick).</summary>
    public static IEnumerable<DateTimeOffset> InstantsWithin(Random random, IncidentState state, DateTimeOffset from, DateTimeOffset until)
    {
        yield return from;
        yield return from + TimeSpan.FromTicks((long)(random.NextDouble() * (until - from).Ticks));
        var edges = new List<DateTimeOffset>();
        if (state.Active?.Deadline is { } d) edges.AddRange([d.WarnAt, d.DueAt, d.DueAt.AddTicks(-1), d.DueAt.AddTicks(1)]);
        if (state.SuspendedAt is { } stopped) edges.Add(stopped);
        foreach (var edge in edges.Where(e => e >= from && e < until).Distinct().OrderBy(_ => random.Next()).Take(2))
            yield return edge;
    }
}
