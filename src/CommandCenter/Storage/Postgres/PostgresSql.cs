using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace CommandCenter.Storage.Postgres;

/// <summary>Small pieces every PostgreSQL store uses: typed parameters and JSON rows.</summary>
internal static class PostgresSql
{
    public static NpgsqlParameter Nullable(string name, NpgsqlDbType type, object? value) =>
        new(name, type) { Value = value ?? DBNull.Value };

    public static NpgsqlParameter<T> Of<T>(string name, T value) => new(name, value);

    public static async Task<List<T>> ReadJson<T>(NpgsqlCommand command, CancellationToken cancellationToken = default)
    {
        var items = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) items.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), LedgerJson.Options)!);
        return items;
    }
}
