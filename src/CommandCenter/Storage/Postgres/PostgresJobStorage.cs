using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Npgsql;

namespace CommandCenter.Storage.Postgres;

/// <summary>
/// Hangfire's jobs in PostgreSQL, in their own schema beside the center's tables. Hangfire.PostgreSql prepares (and
/// upgrades) its schema itself when the storage opens; nodes starting at once take turns on an advisory lock for that,
/// so two installers never race on the same tables.
/// </summary>
public static class PostgresJobStorage
{
    public const string Schema = "hangfire";

    /// <summary>The advisory lock held while Hangfire prepares its schema ("cc-hangf" as a number).</summary>
    private const long SchemaLock = 0x63632D68616E6766;

    public static PostgreSqlStorage Open(string connectionString)
    {
        var options = new PostgreSqlStorageOptions { SchemaName = Schema, PrepareSchemaIfNecessary = true };
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({SchemaLock})", connection)) take.ExecuteNonQuery();
        try
        {
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        }
        finally
        {
            using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({SchemaLock})", connection);
            release.ExecuteNonQuery();
        }
    }
}
