using CommandCenter.Grains.Incidents;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Grains.Wall;

/// <remarks>
/// Reentrant on purpose: calls that arrive while a push is awaited only add to the buffer, and the
/// running flush loop sends them together in the next batch, so a quiet channel pushes at once and a
/// busy one batches by itself.
/// </remarks>
[Reentrant]
public sealed class FeedGrain(IFeedPublisher publisher, IIncidentLedger ledger, TimeProvider clock, ILogger<FeedGrain> log) : Grain, IFeedGrain
{
    private static readonly TimeSpan PositionInterval = TimeSpan.FromMilliseconds(250);

    private readonly string epoch = Guid.NewGuid().ToString("N")[..12];
    private readonly Dictionary<string, IncidentDelta> open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PositionUpdate> positions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IncidentDelta> pendingIncidents = new(StringComparer.Ordinal);
    private readonly List<SlaAlert> pendingAlerts = [];
    private readonly List<WorkerNotice> pendingNotices = [];
    private readonly Dictionary<string, PositionUpdate> pendingPositions = new(StringComparer.Ordinal);
    private readonly HashSet<string> handledToday = [];
    private readonly HashSet<string> onTimeToday = [];
    private DateOnly today;
    private long sequence;
    private bool flushing;
    private IGrainTimer? positionTimer;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (Channels.IsScope(this.GetPrimaryKeyString(), out var gridId))
            foreach (var summary in await ledger.OpenIn(gridId, subtree: true))
                open[summary.Id] = Deltas.Of(summary);
        else if (Channels.IsMember(this.GetPrimaryKeyString(), out var memberId))
            foreach (var summary in await ledger.OpenAssignedTo(memberId))
                open[summary.Id] = Deltas.Of(summary);
    }

    public async Task Incident(IncidentDelta delta, SlaAlert? alert)
    {
        if (open.TryGetValue(delta.Id, out var known) && known.Version > delta.Version) return; // a late, older picture
        Count(known, delta);
        if (delta.Open) open[delta.Id] = delta; else open.Remove(delta.Id);
        pendingIncidents[delta.Id] = delta;
        if (alert is not null) pendingAlerts.Add(alert);
        await Flush();
    }

    public Task Position(PositionUpdate update)
    {
        positions[update.MemberId] = update;
        pendingPositions[update.MemberId] = update;
        positionTimer ??= this.RegisterGrainTimer(FlushPositions, new GrainTimerCreationOptions(PositionInterval, PositionInterval) { Interleave = true });
        return Task.CompletedTask;
    }

    public async Task Notice(WorkerNotice notice)
    {
        pendingNotices.Add(notice);
        if (notice.Incident is { } delta) await Incident(delta, null);
        else await Flush();
    }

    public Task<FeedSnapshot> Snapshot() => Task.FromResult(new FeedSnapshot(
        this.GetPrimaryKeyString(), epoch, sequence, open.Values.ToList(), positions.Values.ToList(), Counters()));

    private async Task FlushPositions()
    {
        if (pendingPositions.Count > 0) await Flush();
    }

    private async Task Flush()
    {
        if (flushing) return;
        flushing = true;
        try
        {
            while (pendingIncidents.Count + pendingAlerts.Count + pendingNotices.Count + pendingPositions.Count > 0)
            {
                var batch = new FeedBatch(this.GetPrimaryKeyString(), epoch, ++sequence,
                    pendingIncidents.Values.ToList(), pendingAlerts.ToList(), pendingPositions.Values.ToList(), pendingNotices.ToList(), Counters());
                pendingIncidents.Clear();
                pendingAlerts.Clear();
                pendingPositions.Clear();
                pendingNotices.Clear();
                try
                {
                    await publisher.Publish(batch);
                }
                catch (Exception e)
                {
                    // Clients see the gap in sequence numbers and reload a snapshot: nothing is silently lost.
                    log.LogWarning(e, "Push {Sequence} on {Channel} failed", batch.Sequence, batch.Channel);
                }
            }
        }
        finally
        {
            flushing = false;
        }
    }

    private void Count(IncidentDelta? before, IncidentDelta after)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (day != today)
        {
            today = day;
            handledToday.Clear();
            onTimeToday.Clear();
        }
        var handledNow = after.Step >= 4 && after.State != "handling" && after.State != "cancelled";
        var handledBefore = before is not null && before.Step >= 4 && before.State != "handling";
        if (handledNow && !handledBefore && handledToday.Add(after.Id) && !after.Breached) onTimeToday.Add(after.Id);
    }

    private ScopeCounters Counters()
    {
        var now = clock.GetUtcNow();
        return new ScopeCounters(open.Count, open.Values.Count(d => d.Breached || (d.DueAt is { } due && due <= now)), handledToday.Count, onTimeToday.Count);
    }
}
