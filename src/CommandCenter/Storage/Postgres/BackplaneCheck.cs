using Orleans.Runtime;

namespace CommandCenter.Storage.Postgres;

/// <summary>
/// The Postgres profile without Storage:Redis pushes in-process: a client connected to one node misses what another
/// node raises. One node is fine; when more than one silo is active this warns (again each time the cluster grows
/// back past one after being alone), naming the setting that fixes it.
/// </summary>
public sealed class BackplaneCheck(IClusterMembershipService membership, ILogger<BackplaneCheck> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var warned = false;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
                if (active > 1 && !warned)
                    logger.LogWarning(
                        "{Active} nodes are active on the Postgres profile without a SignalR backplane: a client connected to one node misses pushes raised on another. Set Storage:Redis on every node.",
                        active);
                warned = active > 1;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
