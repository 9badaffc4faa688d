namespace CommandCenter.Grains.Accounts;

[GenerateSerializer, Alias("AccountDirectoryState")]
public sealed class AccountDirectoryState
{
    [Id(0)] public Dictionary<string, Account> Accounts { get; set; } = new();
    // Keyed by the lower-cased username: sign-in names are not case-sensitive.
    [Id(1)] public long Revision { get; set; }
}

public sealed class AccountDirectoryGrain([PersistentState("accounts")] IPersistentState<AccountDirectoryState> directory)
    : Grain, IAccountDirectoryGrain
{
    public Task<Account?> Find(string username) => Task.FromResult(directory.State.Accounts.GetValueOrDefault(Key(username)));

    public async Task<int> AddMissing(IReadOnlyList<Account> accounts)
    {
        var added = accounts.Count(a => directory.State.Accounts.TryAdd(Key(a.Username), a));
        if (added > 0) await Write();
        return added;
    }

    public async Task Put(IReadOnlyList<Account> accounts)
    {
        if (accounts.Count == 0) return;
        foreach (var account in accounts) directory.State.Accounts[Key(account.Username)] = account;
        await Write();
    }

    public Task<IReadOnlyList<Account>> List() =>
        Task.FromResult<IReadOnlyList<Account>>(directory.State.Accounts.Values.OrderBy(a => a.Username, StringComparer.Ordinal).ToList());

    public Task<Account?> FindByInvitation(string invitationHash) =>
        Task.FromResult(directory.State.Accounts.Values.FirstOrDefault(a => a.InvitationHash == invitationHash));

    /// <remarks>
    /// Read from the store each time (every node asks every few seconds): should two nodes starting together each have made
    /// an activation of this grain before they saw each other, the one that did not write catches up here, so its sign-ins
    /// and sessions follow the stored accounts within a period.
    /// </remarks>
    public async Task<long> GetRevision()
    {
        await directory.ReadStateAsync();
        return directory.State.Revision;
    }

    public Task<IReadOnlyDictionary<string, SessionStanding>> Sessions() =>
        Task.FromResult<IReadOnlyDictionary<string, SessionStanding>>(directory.State.Accounts
            .Where(a => a.Value.Sessions > 0 || a.Value.Disabled)
            .ToDictionary(a => a.Key, a => new SessionStanding(a.Value.Sessions, a.Value.Disabled)));

    private async Task Write()
    {
        directory.State.Revision++;
        await directory.WriteStateAsync();
    }

    private static string Key(string username) => username.ToLowerInvariant();

    public Task<int> Count() => Task.FromResult(directory.State.Accounts.Count);
}
