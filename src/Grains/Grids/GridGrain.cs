using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Grains.Grids;

[GenerateSerializer, Alias("GridState")]
public sealed class GridState
{
    [Id(0)] public HashSet<string> MemberIds { get; set; } = [];
}

/// <summary>
/// One grid: its team, and the SLA clock of its open incidents (<see cref="GridClock"/>). The grid wakes each incident
/// when its next warning, deadline or resend falls due; the incident may be out of memory meanwhile. A grain timer
/// fires at the earliest instant while the grid is active; its reminder brings the grid back within one
/// <see cref="SlaReminderOptions.Period"/> when its node went down, and the clock is rebuilt from the ledger's summaries.
/// </summary>
public sealed class GridGrain(
    [PersistentState("grid")] IPersistentState<GridState> grid, IIncidentLedger ledger, SlaReminderOptions reminder, TimeProvider clock,
    GrainReferences references)
    : Grain, IGridGrain, IRemindable
{
    private const string ReminderName = "sla";

    // Not persisted: the ledger's summaries are the truth, read again on activation.
    private readonly GridClock wakes = new();
    private IGrainTimer? timer;
    private DateTimeOffset? armedFor;
    private bool reminderRegistered;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var summary in await ledger.OpenIn(Id)) wakes.Set(summary.Id, summary.NextWakeAt);
        await Arm();
    }

    public Task TrackIncident(IncidentSummary summary)
    {
        wakes.Set(summary.Id, summary.IsOpen && summary.GridId == Id ? summary.NextWakeAt : null);
        return Arm();
    }

    public async Task<GridIncidents> GetOpenIncidents()
    {
        var open = await ledger.OpenIn(Id);
        var now = clock.GetUtcNow();
        return new GridIncidents(Id, open.Count, open.Count(s => s.Light.IsOverdueAt(now)), open.OrderBy(s => s.DueAt ?? DateTimeOffset.MaxValue).ToList());
    }

    public Task Watch() => Task.CompletedTask; // the activation did it

    public Task<DateTimeOffset?> NextWakeOf(string incidentId) => Task.FromResult(wakes.WakeOf(incidentId));

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (wakes.Count == 0)
        {
            // Nothing left to watch: the reminder goes until the next incident with a clock arrives.
            if (await this.GetReminder(ReminderName) is { } registered) await this.UnregisterReminder(registered);
            reminderRegistered = false;
            return;
        }
        await Tick();
    }

    public async Task AddMembers(IReadOnlyList<string> memberIds)
    {
        var changed = false;
        foreach (var id in memberIds) changed |= grid.State.MemberIds.Add(id);
        if (changed) await grid.WriteStateAsync();
    }

    public async Task RemoveMember(string memberId)
    {
        if (grid.State.MemberIds.Remove(memberId)) await grid.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> GetMemberIds() => Task.FromResult<IReadOnlyList<string>>(grid.State.MemberIds.Order(StringComparer.Ordinal).ToList());

    /// <summary>Wakes every incident that is due. Not awaited: each answers by telling the grid its next instant (TrackIncident).</summary>
    private Task Tick()
    {
        timer?.Dispose();
        timer = null;
        armedFor = null;
        var now = clock.GetUtcNow();
        foreach (var id in wakes.TakeDue(now, now + reminder.Period))
            references.Of<IIncidentGrain>(id).Wake().Ignore();
        return Arm();
    }

    private async Task Arm()
    {
        if (wakes.Next is not { } next) return;
        // A later first instant needs no new timer: the one armed fires early, finds nothing due and arms again.
        // Most transitions move an incident's instant later, so this spares a timer per transition.
        if (armedFor is { } armed && armed <= next) return;
        timer?.Dispose();
        var wait = next - clock.GetUtcNow();
        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
        armedFor = next;
        timer = this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(wait, Timeout.InfiniteTimeSpan));
        // A grid with clocks to watch stays in memory until its next instant, so its timer is what fires on time.
        DelayDeactivation(wait + reminder.Period);
        if (!reminderRegistered)
        {
            await this.RegisterOrUpdateReminder(ReminderName, wait < reminder.Period ? wait : reminder.Period, reminder.Period);
            reminderRegistered = true;
        }
    }
}
