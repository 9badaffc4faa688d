namespace CommandCenter.Grains.Accounts;

/// <summary>
/// Failed sign-ins for one username (key: the lower-cased username), cluster-wide: after too many
/// failures in a window the account is locked for a while, whatever node the attempts reach.
/// Kept in memory on purpose: a restart ending a lockout early is an acceptable trade for no write per attempt.
/// </summary>
public interface ISignInGuardGrain : IGrainWithStringKey
{
    /// <summary>Null when a sign-in may be tried now, else when it may be tried again.</summary>
    Task<DateTimeOffset?> LockedUntil();
    Task RecordFailure();
    Task RecordSuccess();
}

public sealed class SignInGuardGrain(TimeProvider clock) : Grain, ISignInGuardGrain
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    private readonly Queue<DateTimeOffset> failures = new();
    private DateTimeOffset? lockedUntil;

    public Task<DateTimeOffset?> LockedUntil()
    {
        var now = clock.GetUtcNow();
        if (lockedUntil <= now) lockedUntil = null;
        return Task.FromResult(lockedUntil);
    }

    public Task RecordFailure()
    {
        var now = clock.GetUtcNow();
        while (failures.Count > 0 && now - failures.Peek() > Window) failures.Dequeue();
        failures.Enqueue(now);
        if (failures.Count >= MaxFailures)
        {
            lockedUntil = now + Lockout;
            failures.Clear();
        }
        return Task.CompletedTask;
    }

    public Task RecordSuccess()
    {
        failures.Clear();
        return Task.CompletedTask;
    }
}
