using System.Diagnostics;
using CommandCenter.Grains.Incidents;
using Microsoft.Extensions.Logging;

namespace CommandCenter.Grains.Wall;

/// <remarks>
/// When a node dies, pushes its incidents had sent but not yet delivered die with it (their changes are
/// in the ledger all the same). So when the cluster declares a node dead, the feed reloads its open
/// incidents from the ledger and pushes whatever it had missed: a snapshot taken after that is whole.
/// Reentrant on purpose: calls that arrive while a push is awaited only add to the buffer, and the
/// running flush loop sends them together in the next batch, so a quiet channel pushes at once and a
/// busy one batches by itself. A stream of changes is paced by what a push costs: after a push that took
/// t, the next waits until <see cref="PushCostFactor"/> × t has passed (at most <see cref="MaxPushInterval"/>),
/// so a channel spends at most a twentieth of its time handing pushes over (the sockets' own sends come
/// after). A channel followed by a few walls pushes every few milliseconds; one followed by a thousand
/// batches a few times a second. A change after a quiet spell goes out at once.
/// </remarks>
[Reentrant]
public sealed class FeedGrain(IFeedPublisher publisher, IIncidentLedger ledger, IClusterMembershipService membership, TimeProvider clock, ILogger<FeedGrain> log)
    : Grain, IFeedGrain
{
    private static readonly TimeSpan PositionInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MembershipCheckInterval = TimeSpan.FromSeconds(3);
    private const int PushCostFactor = 20;
    private static readonly TimeSpan MaxPushInterval = TimeSpan.FromMilliseconds(200);

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
    private long lastPush;
    private TimeSpan pushInterval;
    private Task publishing = Task.CompletedTask;
    private IGrainTimer? positionTimer;
    private HashSet<SiloAddress> deadNodes = [];
    private MembershipVersion seenVersion = MembershipVersion.MinValue;
    private Task catchingUp = Task.CompletedTask;
    private Dictionary<string, int>? closedWhileCatchingUp;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        seenVersion = membership.CurrentSnapshot.Version;
        deadNodes = DeadNodes();
        foreach (var summary in await OpenFromLedger())
            open[summary.Id] = Deltas.Of(summary);
        this.RegisterGrainTimer(CheckForLostNodes, new GrainTimerCreationOptions(MembershipCheckInterval, MembershipCheckInterval) { Interleave = true });
    }

    private async Task<IReadOnlyList<IncidentSummary>> OpenFromLedger() =>
        Channels.IsScope(this.GetPrimaryKeyString(), out var gridId) ? await ledger.OpenIn(gridId, subtree: true)
        : Channels.IsMember(this.GetPrimaryKeyString(), out var memberId) ? await ledger.OpenAssignedTo(memberId)
        : [];

    private HashSet<SiloAddress> DeadNodes() =>
        membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress).ToHashSet();

    /// <summary>A node was declared dead since the last look: catch up from the ledger on whatever its pushes carried.</summary>
    private Task CheckForLostNodes()
    {
        // Cheap while nothing changes (the usual case, and always on one node): one version compare.
        var version = membership.CurrentSnapshot.Version;
        if (version == seenVersion) return catchingUp;
        seenVersion = version;
        var dead = DeadNodes();
        if (dead.IsSubsetOf(deadNodes)) return catchingUp; // a snapshot waits for a catch-up under way
        deadNodes = dead;
        return catchingUp = CatchUp();
    }

    private async Task CatchUp()
    {
        var before = open.ToDictionary(p => p.Key, p => p.Value.Version);
        // Incidents that close while the ledger is read must not come back from the (older) read.
        var closed = closedWhileCatchingUp = [];
        Dictionary<string, IncidentSummary> current;
        try { current = (await OpenFromLedger()).ToDictionary(s => s.Id); }
        finally { closedWhileCatchingUp = null; }
        foreach (var summary in current.Values)
        {
            if (closed.TryGetValue(summary.Id, out var closedAt) && closedAt >= summary.Version) continue;
            var known = open.GetValueOrDefault(summary.Id);
            if (known is null || known.Version < summary.Version)
            {
                var delta = Deltas.Of(summary);
                Count(known, delta);
                open[summary.Id] = delta;
                pendingIncidents[summary.Id] = delta;
            }
        }
        // Known as open before the reload, unchanged since, and no longer open in the ledger: it closed or moved away.
        foreach (var (id, version) in before)
            if (!current.ContainsKey(id) && open.TryGetValue(id, out var known) && known.Version == version)
            {
                open.Remove(id);
                pendingIncidents[id] = known with { Open = false };
            }
        if (pendingIncidents.Count > 0) log.LogInformation("{Channel} caught up on {Count} incidents after a node was lost", this.GetPrimaryKeyString(), pendingIncidents.Count);
        await Flush();
    }

    public async Task Incident(IncidentDelta delta, SlaAlert? alert)
    {
        if (open.TryGetValue(delta.Id, out var known) && known.Version > delta.Version) return; // a late, older picture
        Count(known, delta);
        if (delta.Open) open[delta.Id] = delta; else open.Remove(delta.Id);
        if (!delta.Open && closedWhileCatchingUp is not null) closedWhileCatchingUp[delta.Id] = delta.Version;
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

    public async Task<FeedSnapshot> Snapshot()
    {
        await CheckForLostNodes();
        // A snapshot's sequence covers what it shows: changes waiting out the push interval go out now, numbered first.
        if (HasPending) await Send();
        return new FeedSnapshot(this.GetPrimaryKeyString(), epoch, sequence, open.Values.ToList(), positions.Values.ToList(), Counters());
    }

    private async Task FlushPositions()
    {
        if (pendingPositions.Count > 0) await Flush();
    }

    private bool HasPending => pendingIncidents.Count + pendingAlerts.Count + pendingNotices.Count + pendingPositions.Count > 0;

    private async Task Flush()
    {
        if (flushing) return;
        flushing = true;
        try
        {
            while (HasPending)
            {
                // Wall-clock pacing, not the domain clock: it is about sockets, and a test's fake clock must not stall it.
                var wait = pushInterval - Stopwatch.GetElapsedTime(lastPush);
                if (lastPush != 0 && wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait); // what arrives meanwhile joins the next batch
                    continue; // a snapshot may have sent it in the meantime
                }
                await Send();
            }
        }
        finally
        {
            flushing = false;
        }
    }

    /// <summary>Pushes everything pending as the next numbered batch, one push at a time so batches go out in order.</summary>
    private async Task Send()
    {
        while (!publishing.IsCompleted) await publishing;
        if (!HasPending) return;
        lastPush = Stopwatch.GetTimestamp();
        var batch = new FeedBatch(this.GetPrimaryKeyString(), epoch, ++sequence,
            pendingIncidents.Values.ToList(), pendingAlerts.ToList(), pendingPositions.Values.ToList(), pendingNotices.ToList(), Counters());
        pendingIncidents.Clear();
        pendingAlerts.Clear();
        pendingPositions.Clear();
        pendingNotices.Clear();
        await (publishing = Publish(batch));
        var cost = Stopwatch.GetElapsedTime(lastPush);
        pushInterval = cost * PushCostFactor < MaxPushInterval ? cost * PushCostFactor : MaxPushInterval;
    }

    private async Task Publish(FeedBatch batch)
    {
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
        // On time: the handling step had not turned red before the result came (the light rule's instants, as the KPI
        // judges it); the delta after the result already runs the next step's clock, so it cannot tell.
        var onTime = before is null ? !after.Breached : before.Light.WorstBefore(after.UpdatedAt) != Sla.SlaLight.Red;
        if (handledNow && !handledBefore && handledToday.Add(after.Id) && onTime) onTimeToday.Add(after.Id);
    }

    private ScopeCounters Counters()
    {
        var now = clock.GetUtcNow();
        return new ScopeCounters(open.Count, open.Values.Count(d => d.IsOverdueAt(now)), handledToday.Count, onTimeToday.Count);
    }
}
