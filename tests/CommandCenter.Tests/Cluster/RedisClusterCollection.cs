namespace CommandCenter.Tests.Cluster;

/// <summary>
/// The tests that run whole clusters (several center processes and a Redis each) run one after the
/// other, and apart from every other test: on a 2-core machine they would starve the other tests'
/// processes (whose real-time deadlines then fire late) and each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RedisClusterCollection
{
    public const string Name = "redis cluster";
}
