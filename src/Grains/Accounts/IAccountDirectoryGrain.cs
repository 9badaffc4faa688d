namespace CommandCenter.Grains.Accounts;

/// <summary>All accounts (one grain, key "accounts"). Small and rarely written, read at sign-in.</summary>
public interface IAccountDirectoryGrain : IGrainWithStringKey
{
    Task<Account?> Find(string username);

    /// <summary>Adds the accounts that do not exist yet; existing ones (and their passwords) are kept. Answers how many were added.</summary>
    Task<int> AddMissing(IReadOnlyList<Account> accounts);

    Task<int> Count();
}
