using CommandCenter.Grains.Incidents;

namespace CommandCenter.Grains.Inspections;

/// <summary>What the center is configured to do when a check fails (Inspections:OnFailure).</summary>
public enum OnFailure
{
    /// <summary>A case still waiting for its verification (handled) is sent back (返工); any other case gets a new one.</summary>
    Rework,
    /// <summary>Always a new case.</summary>
    NewCase,
}

/// <summary>What a failed check does to its case.</summary>
public enum FailureFollowUp
{
    /// <summary>The case fails its verification and goes back to its handler (返工).</summary>
    Rework,
    /// <summary>A new case of the same category at the same place, reported by the inspector, naming the original.</summary>
    NewCase,
}

/// <summary>The failed-check rule: pure; the host makes the calls it decides.</summary>
public static class InspectionFailure
{
    public static readonly IReadOnlyList<string> Words = ["rework", "new-case"];

    public static bool TryParse(string? word, out OnFailure setting)
    {
        setting = word?.Trim().ToLowerInvariant() switch { "rework" => OnFailure.Rework, "new-case" => OnFailure.NewCase, _ => (OnFailure)(-1) };
        return Enum.IsDefined(setting);
    }

    /// <summary>
    /// Rework only when configured so and the case still waits for its verification (handled): the check is that
    /// verification, failed. A case already verified or closed cannot be sent back, and one back in work is someone's
    /// again: a new case records what the inspector found.
    /// </summary>
    public static FailureFollowUp Decide(OnFailure setting, IncidentStatus status) =>
        setting == OnFailure.Rework && status == IncidentStatus.Handled ? FailureFollowUp.Rework : FailureFollowUp.NewCase;

    public static string Word(FailureFollowUp followUp) => followUp == FailureFollowUp.Rework ? "rework" : "new-case";

    /// <summary>The new case's description: it names the original case and says what the check found.</summary>
    public static string NewCaseDescription(string originalId, string taskId, string? note) =>
        $"督查抽查未通过（{taskId}），原案件 {originalId}：{note}".Trim();
}
