using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Setup;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Incidents;

/// <summary>
/// Where a new store's city rules come from. By default the sample city's folder (<c>Samples:CityDirectory</c>: its
/// city.json, categories.json and sla-policy.json), so one setting picks the city; <c>Sla:PolicyFile</c>,
/// <c>Catalogue:File</c> and <c>City:File</c> replace one file each. With <c>Samples:LoadOnFirstStart=false</c> and no
/// file named, the center starts blank (no categories, the product's starting policy) for the admin console to fill.
/// Once stored, the codebook is the city's and these files are not read again.
/// </summary>
public sealed class IncidentOptions
{
    public string? PolicyFile { get; init; }

    public string? CatalogueFile { get; init; }

    /// <summary>The city file (city.json: name and case-number prefix).</summary>
    public string? CityFile { get; init; }

    /// <summary>The prefix of a blank center's case numbers until the admin sets the city's own.</summary>
    public const string BlankCasePrefix = "CC";

    public static IncidentOptions From(IConfiguration configuration, string contentRoot)
    {
        var samples = configuration.GetSection(Samples.SampleOptions.Section).Get<Samples.SampleOptions>() ?? new Samples.SampleOptions();
        var folder = samples.LoadOnFirstStart ? Path.GetFullPath(samples.CityDirectory, contentRoot) : null;
        string? File(string key, string name) =>
            configuration[key] is { Length: > 0 } path ? Path.GetFullPath(path, contentRoot)
            : folder is null ? null : Path.Combine(folder, name);
        return new IncidentOptions
        {
            PolicyFile = File("Sla:PolicyFile", "sla-policy.json"),
            CatalogueFile = File("Catalogue:File", "categories.json"),
            CityFile = File("City:File", "city.json"),
        };
    }

    /// <summary>The codebook a new store starts with; every file is checked here, so a bad one stops the start naming its entry.</summary>
    public CityCodebook InitialCodebook()
    {
        var catalogueJson = CatalogueFile is null ? "[]" : System.IO.File.ReadAllText(CatalogueFile);
        var catalogue = CatalogueFile is null ? CategoryCatalogue.Parse(catalogueJson) : CategoryCatalogue.Load(CatalogueFile);
        var policyJson = PolicyFile is null ? SlaPolicyDocument.Blank : System.IO.File.ReadAllText(PolicyFile);
        if (PolicyFile is null) SlaPolicy.Parse(policyJson, catalogue);
        else SlaPolicy.Load(PolicyFile, catalogue);
        var city = CityFile is null ? new CitySettings(BlankCasePrefix) : CitySettings.Load(CityFile);
        var source = PolicyFile is null ? "产品默认策略" : Path.GetFileName(Path.GetDirectoryName(PolicyFile)) + "/" + Path.GetFileName(PolicyFile);
        return new CityCodebook(0, city.ToJson(), catalogueJson, [new PolicyVersion(1, policyJson, "system", DateTimeOffset.UnixEpoch, source)],
            CityConfirmed: CityFile is not null);
    }
}
