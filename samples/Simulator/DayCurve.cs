namespace CommandCenter.Simulator;

/// <summary>
/// How reports arrive over a city day: quiet at night, a morning peak (9–11), a lunch dip, an
/// afternoon peak (14–17), and the evening tail. Weights per local hour; they sum to one.
/// </summary>
public static class DayCurve
{
    private static readonly double[] Weights =
    [
        0.4, 0.3, 0.2, 0.2, 0.3, 0.6, 1.5, 3.0, 5.5, 7.5, 7.8, 6.5,
        4.5, 5.0, 6.8, 7.2, 7.0, 6.0, 4.5, 3.5, 2.8, 2.0, 1.2, 0.7,
    ];

    private static readonly double Total = Weights.Sum();

    /// <summary>Expected reports per simulated hour at a simulated hour of the day.</summary>
    public static double RatePerHour(double hourOfDay, int perDay) => perDay * Weights[(int)Math.Floor(hourOfDay) % 24] / Total;

    /// <summary>Which channel a report comes through, by time of day: the hotline by day, sensors around the clock.</summary>
    public static string Channel(Random random, double hourOfDay)
    {
        var r = random.NextDouble();
        var day = hourOfDay is >= 8 and < 18;
        if (r < (day ? 0.40 : 0.25)) return "hotline";
        if (r < (day ? 0.75 : 0.45)) return "worker-app";
        if (r < (day ? 0.90 : 0.65)) return "open311";
        return "sensor";
    }
}
