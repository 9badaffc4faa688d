using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace CommandCenter.Storage;

/// <summary>
/// The embedded profile's one SQLite file, in WAL mode with synchronous=FULL. All writes go through a
/// single writer that groups whatever is waiting into one transaction (group commit): concurrent
/// callers share one fsync, and each caller hears back only after its batch is durable.
/// Each write runs inside its own savepoint, so one failing write does not undo its batch-mates.
/// </summary>
public sealed class SqliteDatabase : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly Channel<PendingWrite> queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection writer;
    private readonly string connectionString;
    private readonly Task writerLoop;
    private int queued;
    private readonly string fileName;
    // The writer's statements, prepared once and kept (touched only by the write loop's thread, one write at a time).
    private readonly Dictionary<string, SqliteCommand> statements = new(StringComparer.Ordinal);

    private abstract class PendingWrite
    {
        public abstract void Run(SqliteConnection connection, SqliteTransaction transaction);
        public abstract void Complete();
        public abstract void Fail(Exception error);
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, SqliteTransaction, T> work) : PendingWrite
    {
        private readonly TaskCompletionSource<T> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T result = default!;
        private Exception? error;
        public Task<T> Task => done.Task;
        public override void Run(SqliteConnection connection, SqliteTransaction transaction)
        {
            try { result = work(connection, transaction); }
            catch (Exception e) { error = e; throw; }
        }
        public override void Complete()
        {
            if (error is null) done.TrySetResult(result); else done.TrySetException(error);
        }
        public override void Fail(Exception e) => done.TrySetException(error ?? e);
    }

    public SqliteDatabase(string path, IEnumerable<string> schema)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
        writer = new SqliteConnection(connectionString);
        writer.Open();
        Execute(writer, "PRAGMA journal_mode=WAL;");
        Execute(writer, "PRAGMA synchronous=FULL;");
        Execute(writer, "PRAGMA busy_timeout=30000;");
        foreach (var statement in schema)
        {
            try { Execute(writer, statement); }
            // A column added by a later version is already there in a new file (or one upgraded before).
            catch (SqliteException e) when (statement.StartsWith("ALTER TABLE", StringComparison.Ordinal) && e.Message.Contains("duplicate column name", StringComparison.Ordinal)) { }
        }
        FilePath = path;
        fileName = Path.GetFileName(path);
        writerLoop = Task.Factory.StartNew(WriteLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public string FilePath { get; }

    /// <summary>Runs <paramref name="work"/> in the next group commit; completes once it is on disk.</summary>
    public Task<T> Write<T>(Func<SqliteConnection, SqliteTransaction, T> work)
    {
        var pending = new PendingWrite<T>(work);
        Interlocked.Increment(ref queued);
        if (!queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref queued);
            throw new ObjectDisposedException(nameof(SqliteDatabase));
        }
        return pending.Task;
    }

    /// <summary>
    /// Inside a <see cref="Write{T}"/>: the writer's command for <paramref name="sql"/>, prepared on first use and kept,
    /// with no parameters and the batch's transaction. Preparing a statement afresh for every write was a few per cent of
    /// a transition's CPU. Not to be disposed, nor used outside the write that asked for it.
    /// </summary>
    public SqliteCommand Statement(SqliteTransaction transaction, string sql)
    {
        if (!statements.TryGetValue(sql, out var command))
        {
            command = writer.CreateCommand();
            command.CommandText = sql;
            statements[sql] = command;
        }
        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    /// <summary>A fresh read connection (pooled); WAL lets reads run beside the writer and see every committed write.</summary>
    public SqliteConnection OpenRead()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    private async Task WriteLoop()
    {
        var batch = new List<PendingWrite>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next)) batch.Add(next);
            try
            {
                using var transaction = writer.BeginTransaction();
                foreach (var pending in batch)
                {
                    transaction.Save("w");
                    try
                    {
                        pending.Run(writer, transaction);
                        transaction.Release("w");
                    }
                    catch
                    {
                        transaction.Rollback("w");
                        transaction.Release("w");
                    }
                }
                transaction.Commit();
                Telemetry.CenterMetrics.GroupCommitted(fileName, batch.Count);
                foreach (var pending in batch) pending.Complete();
            }
            catch (Exception e)
            {
                foreach (var pending in batch) pending.Fail(e);
            }
            Interlocked.Add(ref queued, -batch.Count);
        }
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Takes no more writes and waits until every write already queued is committed (and its caller answered); answers
    /// how many were still queued. A stop calls it after the silo stopped, so nothing acknowledged is lost and nothing
    /// queued is dropped.
    /// </summary>
    public async Task<int> Drain()
    {
        var waiting = Volatile.Read(ref queued);
        queue.Writer.TryComplete();
        await writerLoop;
        return waiting;
    }

    public async ValueTask DisposeAsync()
    {
        await Drain();
        foreach (var command in statements.Values) await command.DisposeAsync();
        await writer.DisposeAsync();
    }
}
