using Microsoft.Extensions.Options;

namespace CommandCenter.Storage.Files;

/// <summary>Says at start that a Redis-profile node without Storage:SharedDirectory keeps photos, reports and archive files to itself.</summary>
public sealed class PerNodeFilesWarning(IOptions<StorageOptions> storage, ILogger<PerNodeFilesWarning> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        log.LogWarning(
            "Storage:SharedDirectory is not set: photos, uploads, reports and archive files stay in this node's data directory {Directory}; " +
            "another node does not see them. Set Storage:SharedDirectory to a folder every node mounts.",
            storage.Value.FullDataDirectory);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
