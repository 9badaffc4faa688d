namespace CommandCenter.Incidents;

/// <summary>Sections "Sla", "Catalogue" and "City": the policy, the category catalogue and the city file.</summary>
public sealed class IncidentOptions
{
    /// <summary>The SLA policy file; relative paths are taken from the content root.</summary>
    public string PolicyFile { get; set; } = "../../samples/Jiangyin/sla-policy.json";

    public string CatalogueFile { get; set; } = "../../samples/Jiangyin/categories.json";

    /// <summary>The city file (city.json: the case-number prefix); relative paths are taken from the content root.</summary>
    public string CityFile { get; set; } = "../../samples/Jiangyin/city.json";
}
