using CommandCenter.Grains.Setup;
using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Patrol;
using CommandCenter.Grains.Sla;
using CommandCenter.Grains.Wall;

namespace CommandCenter.Grains.Members;

[GenerateSerializer, Alias("MemberState")]
public sealed class MemberState
{
    [Id(0)] public MemberProfile? Profile { get; set; }
    [Id(1)] public DutyState Duty { get; set; }
    [Id(2)] public DateTimeOffset? DutySince { get; set; }
    [Id(3)] public Fix? LastLocation { get; set; }
    /// <summary>The cases this member reported (or whose report joined an open case), newest last, the latest <see cref="MemberReports.Kept"/>.</summary>
    [Id(4)] public List<string> Reported { get; set; } = [];
    /// <summary>The member left the roster: off duty, out of its grid's team; its record and history stay.</summary>
    [Id(5)] public bool Left { get; set; }
}

/// <summary>What a member's "my reports" keeps: enough for a 信息员 to follow what became of a season's reports.</summary>
public static class MemberReports
{
    public const int Kept = 200;

    /// <summary>The list with this case added once, at the end, the oldest dropped past <see cref="Kept"/>.</summary>
    public static List<string> With(IReadOnlyList<string> reported, string incidentId) =>
        [.. reported.Where(id => id != incidentId).TakeLast(Kept - 1), incidentId];
}

/// <summary>
/// Thin shell over the member rules. Pings go to the append-only track store, not the grain state: a
/// batch is one small durable write, and the last kept fix is read back from the track on activation.
/// </summary>
public sealed class MemberGrain(
    [PersistentState("member")] IPersistentState<MemberState> member,
    IPatrolTracks tracks,
    ICityMap city,
    PatrolFilter patrolFilter,
    TrackRetention retention,
    ICityRules rules,
    TimeProvider clock) : Grain, IMemberGrain
{
    private SlaPolicy policy => rules.Policy;

    private DateOnly prunedOn;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (member.State.Profile is null) return;
        var last = await tracks.Last(this.GetPrimaryKeyString());
        if (last is not null && (member.State.LastLocation is null || last.At > member.State.LastLocation.At)) member.State.LastLocation = last;
    }

    public async Task Enroll(MemberProfile profile)
    {
        if (member.State.Profile == profile && !member.State.Left) return;
        member.State.Profile = profile;
        member.State.Left = false;
        await member.WriteStateAsync();
    }

    public async Task Leave()
    {
        if (member.State.Profile is null || member.State.Left) return;
        member.State.Left = true;
        member.State.Duty = DutyState.Off;
        member.State.DutySince = clock.GetUtcNow();
        await member.WriteStateAsync();
        PublishPosition();
    }

    public Task<MemberSnapshot?> GetSnapshot() => Task.FromResult(Snapshot());

    public async Task RecordReport(string incidentId)
    {
        if (member.State.Profile is null || member.State.Reported.LastOrDefault() == incidentId) return;
        member.State.Reported = MemberReports.With(member.State.Reported, incidentId);
        await member.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> GetReported() => Task.FromResult<IReadOnlyList<string>>(member.State.Reported);

    public async Task<MemberSnapshot?> SetDuty(DutyState state)
    {
        if (member.State.Profile is null) return null;
        if (member.State.Duty != state)
        {
            member.State.Duty = state;
            member.State.DutySince = clock.GetUtcNow();
            await member.WriteStateAsync();
            PublishPosition();
        }
        return Snapshot();
    }

    public async Task<PingReport?> RecordPings(IReadOnlyList<Fix> pings)
    {
        if (member.State.Profile is null) return null;
        var (kept, report) = PingCheck.Check(pings, member.State.LastLocation, clock.GetUtcNow());
        if (kept.Count == 0) return report;
        await tracks.Append(this.GetPrimaryKeyString(), kept);
        // Not written to the member's state: the track holds it durably and activation reads it back.
        member.State.LastLocation = report.LastLocation;
        PublishPosition();
        await ForgetOldDays();
        return report;
    }

    /// <summary>Once a day per activation, the member's positions older than the kept days are dropped.</summary>
    private async Task ForgetOldDays()
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (prunedOn == today) return;
        prunedOn = today;
        await tracks.Forget(this.GetPrimaryKeyString(), retention.KeptSince(now));
    }

    public async Task<IReadOnlyList<PatrolDayTotals>?> GetPatrol(DateOnly first, DateOnly last)
    {
        if (member.State.Profile is null) return null;
        var zone = policy.Calendar.TimeZone;
        var days = new List<PatrolDayTotals>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var (from, to) = PatrolDay.Window(day, zone);
            // Between is inclusive: a fix at the next midnight belongs to the next day.
            var fixes = (await tracks.Between(this.GetPrimaryKeyString(), from, to)).Where(f => f.At < to).ToList();
            days.Add(new PatrolDayTotals(day, from, to, PatrolStatistics.Summarise(fixes, patrolFilter, f => city.GridAt(f.Lat, f.Lon))));
        }
        return days;
    }

    public async Task<IReadOnlyList<Fix>> GetTrack(DateTimeOffset from, DateTimeOffset to) =>
        PatrolTrack.Thin(await tracks.Between(this.GetPrimaryKeyString(), from, to), PatrolTrack.MaxPointsPerAnswer);

    /// <summary>Walls of every scope above the member's home grid see the dot move (coalesced there).</summary>
    private void PublishPosition()
    {
        if (member.State.Profile is not { } profile || member.State.LastLocation is not { } at) return;
        var update = new PositionUpdate(profile.Id, at.Lat, at.Lon, at.At, member.State.Duty.ToString().ToLowerInvariant());
        foreach (var grid in city.ChainOf(profile.GridId))
            GrainFactory.GetGrain<IFeedGrain>(Channels.Scope(grid)).Position(update).Ignore();
    }

    private MemberSnapshot? Snapshot() => member.State.Profile is { } profile
        ? new MemberSnapshot(profile, member.State.Duty, member.State.LastLocation, member.State.DutySince, member.State.Left)
        : null;
}
