using CommandCenter.Incidents;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace CommandCenter.Storage.Postgres;

/// <summary>
/// The Postgres profile's reminders are durable, so no start scans for running SLA clocks. A city copied from the embedded
/// profile (<see cref="EmbeddedCopy"/>) brings no reminders along (they lived in memory there): the copy leaves a mark in
/// cc_shared_values, and the first start to find it wakes every incident with a running clock once (<see cref="SlaRearm"/>),
/// which arms its durable reminder, then removes the mark. Nodes starting at once may both scan; a wake is idempotent.
/// </summary>
public sealed class PostgresCopiedClocks(string connectionString, IOptions<ClusterOptions> cluster, SlaRearm rearm, ILogger<PostgresCopiedClocks> log) : IHostedService
{
    public static string PendingKey(string serviceId) => serviceId + ":copy:sla-rearm-pending";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var key = PendingKey(cluster.Value.ServiceId);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var find = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM cc_shared_values WHERE key = @k)", connection))
        {
            find.Parameters.AddWithValue("k", key);
            if (!(bool)(await find.ExecuteScalarAsync(cancellationToken))!) return;
        }
        log.LogInformation("First start after a copy from the embedded profile: re-arming the running SLA clocks");
        await rearm.Run(cancellationToken);
        await using var done = new NpgsqlCommand("DELETE FROM cc_shared_values WHERE key = @k", connection);
        done.Parameters.AddWithValue("k", key);
        await done.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
