namespace CommandCenter.Health;

/// <summary>Where the center is in its life, as a load balancer needs to know it.</summary>
public enum CenterPhase { Starting, Ready, Stopping }

/// <summary>
/// The center's phase: starting until every hosted service has started (the silo is up, the sample city or the stored
/// grids are loaded), ready from then, stopping from the moment it is told to stop. Stopping is final: a late "started"
/// never makes a stopping center ready again. It also remembers when readiness was last asked, so a stop waits for a
/// load balancer only when one is watching (<see cref="StopDrain"/>).
/// </summary>
public sealed class CenterReadiness
{
    private int phase = (int)CenterPhase.Starting;
    private long lastAskedTicks = long.MinValue;

    public CenterReadiness(IHostApplicationLifetime lifetime)
    {
        lifetime.ApplicationStarted.Register(Started);
        lifetime.ApplicationStopping.Register(Stopping);
    }

    public CenterPhase Phase => (CenterPhase)Volatile.Read(ref phase);

    public void Started() => Interlocked.CompareExchange(ref phase, (int)CenterPhase.Ready, (int)CenterPhase.Starting);

    public void Stopping() => Interlocked.Exchange(ref phase, (int)CenterPhase.Stopping);

    /// <summary>Readiness was asked now (a load balancer, a probe, an operator).</summary>
    public void Asked() => Interlocked.Exchange(ref lastAskedTicks, Environment.TickCount64);

    /// <summary>True when readiness was asked within <paramref name="window"/>: someone routes by it.</summary>
    public bool AskedWithin(TimeSpan window)
    {
        var last = Interlocked.Read(ref lastAskedTicks);
        return last != long.MinValue && Environment.TickCount64 - last <= window.TotalMilliseconds;
    }
}
