namespace CommandCenter.Tests.Support;

/// <summary>
/// Command-center nodes on the Postgres profile, each a real process with its own ports, with the short cluster
/// timings of <see cref="RedisNodes"/> (a killed node declared dead in seconds). Redis is optional: given, it is the
/// SignalR backplane.
/// </summary>
public static class PostgresNodes
{
    public static Task<CenterProcess> Start(string connectionString, RedisServer? backplane = null, string? dataDirectory = null, params string[] extra) =>
        CenterProcess.Start(dataDirectory ?? NewDataDirectory(),
        [
            "--Storage:Profile=Postgres",
            $"--Storage:Postgres={connectionString}",
            .. backplane is null ? Array.Empty<string>() : [$"--Storage:Redis={backplane.ConnectionString}"],
            "--Cluster:Membership:ProbeTimeout=00:00:01",
            "--Cluster:Membership:MinProbeTimeout=00:00:01",
            "--Cluster:Membership:NumMissedProbesLimit=2",
            "--Cluster:Membership:TableRefreshTimeout=00:00:02",
            "--Cluster:Membership:IAmAliveTablePublishTimeout=00:00:05",
            "--Cluster:Membership:DeathVoteExpirationTimeout=00:00:10",
            "--Cluster:Reminders:MinimumReminderPeriod=00:00:05",
            "--Cluster:Reminders:RefreshReminderListPeriod=00:00:05",
            $"--Sla:ReminderPeriod={RedisNodes.ReminderPeriod:c}",
            .. extra,
        ]);

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "cc-node", Guid.NewGuid().ToString("N"));
}
