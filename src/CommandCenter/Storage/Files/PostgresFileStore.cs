using Npgsql;
using NpgsqlTypes;

namespace CommandCenter.Storage.Files;

/// <summary>
/// Files in PostgreSQL (table cc_files, migration 0200_files): one row per file with its content whole in a bytea, so a
/// committed write is as durable as the city's other records and every node reads the same row.
/// <para>
/// Whole rows rather than chunk rows: the files are small and bounded. A photo is at most 5 MB and arrives in chunks of
/// at most 1 MiB, so appending by rewriting the value (content || chunk) costs at most ~15 MB of writing per photo, once;
/// reports and archive day files are only ever written whole. One row per file keeps every operation one statement, a
/// read one value, and a partial upload's completion a plain read. Were files to grow to tens of MB, chunk rows would pay.
/// </para>
/// <para>
/// Append at an offset is one UPDATE … WHERE length = offset: PostgreSQL locks the row, and a second append at the same
/// offset waits for the first, re-reads the row and finds the length moved, so it changes nothing. Create-if-absent is an
/// INSERT … ON CONFLICT DO NOTHING. Times are the database's clock, the same for every node.
/// </para>
/// </summary>
public sealed class PostgresFileStore(NpgsqlDataSource database) : IFileStore
{
    public async Task Write(string area, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        FileName.Check(area, name);
        await using var command = database.CreateCommand(
            """
            INSERT INTO cc_files (area, name, content, length, modified_at) VALUES (@area, @name, @content, @length, clock_timestamp())
            ON CONFLICT (area, name) DO UPDATE SET content = excluded.content, length = excluded.length, modified_at = excluded.modified_at
            """);
        Bind(command, area, name);
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("content", NpgsqlDbType.Bytea) { TypedValue = content });
        command.Parameters.AddWithValue("length", (long)content.Length);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> Create(string area, string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        FileName.Check(area, name);
        await using var command = database.CreateCommand(
            """
            INSERT INTO cc_files (area, name, content, length, modified_at) VALUES (@area, @name, @content, @length, clock_timestamp())
            ON CONFLICT (area, name) DO NOTHING
            """);
        Bind(command, area, name);
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("content", NpgsqlDbType.Bytea) { TypedValue = content });
        command.Parameters.AddWithValue("length", (long)content.Length);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<Appended> Append(string area, string name, long offset, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken = default)
    {
        FileName.Check(area, name);
        if (chunk.Length > 0)
        {
            await using var command = database.CreateCommand(
                """
                UPDATE cc_files SET content = content || @chunk, length = length + @added, modified_at = clock_timestamp()
                WHERE area = @area AND name = @name AND length = @offset
                RETURNING length
                """);
            Bind(command, area, name);
            command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("chunk", NpgsqlDbType.Bytea) { TypedValue = chunk });
            command.Parameters.AddWithValue("added", (long)chunk.Length);
            command.Parameters.AddWithValue("offset", offset);
            if (await command.ExecuteScalarAsync(cancellationToken) is long length) return new Appended(true, length);
        }
        var now = await Find(area, name, cancellationToken);
        return new Appended(chunk.Length == 0 && now?.Length == offset, now?.Length);
    }

    public async Task<Stream?> OpenRead(string area, string name, CancellationToken cancellationToken = default)
    {
        FileName.Check(area, name);
        await using var command = database.CreateCommand("SELECT content FROM cc_files WHERE area = @area AND name = @name");
        Bind(command, area, name);
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] content ? new MemoryStream(content, writable: false) : null;
    }

    public async Task<StoredFile?> Find(string area, string name, CancellationToken cancellationToken = default)
    {
        FileName.Check(area, name);
        await using var command = database.CreateCommand("SELECT name, length, modified_at FROM cc_files WHERE area = @area AND name = @name");
        Bind(command, area, name);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Row(reader) : null;
    }

    public async Task<IReadOnlyList<StoredFile>> List(string area, string prefix = "", CancellationToken cancellationToken = default)
    {
        FileName.CheckPrefix(area, prefix);
        await using var command = database.CreateCommand(
            @"SELECT name, length, modified_at FROM cc_files WHERE area = @area AND name LIKE @pattern ESCAPE '\' ORDER BY name");
        command.Parameters.AddWithValue("area", area);
        // A name's characters are letters, digits, '.', '-', '_' and '/': of these only '_' means something to LIKE.
        command.Parameters.AddWithValue("pattern", prefix.Replace("_", "\\_") + "%");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var files = new List<StoredFile>();
        while (await reader.ReadAsync(cancellationToken)) files.Add(Row(reader));
        return files;
    }

    public async Task<bool> Delete(string area, string name, CancellationToken cancellationToken = default)
    {
        FileName.Check(area, name);
        await using var command = database.CreateCommand("DELETE FROM cc_files WHERE area = @area AND name = @name");
        Bind(command, area, name);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static void Bind(NpgsqlCommand command, string area, string name)
    {
        command.Parameters.AddWithValue("area", area);
        command.Parameters.AddWithValue("name", name);
    }

    private static StoredFile Row(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetInt64(1), reader.GetFieldValue<DateTimeOffset>(2));
}
