using StackExchange.Redis;

namespace CommandCenter.Storage;

/// <summary>The Redis profile's one connection, shared by Orleans, the ledger, the SignalR backplane and the secrets.</summary>
public static class RedisConnection
{
    public static ConfigurationOptions Options(StorageOptions storage)
    {
        if (string.IsNullOrWhiteSpace(storage.Redis))
            throw new InvalidOperationException("Storage:Profile is Redis but Storage:Redis (the connection string, e.g. \"127.0.0.1:6379\") is empty.");
        var options = ConfigurationOptions.Parse(storage.Redis);
        // A node that starts before Redis, or outlives a Redis restart, keeps retrying instead of failing for good.
        options.AbortOnConnectFail = false;
        options.ClientName ??= $"command-center-{Environment.MachineName}-{Environment.ProcessId}";
        return options;
    }

    public static IConnectionMultiplexer Connect(StorageOptions storage) => ConnectionMultiplexer.Connect(Options(storage));
}
