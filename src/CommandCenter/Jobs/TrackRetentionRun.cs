using CommandCenter.Grains.Members;

namespace CommandCenter.Jobs;

/// <summary>
/// The nightly trim of the patrol tracks: every member's fixes older than <c>Patrol:TrackRetentionDays</c> are dropped
/// (members who still send pings are also trimmed by their grain once a day; this reaches those who stopped).
/// </summary>
public sealed class TrackRetentionRun(IPatrolTracks tracks, TrackRetention retention, TimeProvider clock)
{
    public sealed record Result(DateTimeOffset KeptSince, int RetentionDays, long FixesDropped);

    public async Task<Result> Run(CancellationToken cancellationToken = default)
    {
        var since = retention.KeptSince(clock.GetUtcNow());
        return new Result(since, retention.Days, await tracks.ForgetAll(since, cancellationToken));
    }
}
