namespace CommandCenter.Grains.Accounts;

[GenerateSerializer, Alias("AccountDirectoryState")]
public sealed class AccountDirectoryState
{
    [Id(0)] public Dictionary<string, Account> Accounts { get; set; } = new();
    // Keyed by the lower-cased username: sign-in names are not case-sensitive.
}

public sealed class AccountDirectoryGrain([PersistentState("accounts")] IPersistentState<AccountDirectoryState> directory)
    : Grain, IAccountDirectoryGrain
{
    public Task<Account?> Find(string username) => Task.FromResult(directory.State.Accounts.GetValueOrDefault(Key(username)));

    public async Task<int> AddMissing(IReadOnlyList<Account> accounts)
    {
        var added = accounts.Count(a => directory.State.Accounts.TryAdd(Key(a.Username), a));
        if (added > 0) await directory.WriteStateAsync();
        return added;
    }

    private static string Key(string username) => username.ToLowerInvariant();

    public Task<int> Count() => Task.FromResult(directory.State.Accounts.Count);
}
