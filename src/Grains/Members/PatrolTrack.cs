namespace CommandCenter.Grains.Members;

/// <summary>
/// The rules of a member's patrol track (轨迹): positions are kept <see cref="DaysKept"/> days, and a window
/// with more points than a map can draw is thinned evenly, keeping its first and last point, so the whole
/// route stays drawable rather than cut.
/// </summary>
public static class PatrolTrack
{
    public const int DaysKept = 7;

    /// <summary>The most points one track answer carries (a day at one fix every 5 s).</summary>
    public const int MaxPointsPerAnswer = 20_000;

    public static DateTimeOffset KeptSince(DateTimeOffset now) => now - TimeSpan.FromDays(DaysKept);

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
}
