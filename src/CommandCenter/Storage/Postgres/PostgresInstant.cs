namespace CommandCenter.Storage.Postgres;

/// <summary>
/// An instant as the PostgreSQL stores keep it: a timestamptz (whole microseconds, UTC) and the 100-ns ticks past that
/// microsecond (0–9) in a smallint beside it. The center's clock counts 100-ns ticks; compared as the pair (instant,
/// tick), filters and orders answer exactly as the embedded and Redis stores, which keep ticks.
/// </summary>
public static class PostgresInstant
{
    /// <summary>The whole microsecond at or before the instant, as a UTC DateTime.</summary>
    public static DateTime Microsecond(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % 10, DateTimeKind.Utc);

    /// <summary>The ticks past <see cref="Microsecond"/>.</summary>
    public static short Tick(DateTimeOffset at) => (short)(at.UtcTicks % 10);

    /// <summary>The whole microsecond at or after the instant (for a bound that must not leave out its own instant).</summary>
    public static DateTime MicrosecondAtOrAfter(DateTimeOffset at) =>
        at.UtcTicks % 10 == 0 || at.UtcTicks > DateTime.MaxValue.Ticks - 10 ? Microsecond(at) : Microsecond(at).AddTicks(10);

    /// <summary>The instant back from its two columns.</summary>
    public static DateTimeOffset Of(DateTime microsecond, short tick) =>
        new(DateTime.SpecifyKind(microsecond, DateTimeKind.Utc).Ticks + tick, TimeSpan.Zero);
}
