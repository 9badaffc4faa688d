using CommandCenter.Grains.Setup;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Grids;
using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Members;
using CommandCenter.Grains.Sla;
using CommandCenter.Grains.Wall;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Grains.Incidents;

/// <summary>
/// Thin shell over <see cref="IncidentLifecycle"/>: its state is the fold of its ledger, and every
/// decision's events are appended durably before the caller hears back. The SLA clock of an incident
/// located in a grid is the grid's (<see cref="GridGrain"/>): it wakes the incident when something falls
/// due, so an incident with nothing to do leaves memory after <c>Incidents:KeepIdleFor</c>. One not (yet)
/// located keeps a grain timer of its own while active and a reminder as the backstop.
/// </summary>
public sealed class IncidentGrain(
    IIncidentLedger ledger, ICityRules rules, ICityMap city, SlaReminderOptions reminder, TimeProvider clock, ILogger<IncidentGrain> log,
    Orleans.Serialization.DeepCopier<IncidentState> copier, GrainReferences references)
    : Grain, IIncidentGrain, IRemindable
{
    private SlaPolicy policy => rules.Policy;
    private CategoryCatalogue catalogue => rules.Catalogue;

    private const string ReminderName = "sla";

    // Only the events a retried request key can be answered with again (those that carry a key): the state is
    // the fold of all of them, and the whole ledger is read back only when someone asks for it (GetEvents).
    // Keeping every event of every open incident in memory cost ≈ 0.6 KB per open case and nothing read it.
    private readonly List<IncidentEvent> keyed = [];
    private IncidentState state = new();
    private IGrainTimer? timer;
    private DateTimeOffset? armedFor;
    private bool reminderRegistered;
    private bool gridMissedUpdate;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var events = await ledger.Read(this.GetPrimaryKeyString());
        keyed.AddRange(events.Where(e => e.RequestKey is not null));
        state = IncidentState.Fold(events);
        if (!state.Exists) return;
        // Work that fell due while nobody watched (out of memory, or the node was down) is handled now.
        await Wake();
    }

    public async Task<ActionOutcome> Open(IncidentReport report, GridPlacement? placement, Actor actor)
    {
        if (state.Exists)
            return ActionOutcome.Refused(new LifecycleRejection(RejectionKind.IllegalState, "This case number is already taken.", IncidentSteps.Word(state.Status), []));
        var category = catalogue.Find(report.Category)
                       ?? throw new ArgumentException($"Unknown category {report.Category}", nameof(report));
        var opened = IncidentLifecycle.Report(this.GetPrimaryKeyString(), report, placement, actor, clock.GetUtcNow(), new SlaRules(policy, category));
        await Commit(opened);
        return new ActionOutcome(opened, null);
    }

    public async Task<ActionOutcome> Act(IncidentCommand command, Actor actor)
    {
        if (!state.Exists)
            return ActionOutcome.Refused(new LifecycleRejection(RejectionKind.NotFound, $"No incident has the case number \"{this.GetPrimaryKeyString()}\".", "none", []));
        var outcome = IncidentLifecycle.DecideOnce(keyed, state, command, actor, clock.GetUtcNow(), Rules());
        if (outcome.Accepted && !IncidentLifecycle.Replays(state, outcome)) await Commit(outcome.Events);
        return outcome;
    }

    public async Task<ActionOutcome> Link(IncidentReport report, Actor actor)
    {
        var outcome = IncidentLifecycle.Link(state, report, actor, clock.GetUtcNow());
        if (outcome.Accepted) await Commit(outcome.Events);
        return outcome;
    }

    public Task<IncidentState?> GetState() => Task.FromResult(state.Exists ? state : null);

    public async Task<IReadOnlyList<IncidentEvent>> GetEvents() => state.Exists ? (await ledger.Read(this.GetPrimaryKeyString())).ToList() : [];

    public async Task Wake()
    {
        if (!state.Exists) return;
        var committed = false;
        for (var round = 0; round < 3; round++)
        {
            var now = clock.GetUtcNow();
            var due = IncidentLifecycle.Watch(state, now, Rules());
            if (due.Count == 0) break;
            // A breach climbs the ladder: only then are the people of the incident's grids looked up.
            if (due.Any(e => e.Action == IncidentAction.Escalate)) due = IncidentLifecycle.Watch(state, now, Rules(), await Ladder());
            await Commit(due);
            committed = true;
        }
        // Nothing fell due (the clock looked early, or this is an activation): the grid's clock still learns the next instant.
        if (!committed) await PublishToGrid(Summary(state));
        await Arm();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await Wake();
        // A reminder of an incident its grid now watches (located since, registered before grids kept the clocks, or while
        // its grid missed an update) is dropped once the grid has taken the incident's next instant.
        if (GridOf(state) is not null && !gridMissedUpdate && await this.GetReminder(ReminderName) is { } registered)
        {
            await this.UnregisterReminder(registered);
            reminderRegistered = false;
        }
    }

    private IncidentSummary Summary(IncidentState of) => IncidentSummary.Of(of, policy.ResendUnreadAfter);

    private static string? GridOf(IncidentState of) => of.Placement?.GridId;

    private SlaRules Rules() => new(policy, catalogue.Find(state.Report!.Category)
                                            ?? throw new InvalidOperationException($"Category {state.Report.Category} left the catalogue"));

    private async Task Commit(IReadOnlyList<IncidentEvent> fresh)
    {
        // The next state on a copy: the current one stands until the ledger has the events.
        var next = copier.Copy(state);
        foreach (var e in fresh) next.Apply(e);
        var summary = Summary(next);
        await ledger.Append(fresh, summary);
        var previousAssignee = state.AssigneeId;
        keyed.AddRange(fresh.Where(e => e.RequestKey is not null));
        state = next;
        await PublishToGrid(summary);
        PublishToFeeds(fresh, summary, previousAssignee);
        await Arm();
    }

    /// <summary>Live pushes: to every scope on the grid's chain, and to the worker the incident concerns.</summary>
    private void PublishToFeeds(IReadOnlyList<IncidentEvent> fresh, IncidentSummary summary, string? previousAssignee)
    {
        var delta = Deltas.Of(summary);
        var alert = fresh.Select(e => Deltas.AlertOf(e, summary)).LastOrDefault(a => a is not null);
        IReadOnlyList<string> scopes = summary.GridChain.Count > 0 ? summary.GridChain : city.RootGridId is { } root ? [root] : [];
        foreach (var grid in scopes)
            references.Of<IFeedGrain>(Channels.Scope(grid)).Incident(delta, alert).Ignore();

        var noticed = new HashSet<string>();
        foreach (var e in fresh.Where(e => e.NotifiedMemberId is not null))
        {
            var kind = state.Notices.FirstOrDefault(n => n.Sequence == e.Sequence)?.Kind ?? "notice";
            var text = kind switch
            {
                "assignment" => $"新任务 {summary.Id}: {state.Report!.Description}",
                "warning" => $"{summary.Id} 即将超时",
                "breach" => $"{summary.Id} 已超时，逐级督办 · overdue, escalated",
                "reminder" => $"再次提醒 {summary.Id} 已超时，请尽快处理 · reminder: overdue",
                "supervision" => $"督办 {summary.Id}: {e.Note}",
                _ => summary.Id,
            };
            references.Of<IFeedGrain>(Channels.Member(e.NotifiedMemberId!))
                .Notice(new WorkerNotice(kind, summary.Id, text, e.At, delta, e.Sequence)).Ignore();
            noticed.Add(e.NotifiedMemberId!);
        }
        var workers = state.SubTasks.Select(t => t.MemberId).Append(summary.AssigneeId).OfType<string>().Distinct();
        foreach (var worker in workers.Where(w => !noticed.Contains(w)))
            references.Of<IFeedGrain>(Channels.Member(worker)).Incident(delta, null).Ignore();
        if (previousAssignee is not null && previousAssignee != summary.AssigneeId)
            references.Of<IFeedGrain>(Channels.Member(previousAssignee)).Incident(delta with { Open = false }, null).Ignore();
    }

    private async Task PublishToGrid(IncidentSummary summary)
    {
        if (summary.GridId is null) return;
        try
        {
            await references.Of<IGridGrain>(summary.GridId).TrackIncident(summary);
            gridMissedUpdate = false;
        }
        catch (Exception e)
        {
            // The ledger is the truth and the grid reads it again when it activates; meanwhile the grid's clock may not
            // know this incident's next instant, so the incident keeps a clock of its own until the grid takes an update.
            gridMissedUpdate = true;
            log.LogWarning(e, "Grid {Grid} did not take the update of {Incident}", summary.GridId, summary.Id);
        }
    }

    /// <summary>Who the ladder reaches for this incident: the members of the grids on its chain, by their duty.</summary>
    private async Task<EscalationLadder> Ladder()
    {
        if (state.Placement is not { } placement) return EscalationLadder.Nobody;
        return EscalationLadder.Of(placement.Chain, (await Teams.Of(GrainFactory, placement.Chain)).Select(s => s.Profile));
    }

    /// <summary>The clock of an incident no grid watches (or whose grid missed its last update): a timer while active, a reminder as the backstop.</summary>
    private async Task Arm()
    {
        var next = GridOf(state) is null || gridMissedUpdate ? IncidentLifecycle.NextWake(state, policy.ResendUnreadAfter) : null;
        if (next == armedFor) return;
        armedFor = next;
        timer?.Dispose();
        timer = null;
        if (next is null)
        {
            if (reminderRegistered)
            {
                var registered = await this.GetReminder(ReminderName);
                if (registered is not null) await this.UnregisterReminder(registered);
                reminderRegistered = false;
            }
            return;
        }
        var wait = next.Value - clock.GetUtcNow();
        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        // A one-shot timer can fire a hair before the wall clock reaches the instant; then nothing is due
        // yet, and Wake must arm it again rather than take "already armed for this instant" for an answer.
        timer = this.RegisterGrainTimer(() =>
        {
            armedFor = null;
            return Wake();
        }, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan));
        // The backstop: brings the incident back within a period if this activation goes away. One
        // registration serves every later deadline (a tick is idempotent), so a transition costs no reminder write.
        if (!reminderRegistered)
        {
            await this.RegisterOrUpdateReminder(ReminderName, wait < reminder.Period ? wait : reminder.Period, reminder.Period);
            reminderRegistered = true;
        }
    }
}
