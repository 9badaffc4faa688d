using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Tests.Support;

/// <summary>The committed catalogue and SLA policy, for rule tests.</summary>
public static class SampleRules
{
    public static CategoryCatalogue Catalogue { get; } = CategoryCatalogue.Load(Path.Combine(Repo.SampleCity, "categories.json"));
    public static SlaPolicy Policy { get; } = SlaPolicy.Load(Path.Combine(Repo.SampleCity, "sla-policy.json"), Catalogue);

    /// <summary>暴露垃圾: normal priority, 4 working hours to handle.</summary>
    public static SlaRules ExposedRubbish { get; } = new(Policy, Catalogue.Find("E0102")!);
}
