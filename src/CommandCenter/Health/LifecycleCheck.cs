using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommandCenter.Health;

/// <summary>Ready only between "every service started" and "told to stop".</summary>
public sealed class LifecycleCheck(CenterReadiness readiness) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(readiness.Phase switch
        {
            CenterPhase.Ready => HealthCheckResult.Healthy("started"),
            CenterPhase.Starting => HealthCheckResult.Unhealthy("starting: the silo and the grids are not up yet"),
            _ => HealthCheckResult.Unhealthy("stopping: finishing the requests in flight, taking no new work"),
        });
}
