using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Grains.Setup;

/// <summary>
/// The rules a city sets for itself and may change while the center runs: its settings, its category
/// catalogue and the SLA policy version in force. Read at the moment of use (never kept), so a saved
/// change reaches the next report, transition or view; a deadline already started keeps the instants
/// it was given.
/// </summary>
public interface ICityRules
{
    CitySettings City { get; }
    CategoryCatalogue Catalogue { get; }
    SlaPolicy Policy { get; }
}

/// <summary>Rules that do not change: for tests and tools that read files.</summary>
public sealed record FixedCityRules(CitySettings City, CategoryCatalogue Catalogue, SlaPolicy Policy) : ICityRules;
