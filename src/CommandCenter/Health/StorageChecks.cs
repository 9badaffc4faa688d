using CommandCenter.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using StackExchange.Redis;

namespace CommandCenter.Health;

/// <summary>
/// The embedded profile's store takes a write: one row through the same group commit as the ledger, so a full disk, a
/// read-only mount or a stuck writer shows here before an operator's action fails.
/// </summary>
public sealed class SqliteWriteCheck(SqliteDatabase database) : IHealthCheck
{
    public const string Schema = "CREATE TABLE IF NOT EXISTS health_probe (node TEXT PRIMARY KEY, at TEXT NOT NULL)";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await database.Write((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO health_probe (node, at) VALUES ($node, $at) ON CONFLICT (node) DO UPDATE SET at = excluded.at";
            command.Parameters.AddWithValue("$node", Environment.MachineName);
            command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
            return command.ExecuteNonQuery();
        }).WaitAsync(cancellationToken);
        return HealthCheckResult.Healthy("SQLite takes writes");
    }
}

/// <summary>The Redis profile's store takes a write (a short-lived key under the service id).</summary>
public sealed class RedisWriteCheck(IConnectionMultiplexer redis, string prefix) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await redis.GetDatabase().StringSetAsync(prefix + ":health:" + Environment.MachineName, DateTimeOffset.UtcNow.ToString("O"), TimeSpan.FromMinutes(1))
            .WaitAsync(cancellationToken);
        return HealthCheckResult.Healthy("Redis takes writes");
    }
}

/// <summary>Redis answers (the SignalR backplane's, in the Postgres profile): pushes reach clients on other nodes.</summary>
public sealed class RedisPingCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
        return HealthCheckResult.Healthy("Redis answers");
    }
}

/// <summary>PostgreSQL answers and takes writes (a server in recovery, a read-only replica, does not).</summary>
public sealed class PostgresCheck(NpgsqlDataSource database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("SELECT pg_is_in_recovery()");
        var readOnly = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
        return readOnly
            ? HealthCheckResult.Unhealthy("PostgreSQL is read-only (a replica or in recovery)")
            : HealthCheckResult.Healthy("PostgreSQL takes writes");
    }
}
