namespace CommandCenter.Grains.Catalogue;

/// <summary>Priorities as the API and the data files write them: urgent, high, normal, low.</summary>
public static class PriorityWords
{
    public static string Of(Priority priority) => priority switch
    {
        Priority.Urgent => "urgent",
        Priority.High => "high",
        Priority.Normal => "normal",
        Priority.Low => "low",
        _ => throw new ArgumentOutOfRangeException(nameof(priority), priority, "Not a priority."),
    };

    /// <summary>The priority a word names (any letter case, surrounding spaces ignored), or null when it names none.</summary>
    public static Priority? Parse(string? word) => word?.Trim().ToLowerInvariant() switch
    {
        "urgent" => Priority.Urgent,
        "high" => Priority.High,
        "normal" => Priority.Normal,
        "low" => Priority.Low,
        _ => null,
    };
}
