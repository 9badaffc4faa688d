using System.Text;
using Npgsql;

namespace CommandCenter.Storage.Postgres;

/// <summary>A WHERE clause built condition by condition, each value a parameter (never text in the SQL).</summary>
internal sealed class PostgresWhere
{
    private readonly StringBuilder text = new("WHERE TRUE");
    private readonly List<NpgsqlParameter> parameters = [];

    /// <summary>A parameter holding the value; answers its placeholder.</summary>
    public string Value<T>(T value)
    {
        var name = "p" + parameters.Count;
        parameters.Add(new NpgsqlParameter<T>(name, value));
        return "@" + name;
    }

    /// <summary>An instant as the (microsecond, tick) pair its columns are compared with.</summary>
    public string Instant(DateTimeOffset at) => $"({Value(PostgresInstant.Microsecond(at))}, {Value(PostgresInstant.Tick(at))})";

    public PostgresWhere And(string condition)
    {
        text.Append(" AND ").Append(condition);
        return this;
    }

    public override string ToString() => text.ToString();

    /// <summary>Copies of the parameters, for one more command that uses the same clause.</summary>
    public void AddTo(NpgsqlParameterCollection target)
    {
        foreach (var p in parameters) target.Add(p.Clone());
    }
}
