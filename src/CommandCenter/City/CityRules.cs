using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Setup;
using CommandCenter.Grains.Sla;

namespace CommandCenter.City;

/// <summary>
/// This node's copy of the city's codebook, read through the pure readers: the settings, the catalogue and the SLA
/// policy version in force. Swapped whole when the codebook's revision moves (a save here, or another node's save seen
/// by <see cref="CityRulesSync"/>), so a reader never sees a policy of one revision with the catalogue of another.
/// </summary>
public sealed class CityRules : ICityRules
{
    private sealed record Snapshot(CityCodebook Book, CitySettings City, CategoryCatalogue Catalogue, SlaPolicy Policy);

    private volatile Snapshot current;

    /// <param name="initial">What the center starts with until the stored codebook is read, and what seeds an empty store.</param>
    public CityRules(CityCodebook initial)
    {
        Initial = initial;
        current = Read(initial);
    }

    public CityCodebook Initial { get; }

    public CityCodebook Book => current.Book;
    public CitySettings City => current.City;
    public CategoryCatalogue Catalogue => current.Catalogue;
    public SlaPolicy Policy => current.Policy;

    /// <summary>Takes a stored codebook when it is newer than the one in use.</summary>
    public void Use(CityCodebook book)
    {
        if (book.Revision <= current.Book.Revision && current.Book.Revision != 0) return;
        current = Read(book);
    }

    /// <summary>The rules a codebook holds; throws with the bad entry named when one of its documents does not read.</summary>
    public static (CitySettings City, CategoryCatalogue Catalogue, SlaPolicy Policy) Rules(CityCodebook book)
    {
        var city = CitySettings.Read(book.CityJson, "city settings");
        var catalogue = CategoryCatalogue.Parse(book.CatalogueJson);
        var policy = SlaPolicy.Parse(book.CurrentPolicy.Json, catalogue);
        return (city, catalogue, policy);
    }

    private static Snapshot Read(CityCodebook book)
    {
        var (city, catalogue, policy) = Rules(book);
        return new Snapshot(book, city, catalogue, policy);
    }
}
