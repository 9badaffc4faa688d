using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Wall;

namespace CommandCenter.Grains.Members;

[GenerateSerializer, Alias("MemberState")]
public sealed class MemberState
{
    [Id(0)] public MemberProfile? Profile { get; set; }
    [Id(1)] public DutyState Duty { get; set; }
    [Id(2)] public DateTimeOffset? DutySince { get; set; }
    [Id(3)] public Fix? LastLocation { get; set; }
}

/// <summary>
/// Thin shell over the member rules. The track lives in its own state record so that a duty change
/// does not rewrite a day of positions.
/// </summary>
public sealed class MemberGrain(
    [PersistentState("member")] IPersistentState<MemberState> member,
    [PersistentState("track")] IPersistentState<PatrolTrack> track,
    ICityMap city,
    TimeProvider clock) : Grain, IMemberGrain
{
    public async Task Enroll(MemberProfile profile)
    {
        if (member.State.Profile == profile) return;
        member.State.Profile = profile;
        await member.WriteStateAsync();
    }

    public Task<MemberSnapshot?> GetSnapshot() => Task.FromResult(Snapshot());

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
        track.State.Add(kept);
        member.State.LastLocation = report.LastLocation;
        await Task.WhenAll(track.WriteStateAsync(), member.WriteStateAsync());
        PublishPosition();
        return report;
    }

    public Task<IReadOnlyList<Fix>> GetTrack(DateTimeOffset from, DateTimeOffset to) =>
        Task.FromResult<IReadOnlyList<Fix>>(track.State.Between(from, to).ToList());

    /// <summary>Walls of every scope above the member's home grid see the dot move (coalesced there).</summary>
    private void PublishPosition()
    {
        if (member.State.Profile is not { } profile || member.State.LastLocation is not { } at) return;
        var update = new PositionUpdate(profile.Id, at.Lat, at.Lon, at.At, member.State.Duty.ToString().ToLowerInvariant());
        foreach (var grid in city.ChainOf(profile.GridId))
            GrainFactory.GetGrain<IFeedGrain>(Channels.Scope(grid)).Position(update).Ignore();
    }

    private MemberSnapshot? Snapshot() => member.State.Profile is { } profile
        ? new MemberSnapshot(profile, member.State.Duty, member.State.LastLocation, member.State.DutySince)
        : null;
}
