using CommandCenter.Grains.Members;
using CommandCenter.Grains.Patrol;

namespace CommandCenter.Members;

/// <summary>
/// The patrol settings (section <c>Patrol</c>): the statistics rule's parameters (<see cref="PatrolFilter"/>:
/// <c>MaxSpeedKmh</c>, <c>StillRadiusMetres</c>, <c>MaxPause</c>) and how long fixes are kept (<c>TrackRetentionDays</c>).
/// A bad value stops the start.
/// </summary>
public static class PatrolSetup
{
    public const string Section = "Patrol";

    public static void AddPatrol(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        var filter = section.Get<PatrolFilter>() ?? PatrolFilter.Default;
        var problems = filter.Problems().ToList();
        var days = section.GetValue("TrackRetentionDays", TrackRetention.DefaultDays);
        if (days < 1) problems.Add("Patrol:TrackRetentionDays must be at least 1.");
        if (problems.Count > 0) throw new InvalidOperationException("Patrol settings are invalid: " + string.Join("; ", problems));
        builder.Services.AddSingleton(filter);
        builder.Services.AddSingleton(new TrackRetention(days));
    }
}
