namespace CommandCenter.Incidents;

/// <summary>How lists shorten a report for reading at a glance.</summary>
public static class IncidentListing
{
    public const int SummaryLength = 120;

    /// <summary>The description's first <see cref="SummaryLength"/> characters (a surrogate pair is never cut in two); empty when there is none.</summary>
    public static string SummaryOf(string? description)
    {
        if (string.IsNullOrEmpty(description) || description.Length <= SummaryLength) return description ?? "";
        var length = char.IsHighSurrogate(description[SummaryLength - 1]) ? SummaryLength - 1 : SummaryLength;
        return description[..length];
    }
}
