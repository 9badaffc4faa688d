namespace CommandCenter.Grains.Setup;

/// <summary>The city's codebook (one grain, key "city"): the single writer of its settings, catalogue and policy versions.</summary>
public interface ICityCodebookGrain : IGrainWithStringKey
{
    Task<CityCodebook?> Get();

    Task<long> GetRevision();

    /// <summary>Keeps <paramref name="initial"/> when nothing is stored yet; answers what is stored.</summary>
    Task<CityCodebook> Seed(CityCodebook initial);

    /// <summary>
    /// Saves a change checked by the caller; null when the codebook moved on since <see cref="CodebookChange.ExpectedRevision"/>
    /// (two admins at once: the later one reloads and decides again, nothing is overwritten unseen).
    /// </summary>
    Task<CityCodebook?> Save(CodebookChange change);
}

[GenerateSerializer, Alias("CityCodebookState")]
public sealed class CityCodebookState
{
    [Id(0)] public CityCodebook? Book { get; set; }
}

public sealed class CityCodebookGrain([PersistentState("codebook")] IPersistentState<CityCodebookState> store, TimeProvider clock)
    : Grain, ICityCodebookGrain
{
    public Task<CityCodebook?> Get() => Task.FromResult(store.State.Book);

    /// <remarks>
    /// Read from the store each time (every node asks every two seconds): should two nodes starting together each have
    /// made an activation of this grain before they saw each other, the one that did not write still answers the stored
    /// revision, and its next <see cref="Get"/> the stored codebook.
    /// </remarks>
    public async Task<long> GetRevision()
    {
        await store.ReadStateAsync();
        return store.State.Book?.Revision ?? 0;
    }

    public async Task<CityCodebook> Seed(CityCodebook initial)
    {
        if (store.State.Book is { } book) return book;
        // The first version dates from the store's first start: that is when it began to apply.
        store.State.Book = initial with { Revision = 1, Policies = [.. initial.Policies.Select(p => p.SavedAt == DateTimeOffset.UnixEpoch ? p with { SavedAt = clock.GetUtcNow() } : p)] };
        await store.WriteStateAsync();
        return store.State.Book;
    }

    public async Task<CityCodebook?> Save(CodebookChange change)
    {
        if (store.State.Book is not { } book || book.Revision != change.ExpectedRevision) return null;
        var policies = book.Policies;
        if (change.PolicyJson is { } json && json != book.CurrentPolicy.Json)
            policies = [.. policies, new PolicyVersion(book.CurrentPolicy.Number + 1, json, change.Actor, clock.GetUtcNow(), change.Note)];
        store.State.Book = book with
        {
            Revision = book.Revision + 1,
            CityJson = change.CityJson ?? book.CityJson,
            CatalogueJson = change.CatalogueJson ?? book.CatalogueJson,
            Policies = policies,
            CityConfirmed = book.CityConfirmed || change.CityJson is not null,
        };
        await store.WriteStateAsync();
        return store.State.Book;
    }
}
