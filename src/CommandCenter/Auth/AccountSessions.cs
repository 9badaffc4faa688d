using System.Collections.Concurrent;
using CommandCenter.Grains.Accounts;
using Microsoft.AspNetCore.SignalR;

namespace CommandCenter.Auth;

/// <summary>
/// Ends an account's sessions the moment an administrator disables or resets it: every token carries its account's
/// session generation (<see cref="Claims.Sessions"/>), and this node admits a token only while that generation is the
/// account's and the account is not disabled; the same check closes the account's live hub connections. A change made
/// on this node applies at once (<see cref="Refresh"/>); one made on another node within <see cref="Period"/>.
/// </summary>
public sealed class AccountSessions(IGrainFactory grains, ILogger<AccountSessions> log) : IHostedService, IDisposable
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    private volatile IReadOnlyDictionary<string, SessionStanding> standing = new Dictionary<string, SessionStanding>();
    private long revision = -1;
    private readonly ConcurrentDictionary<string, (HubCallerContext Context, string Username, int Generation)> connections = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly SemaphoreSlim reading = new(1, 1);
    private Task? watching;

    /// <summary>Whether a token of this account, issued in this session generation, still works.</summary>
    public bool Admits(string username, int generation) =>
        standing.GetValueOrDefault(username.ToLowerInvariant()) is not { } s || (!s.Disabled && generation >= s.Generation);

    public void Connected(HubCallerContext context, string username, int generation)
    {
        connections[context.ConnectionId] = (context, username, generation);
        if (!Admits(username, generation)) context.Abort();
    }

    public void Disconnected(HubCallerContext context) => connections.TryRemove(context.ConnectionId, out _);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Refresh();
        watching = Watch(stopping.Token);
    }

    /// <summary>Reads the accounts' standing again when it moved, and closes the hub connections it no longer admits.</summary>
    public async Task Refresh()
    {
        await reading.WaitAsync();
        try
        {
            var directory = grains.GetGrain<IAccountDirectoryGrain>("accounts");
            var now = await directory.GetRevision();
            if (now == revision) return;
            standing = await directory.Sessions();
            revision = now;
        }
        finally
        {
            reading.Release();
        }
        foreach (var (_, connection) in connections)
        {
            if (Admits(connection.Username, connection.Generation)) continue;
            log.LogInformation("Closing a hub connection of {Username}: its session has ended", connection.Username);
            connection.Context.Abort();
        }
    }

    private async Task Watch(CancellationToken token)
    {
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
        {
            try
            {
                await Refresh();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogDebug(e, "Could not read the accounts' sessions");
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        if (watching is not null) await watching.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public void Dispose()
    {
        stopping.Dispose();
        reading.Dispose();
    }
}
