namespace CommandCenter.Grains.Patrol;

/// <summary>
/// The parameters of the patrol statistics rule (<see cref="PatrolStatistics"/>), with the defaults the city uses
/// (configuration section <c>Patrol</c>). See docs/patrol.md.
/// </summary>
public sealed record PatrolFilter
{
    /// <summary>Faster than this from the last kept fix is a jump (a GPS outlier, or a ride): the fix is dropped. On foot or e-bike: 40 km/h.</summary>
    public double MaxSpeedKmh { get; init; } = 40;

    /// <summary>A phone standing still wanders about this far (its accuracy): moves within it are not distance.</summary>
    public double StillRadiusMetres { get; init; } = 15;

    /// <summary>A gap between kept fixes, or a stay within the still radius, longer than this ends a patrol segment; it is not patrol time.</summary>
    public TimeSpan MaxPause { get; init; } = TimeSpan.FromMinutes(5);

    public static PatrolFilter Default { get; } = new();

    public double MaxSpeedMetresPerSecond => MaxSpeedKmh / 3.6;

    /// <summary>What is wrong with the parameters (for the start-up check), or nothing.</summary>
    public IEnumerable<string> Problems()
    {
        if (!double.IsFinite(MaxSpeedKmh) || MaxSpeedKmh <= 0) yield return "Patrol:MaxSpeedKmh must be a positive number.";
        if (!double.IsFinite(StillRadiusMetres) || StillRadiusMetres < 0) yield return "Patrol:StillRadiusMetres must be zero or more.";
        if (MaxPause <= TimeSpan.Zero) yield return "Patrol:MaxPause must be a positive time span, e.g. 00:05:00.";
    }
}
