using CommandCenter.Storage;

namespace CommandCenter.Tests.Support;

/// <summary>
/// A SQLite database of the center's (a ledger, patrol tracks) in a folder of its own, removed with it. On a memory
/// disk (/dev/shm) when asked: for tests of what the records answer, not of the disk's fsync.
/// </summary>
public sealed class TemporarySqlite : IAsyncDisposable
{
    private readonly string folder;

    public TemporarySqlite(string name, IEnumerable<string> schema, bool inMemory = false)
    {
        folder = Path.Combine(inMemory && Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), name, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        Database = new SqliteDatabase(File, schema);
    }

    public SqliteDatabase Database { get; }

    public string File => Path.Combine(folder, "ledger.db");

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(folder, true); } catch (IOException) { }
    }
}
