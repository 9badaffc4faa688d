namespace CommandCenter.Grains.Accounts;

/// <summary>All accounts (one grain, key "accounts"). Small and rarely written, read at sign-in.</summary>
public interface IAccountDirectoryGrain : IGrainWithStringKey
{
    Task<Account?> Find(string username);

    /// <summary>Adds the accounts that do not exist yet; existing ones (and their passwords) are kept. Answers how many were added.</summary>
    Task<int> AddMissing(IReadOnlyList<Account> accounts);

    /// <summary>Stores these accounts as given, new or replacing (by username), in one write.</summary>
    Task Put(IReadOnlyList<Account> accounts);

    Task<IReadOnlyList<Account>> List();

    /// <summary>The account an invitation (by the hash of its code) was issued to, whatever its expiry.</summary>
    Task<Account?> FindByInvitation(string invitationHash);

    /// <summary>Moves on with every write: nodes compare it to know when to read the sessions again.</summary>
    Task<long> GetRevision();

    /// <summary>Per account (lower-cased username): its session generation and whether it is disabled.</summary>
    Task<IReadOnlyDictionary<string, SessionStanding>> Sessions();

    Task<int> Count();
}

/// <summary>What a node checks a token against: the generation it must carry, and whether the account may work at all.</summary>
[GenerateSerializer, Alias("SessionStanding")]
public sealed record SessionStanding([property: Id(0)] int Generation, [property: Id(1)] bool Disabled);
