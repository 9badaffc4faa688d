namespace CommandCenter.Incidents;

/// <summary>Sections "Sla", "Catalogue" and "City": the policy, the category catalogue and the case-number prefix.</summary>
public sealed class IncidentOptions
{
    /// <summary>The SLA policy file; relative paths are taken from the content root.</summary>
    public string PolicyFile { get; set; } = "../../samples/Jiangyin/sla-policy.json";

    public string CatalogueFile { get; set; } = "../../samples/Jiangyin/categories.json";

    /// <summary>Case numbers read PREFIX-yyyyMMdd-NNNNNN, the date in the city's time zone.</summary>
    public string CasePrefix { get; set; } = "JY";
}
