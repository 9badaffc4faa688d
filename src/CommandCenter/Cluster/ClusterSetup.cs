using System.Net;
using Orleans.Configuration;
using Orleans.Hosting;

namespace CommandCenter.Cluster;

/// <summary>
/// How this silo finds the others, and how fast the cluster reacts to a lost node. The timings are
/// Orleans' own options, bound from configuration with Orleans' production defaults: sections
/// "Cluster:Membership" (<see cref="ClusterMembershipOptions"/>: ProbeTimeout, NumMissedProbesLimit,
/// DeathVoteExpirationTimeout, IAmAliveTablePublishTimeout, TableRefreshTimeout, …) and
/// "Cluster:Reminders" (<see cref="ReminderOptions"/>: MinimumReminderPeriod, RefreshReminderListPeriod, …).
/// Not under "Orleans": Orleans reads "Orleans:Reminders" and the like as provider settings of its own.
/// Tests set them short so a killed node is declared dead in seconds.
/// </summary>
public static class ClusterSetup
{
    public static void AddClusterTimings(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection("Cluster:Membership"));
        silo.Services.Configure<ReminderOptions>(configuration.GetSection("Cluster:Reminders"));
    }

    /// <summary>A cluster of many nodes whose membership table is shared storage (the Redis and Postgres profiles).</summary>
    public static void AddSharedClusterIdentity(this ISiloBuilder silo, NodeOptions node)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = node.ClusterId;
            o.ServiceId = node.ServiceId;
        });
        silo.ConfigureEndpoints(IPAddress.Parse(node.AdvertisedAddress), node.SiloPort, node.GatewayPort, listenOnAnyHostAddress: false);
    }
}
