namespace CommandCenter.Storage;

/// <summary>
/// At a stop, after the web server finished its requests and the silo stopped (it is registered before the silo, and
/// hosted services stop in reverse order), the SQLite store's queued group commits are written before the process
/// exits. The Redis and PostgreSQL ledgers write each event before they answer, so they have no queue to drain.
/// </summary>
public sealed class LedgerDrain(IServiceProvider services, ILogger<LedgerDrain> log) : IHostedService
{
    private SqliteDatabase? database;

    // Taken at start: at stop the container may already be on its way out.
    public Task StartAsync(CancellationToken cancellationToken)
    {
        database = services.GetService<SqliteDatabase>();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (database is null) return;
        var queued = await database.Drain();
        log.LogInformation("SQLite store drained at stop: {Queued} queued writes committed", queued);
    }
}
