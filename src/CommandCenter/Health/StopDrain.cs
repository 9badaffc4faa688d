namespace CommandCenter.Health;

/// <summary>
/// The first thing a stop does, before the web server stops taking connections: when a load balancer has asked
/// /health/ready lately, the center keeps answering (ready says 503) for Shutdown:ReadyDrainSeconds, so the balancer
/// sees it leave and sends new requests elsewhere before connections are refused. Nobody asking, nobody to tell: no wait.
/// Real time, not the domain clock: this is the operating system's stop, not the city's.
/// </summary>
public sealed class StopDrain(CenterReadiness readiness, IConfiguration configuration, ILogger<StopDrain> log) : IHostedLifecycleService
{
    private static readonly TimeSpan WatchedWithin = TimeSpan.FromMinutes(1);

    public TimeSpan Drain => TimeSpan.FromSeconds(configuration.GetValue("Shutdown:ReadyDrainSeconds", 5.0));

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (Drain <= TimeSpan.Zero || !readiness.AskedWithin(WatchedWithin)) return;
        log.LogInformation("Stopping: /health/ready answers 503 for {Seconds} s before the center stops taking connections", Drain.TotalSeconds);
        try { await Task.Delay(Drain, cancellationToken); }
        catch (OperationCanceledException) { } // the shutdown timeout is shorter than the drain: stop now
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
