using CommandCenter.Grids;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommandCenter.Health;

/// <summary>
/// The grid hierarchy is loaded into this node's directory (locating, scoping and dispatch need it). A center whose
/// catalog holds no hierarchy yet (a new city before its import) is degraded, not down: it must stay reachable so an
/// admin can import the grids.
/// </summary>
public sealed class GridsCheck(GridDirectory grids) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(grids.Cached is { } index
            ? HealthCheckResult.Healthy($"{index.Hierarchy.Nodes.Count} grids, version {index.Hierarchy.Version}")
            : grids.Loaded
                ? HealthCheckResult.Degraded("no grid hierarchy imported yet")
                : HealthCheckResult.Unhealthy("the grid hierarchy is not loaded yet"));
}
