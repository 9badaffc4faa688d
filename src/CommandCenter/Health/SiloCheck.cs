using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace CommandCenter.Health;

/// <summary>This node's Orleans silo is active in its cluster (not joining, not shutting down, not declared dead).</summary>
public sealed class SiloCheck(ILocalSiloDetails silo, IClusterMembershipService membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy("active")
            : HealthCheckResult.Unhealthy($"the silo is {status.ToString().ToLowerInvariant()}, not active"));
    }
}
