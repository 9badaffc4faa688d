using System.Globalization;
using CommandCenter.Storage;
using Microsoft.Data.Sqlite;

namespace CommandCenter.Jobs;

/// <summary>
/// The embedded profile's record of job runs: a small table in the center's SQLite file (Hangfire's storage there is in
/// memory and forgets at every stop). Written through the group commit, so a run's start is on disk before the job works.
/// </summary>
public sealed class SqliteJobRuns(SqliteDatabase database) : IJobRuns
{
    public static readonly string[] Schema =
    [
        """
        CREATE TABLE IF NOT EXISTS job_runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            job TEXT NOT NULL,
            trigger TEXT NOT NULL,
            started TEXT NOT NULL,
            finished TEXT NULL,
            outcome TEXT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS job_runs_by_job ON job_runs (job, id)",
    ];

    public Task<long> Started(string job, string trigger, DateTimeOffset at) => database.Write((connection, transaction) =>
    {
        using var command = Command(connection, transaction, "INSERT INTO job_runs (job, trigger, started, finished, outcome) VALUES ($job, $trigger, $at, $finished, $outcome) RETURNING id");
        command.Parameters.AddWithValue("$job", job);
        command.Parameters.AddWithValue("$trigger", trigger);
        command.Parameters.AddWithValue("$at", Text(at));
        // The first start is a mark, not a run: it is finished as it is written.
        command.Parameters.AddWithValue("$finished", trigger == JobTriggers.FirstStart ? Text(at) : DBNull.Value);
        command.Parameters.AddWithValue("$outcome", trigger == JobTriggers.FirstStart ? JobOutcomes.Succeeded : DBNull.Value);
        return (long)command.ExecuteScalar()!;
    });

    public Task Finished(long run, DateTimeOffset at, string outcome) => database.Write((connection, transaction) =>
    {
        using var command = Command(connection, transaction, "UPDATE job_runs SET finished = $at, outcome = $outcome WHERE id = $id");
        command.Parameters.AddWithValue("$id", run);
        command.Parameters.AddWithValue("$at", Text(at));
        command.Parameters.AddWithValue("$outcome", outcome);
        return command.ExecuteNonQuery();
    });

    public async Task<DateTimeOffset?> LastDone(string job)
    {
        await using var connection = database.OpenRead();
        using var command = Command(connection, null, "SELECT started FROM job_runs WHERE job = $job AND outcome = $ok AND trigger <> $byHand ORDER BY started DESC LIMIT 1");
        command.Parameters.AddWithValue("$job", job);
        command.Parameters.AddWithValue("$byHand", JobTriggers.ByHand);
        command.Parameters.AddWithValue("$ok", JobOutcomes.Succeeded);
        return await command.ExecuteScalarAsync() is string started ? Parse(started) : null;
    }

    public async Task<IReadOnlyList<JobRun>> Latest(int perJob)
    {
        await using var connection = database.OpenRead();
        using var command = Command(connection, null, """
            SELECT job, trigger, started, finished, outcome FROM (
                SELECT *, ROW_NUMBER() OVER (PARTITION BY job ORDER BY id DESC) AS n FROM job_runs)
            WHERE n <= $per ORDER BY job, id DESC
            """);
        command.Parameters.AddWithValue("$per", perJob);
        var runs = new List<JobRun>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            runs.Add(new JobRun(reader.GetString(0), reader.GetString(1), Parse(reader.GetString(2)),
                reader.IsDBNull(3) ? null : Parse(reader.GetString(3)), reader.IsDBNull(4) ? null : reader.GetString(4)));
        return runs;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    // Round-trip UTC text sorts in time order, so ORDER BY started is by time.
    private static string Text(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
