namespace CommandCenter.Grains.Members;

/// <summary>
/// The rules of a member's patrol track (轨迹): positions are kept as long as <see cref="TrackRetention"/> says, and a
/// window with more points than a map can draw is thinned evenly, keeping its first and last point, so the whole
/// route stays drawable rather than cut.
/// </summary>
public static class PatrolTrack
{
    /// <summary>The most points one track answer carries (a day at one fix every 5 s).</summary>
    public const int MaxPointsPerAnswer = 20_000;

    public static IReadOnlyList<Fix> Thin(IReadOnlyList<Fix> points, int max)
    {
        if (points.Count <= max || max < 2) return points;
        var thinned = new List<Fix>(max);
        var step = (points.Count - 1) / (double)(max - 1);
        for (var i = 0; i < max; i++) thinned.Add(points[(int)Math.Round(i * step)]);
        return thinned;
    }
}

/// <summary>
/// Where tracks are kept: append-only, outside the member's grain state, so a batch of pings costs one
/// small durable write however long the day's track already is.
/// </summary>
public interface IPatrolTracks
{
    /// <summary>Durable when the task completes. Fixes come in time order, after the member's last kept one.</summary>
    Task Append(string memberId, IReadOnlyList<Fix> fixes);

    /// <summary>The member's fixes in [from, to], in time order.</summary>
    Task<IReadOnlyList<Fix>> Between(string memberId, DateTimeOffset from, DateTimeOffset to);

    /// <summary>The member's latest kept fix, if any.</summary>
    Task<Fix?> Last(string memberId);

    /// <summary>Drops the member's fixes before <paramref name="before"/>.</summary>
    Task Forget(string memberId, DateTimeOffset before);

    /// <summary>Drops every member's fixes before <paramref name="before"/>; answers how many were dropped.</summary>
    Task<long> ForgetAll(DateTimeOffset before, CancellationToken cancellationToken = default);
}

/// <summary>
/// How long fixes are kept (configuration <c>Patrol:TrackRetentionDays</c>): as long as the assessment reads them.
/// The default, 400 days, covers a year of monthly and yearly assessments with a month to spare for late re-runs.
/// </summary>
public sealed record TrackRetention(int Days = TrackRetention.DefaultDays)
{
    public const int DefaultDays = 400;

    public DateTimeOffset KeptSince(DateTimeOffset now) => now - TimeSpan.FromDays(Days);
}
