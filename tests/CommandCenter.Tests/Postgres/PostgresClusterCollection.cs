namespace CommandCenter.Tests.Postgres;

/// <summary>
/// The tests that run center processes on a private PostgreSQL run one after the other and apart from every other
/// test, as the Redis cluster tests do: on a 2-core machine they would starve the others' processes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresClusterCollection
{
    public const string Name = "postgres cluster";
}
