namespace CommandCenter.Cluster;

/// <summary>This node's place in the cluster (section "Orleans"). Every node of one cluster has its own ports and the same ids.</summary>
public sealed class NodeOptions
{
    public const string Section = "Orleans";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for Orleans clients (the co-hosted web host does not need it, external clients would).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other nodes reach this one at (Redis and Postgres profiles); loopback for nodes on one machine.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Nodes with the same cluster id form one cluster (Redis and Postgres profiles).</summary>
    public string ClusterId { get; set; } = "grid-command-center";

    /// <summary>Names the deployment's data: Orleans keys its grain state with it, and the ledger and secrets in Redis (or the secrets in PostgreSQL) are under it.</summary>
    public string ServiceId { get; set; } = "grid-command-center";
}
