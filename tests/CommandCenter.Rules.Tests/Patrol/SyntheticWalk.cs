using CommandCenter.Grains.Members;

namespace CommandCenter.Rules.Tests.Patrol;

/// <summary>
/// Builds a track whose true length and patrol time are known: legs walked at a steady pace in a local east/north
/// frame (metres), stops, jitter and injected jumps, sampled every few seconds like a phone.
/// </summary>
public sealed class SyntheticWalk(DateTimeOffset start, double originLat = 31.90, double originLon = 120.28, double every = 10)
{
    private const double MetresPerDegree = 6_371_008.8 * Math.PI / 180;
    private readonly List<Fix> fixes = [];
    private double east, north;
    private DateTimeOffset at = start;

    public IReadOnlyList<Fix> Fixes => fixes;
    public double TrueMetres { get; private set; }
    public TimeSpan TruePatrolTime { get; private set; }
    public DateTimeOffset Now => at;

    public SyntheticWalk Begin() { Emit(east, north); return this; }

    /// <summary>Walks a straight leg at the pace, a fix every <c>every</c> seconds (and one at the leg's end).</summary>
    public SyntheticWalk Walk(double eastMetres, double northMetres, double metresPerSecond = 1.4)
    {
        var length = Math.Sqrt(eastMetres * eastMetres + northMetres * northMetres);
        var seconds = length / metresPerSecond;
        var (e0, n0, t0) = (east, north, at);
        for (var s = every; s < seconds; s += every)
        {
            at = t0.AddSeconds(s);
            Emit(e0 + eastMetres * s / seconds, n0 + northMetres * s / seconds);
        }
        at = t0.AddSeconds(seconds);
        east = e0 + eastMetres;
        north = n0 + northMetres;
        Emit(east, north);
        TrueMetres += length;
        TruePatrolTime += TimeSpan.FromSeconds(seconds);
        return this;
    }

    /// <summary>Stands still, the phone still sending fixes scattered around the spot (normal, sigma metres per axis).</summary>
    public SyntheticWalk Stand(TimeSpan howLong, double sigma, Random random)
    {
        var end = at + howLong;
        while (at + TimeSpan.FromSeconds(every) < end)
        {
            at = at.AddSeconds(every);
            Emit(east + sigma * Gaussian(random), north + sigma * Gaussian(random));
        }
        at = end;
        Emit(east, north);
        return this;
    }

    /// <summary>The phone sends nothing for a while (pocketed, asleep); the member stays where it is.</summary>
    public SyntheticWalk Silent(TimeSpan howLong) { at += howLong; Emit(east, north); return this; }

    /// <summary>Puts one fix far off between the last fix and the next (a GPS outlier that comes back).</summary>
    public SyntheticWalk Jump(double eastMetres, double northMetres)
    {
        at = at.AddSeconds(every / 2);
        Emit(east + eastMetres, north + northMetres);
        return this;
    }

    /// <summary>Moves without patrolling (a ride): fixes at the ride's pace, neither distance nor time is patrol.</summary>
    public SyntheticWalk Ride(double eastMetres, double northMetres, double metresPerSecond)
    {
        var length = Math.Sqrt(eastMetres * eastMetres + northMetres * northMetres);
        var seconds = length / metresPerSecond;
        var (e0, n0, t0) = (east, north, at);
        for (var s = every; s <= seconds; s += every)
        {
            at = t0.AddSeconds(s);
            Emit(e0 + eastMetres * s / seconds, n0 + northMetres * s / seconds);
        }
        at = t0.AddSeconds(seconds);
        east = e0 + eastMetres;
        north = n0 + northMetres;
        Emit(east, north);
        return this;
    }

    public (double East, double North) LocalOf(Fix fix) =>
        ((fix.Lon - originLon) * MetresPerDegree * Math.Cos(originLat * Math.PI / 180), (fix.Lat - originLat) * MetresPerDegree);

    private void Emit(double e, double n)
    {
        if (fixes.Count > 0 && fixes[^1].At >= at) return;
        fixes.Add(new Fix(originLat + n / MetresPerDegree, originLon + e / (MetresPerDegree * Math.Cos(originLat * Math.PI / 180)), at));
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
