using Microsoft.Data.Sqlite;
using Orleans.Serialization;
using Orleans.Storage;

namespace CommandCenter.Storage;

/// <summary>
/// Orleans grain state in the embedded SQLite file: one row per (state name, grain id), guarded by an
/// ETag so two activations can never overwrite each other. States are written with the Orleans
/// serializer, which tolerates added fields through the [Id]s.
/// </summary>
public sealed class SqliteGrainStorage(SqliteDatabase database, Serializer serializer) : IGrainStorage
{
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS grain_state (
            state_name TEXT NOT NULL,
            grain_id   TEXT NOT NULL,
            etag       TEXT NOT NULL,
            data       BLOB NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (state_name, grain_id)
        ) WITHOUT ROWID;
        """;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = database.OpenRead();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, data FROM grain_state WHERE state_name = $name AND grain_id = $id";
        command.Parameters.AddWithValue("$name", stateName);
        command.Parameters.AddWithValue("$id", grainId.ToString());
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        grainState.ETag = reader.GetString(0);
        grainState.State = serializer.Deserialize<T>((byte[])reader.GetValue(1));
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var data = serializer.SerializeToArray(grainState.State);
        var expected = grainState.ETag;
        var next = Guid.NewGuid().ToString("N");
        var id = grainId.ToString();
        var written = await database.Write((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = expected is null
                ? "INSERT INTO grain_state (state_name, grain_id, etag, data, updated_at) VALUES ($name, $id, $next, $data, $at) ON CONFLICT DO NOTHING"
                : "UPDATE grain_state SET etag = $next, data = $data, updated_at = $at WHERE state_name = $name AND grain_id = $id AND etag = $expected";
            command.Parameters.AddWithValue("$name", stateName);
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$next", next);
            command.Parameters.AddWithValue("$data", data);
            command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O"));
            if (expected is not null) command.Parameters.AddWithValue("$expected", expected);
            return command.ExecuteNonQuery();
        });
        if (written != 1)
            throw new InconsistentStateException($"State {stateName} of {id} was changed by someone else.", expected ?? "(none)", next);
        grainState.ETag = next;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var expected = grainState.ETag;
        var id = grainId.ToString();
        await database.Write((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "DELETE FROM grain_state WHERE state_name = $name AND grain_id = $id";
            command.Parameters.AddWithValue("$name", stateName);
            command.Parameters.AddWithValue("$id", id);
            return command.ExecuteNonQuery();
        });
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }
}
