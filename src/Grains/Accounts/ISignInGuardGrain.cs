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

    /// <summary>An administrator lifts the lockout: sign-in may be tried at once.</summary>
    Task Lift();
}

/// <summary>The accounts locked now, cluster-wide (one grain, key "city"), for administrators to see and lift. In memory like the guards.</summary>
public interface ILockoutBoardGrain : IGrainWithStringKey
{
    Task Locked(string username, DateTimeOffset until);
    Task Lifted(string username);
    Task<IReadOnlyDictionary<string, DateTimeOffset>> Current();
}

public sealed class LockoutBoardGrain(TimeProvider clock) : Grain, ILockoutBoardGrain
{
    private readonly Dictionary<string, DateTimeOffset> locked = new(StringComparer.OrdinalIgnoreCase);

    public Task Locked(string username, DateTimeOffset until)
    {
        locked[username] = until;
        return Task.CompletedTask;
    }

    public Task Lifted(string username)
    {
        locked.Remove(username);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyDictionary<string, DateTimeOffset>> Current()
    {
        var now = clock.GetUtcNow();
        foreach (var expired in locked.Where(l => l.Value <= now).Select(l => l.Key).ToList()) locked.Remove(expired);
        return Task.FromResult<IReadOnlyDictionary<string, DateTimeOffset>>(new Dictionary<string, DateTimeOffset>(locked));
    }
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

    public async Task RecordFailure()
    {
        var now = clock.GetUtcNow();
        while (failures.Count > 0 && now - failures.Peek() > Window) failures.Dequeue();
        failures.Enqueue(now);
        if (failures.Count >= MaxFailures)
        {
            lockedUntil = now + Lockout;
            failures.Clear();
            await GrainFactory.GetGrain<ILockoutBoardGrain>("city").Locked(this.GetPrimaryKeyString(), lockedUntil.Value);
        }
    }

    public async Task Lift()
    {
        lockedUntil = null;
        failures.Clear();
        await GrainFactory.GetGrain<ILockoutBoardGrain>("city").Lifted(this.GetPrimaryKeyString());
    }

    public Task RecordSuccess()
    {
        failures.Clear();
        return Task.CompletedTask;
    }
}
