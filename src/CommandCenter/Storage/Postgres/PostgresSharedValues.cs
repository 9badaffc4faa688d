using Npgsql;

namespace CommandCenter.Storage.Postgres;

/// <summary>
/// The Postgres profile keeps the generated secrets in cc_shared_values (migration 0010), under the service id: the
/// first node to store one wins (INSERT … ON CONFLICT DO NOTHING), every node then reads the stored value, so nodes
/// starting at once agree.
/// </summary>
public sealed class PostgresSharedValues(string connectionString, string prefix) : ISharedValues
{
    public string GetOrCreate(string name, Func<string> create)
    {
        var key = prefix + ":secrets:" + name;
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using (var insert = new NpgsqlCommand("INSERT INTO cc_shared_values (key, value) VALUES (@k, @v) ON CONFLICT (key) DO NOTHING", connection))
        {
            insert.Parameters.AddWithValue("k", key);
            insert.Parameters.AddWithValue("v", create());
            insert.ExecuteNonQuery();
        }
        using var select = new NpgsqlCommand("SELECT value FROM cc_shared_values WHERE key = @k", connection);
        select.Parameters.AddWithValue("k", key);
        return (string)select.ExecuteScalar()!;
    }
}
