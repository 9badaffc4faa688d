namespace CommandCenter.Grains.Sla;

/// <summary>
/// The traffic light an operator sees on an incident. One vocabulary everywhere (wire, pages, reports):
/// green, yellow, red, none. Declared in order of alarm, none last so that stored values keep their numbers.
/// </summary>
public enum SlaLight
{
    /// <summary>Before the warning instant.</summary>
    Green,
    /// <summary>From the warning instant (by default 80 % of the limit) until the deadline.</summary>
    Yellow,
    /// <summary>From the deadline on: breached, overdue.</summary>
    Red,
    /// <summary>No clock runs: the incident is closed or cancelled, or its step has no limit.</summary>
    None,
}

public static class SlaLightWords
{
    /// <summary>The light's word on the wire and in the pages: green, yellow, red, none.</summary>
    public static string Word(SlaLight light) => light switch
    {
        SlaLight.Green => "green",
        SlaLight.Yellow => "yellow",
        SlaLight.Red => "red",
        _ => "none",
    };

    /// <summary>Every light's word, in the enum's order.</summary>
    public static readonly IReadOnlyList<string> All = Enum.GetValues<SlaLight>().Select(Word).ToList();

    /// <summary>The light a word names (any case), or null.</summary>
    public static SlaLight? Parse(string? word) =>
        Enum.GetValues<SlaLight>().Where(l => string.Equals(Word(l), word?.Trim(), StringComparison.OrdinalIgnoreCase)).Select(l => (SlaLight?)l).FirstOrDefault();
}
