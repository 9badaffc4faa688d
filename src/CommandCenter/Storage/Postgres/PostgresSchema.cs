using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace CommandCenter.Storage.Postgres;

/// <summary>
/// The PostgreSQL profile's schema, as versioned migrations (Storage/Postgres/Migrations/NNNN_name.sql, embedded):
/// applied at start in the order of their names, each in its own transaction with its row in cc_schema_migrations, so
/// a migration is applied whole or not at all. Nodes starting at once queue on one advisory lock: the first applies,
/// the others find the rows and go on. A migration already applied whose text changed stops the start (an applied
/// migration is never edited: a new one is added).
/// </summary>
public static class PostgresSchema
{
    /// <summary>The advisory lock every node takes while it migrates ("cc-schema" as a number).</summary>
    private const long MigrationLock = 0x63632D736368656D;

    private const string Prefix = "CommandCenter.Storage.Postgres.Migrations.";

    /// <summary>Every migration this build knows: version (the file's name without .sql) and its text, in order.</summary>
    public static IReadOnlyList<(string Version, string Sql)> Migrations { get; } = Load();

    /// <summary>Applies what is missing; answers the versions applied now (none when the database was up to date).</summary>
    public static async Task<IReadOnlyList<string>> Migrate(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await Execute(connection, null, $"SELECT pg_advisory_lock({MigrationLock})", cancellationToken);
        try
        {
            await Execute(connection, null,
                "CREATE TABLE IF NOT EXISTS cc_schema_migrations (version text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
                cancellationToken);
            var applied = new Dictionary<string, string>();
            await using (var read = new NpgsqlCommand("SELECT version, checksum FROM cc_schema_migrations", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken)) applied[reader.GetString(0)] = reader.GetString(1);

            var now = new List<string>();
            foreach (var (version, sql) in Migrations)
            {
                var checksum = Checksum(sql);
                if (applied.TryGetValue(version, out var known))
                {
                    if (known != checksum)
                        throw new InvalidOperationException(
                            $"The database's migration {version} differs from this build's: an applied migration must not be edited (add a new one).");
                    continue;
                }
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await Execute(connection, transaction, sql, cancellationToken);
                await using (var record = new NpgsqlCommand("INSERT INTO cc_schema_migrations (version, checksum) VALUES (@v, @c)", connection, transaction))
                {
                    record.Parameters.AddWithValue("v", version);
                    record.Parameters.AddWithValue("c", checksum);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                now.Add(version);
            }
            return now;
        }
        finally
        {
            await Execute(connection, null, $"SELECT pg_advisory_unlock({MigrationLock})", CancellationToken.None);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 300 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Checksum(string sql) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n"))));

    private static IReadOnlyList<(string, string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream, Encoding.UTF8);
                return (n[Prefix.Length..^4], reader.ReadToEnd());
            })
            .ToList();
    }
}
