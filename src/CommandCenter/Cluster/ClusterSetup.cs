using System.Net;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

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
    /// <summary>How long an incident with nothing happening stays in memory (setting Incidents:KeepIdleFor).</summary>
    public static readonly TimeSpan DefaultIncidentKeepIdleFor = TimeSpan.FromMinutes(5);

    public static void AddClusterTimings(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.Configure<ClusterMembershipOptions>(configuration.GetSection("Cluster:Membership"));
        silo.Services.Configure<ReminderOptions>(configuration.GetSection("Cluster:Reminders"));
        silo.Services.Configure<GrainCollectionOptions>(configuration.GetSection("Cluster:Collection"));
        // An incident's SLA clock is its grid's, so an incident nobody touched for a while leaves memory (the grid wakes
        // it when something falls due): an open case then costs its grid's clock entry, not an activation.
        var keepIdle = configuration.GetValue("Incidents:KeepIdleFor", DefaultIncidentKeepIdleFor);
        silo.Services.Configure<GrainCollectionOptions>(o =>
            o.ClassSpecificCollectionAge[typeof(CommandCenter.Grains.Incidents.IncidentGrain).FullName!] = keepIdle);
        // The domain clock (TimeProvider) may be another clock than the machine's: a test's fake clock, moved hours ahead
        // while a silo is still joining, made Orleans judge that silo past its join time and declare it dead. Membership,
        // messaging timeouts and the silo's maintenance timers keep real time; grain timers follow the domain clock.
        foreach (var area in (string[])[TimeProviderNames.Membership, TimeProviderNames.Messaging, TimeProviderNames.SystemTimers])
            silo.Services.AddKeyedSingleton(area, TimeProvider.System);
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
