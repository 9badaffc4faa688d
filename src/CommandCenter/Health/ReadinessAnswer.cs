using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CommandCenter.Health;

/// <summary>
/// What /health/ready says: the overall status, the phase and each check with a description the check wrote itself. An
/// exception's message or type is never shown (they can carry host names, paths or connection details); a check that
/// threw or timed out reads "did not answer" and the exception goes to the log.
/// </summary>
public sealed record ReadinessAnswer(string Status, string Phase, IReadOnlyList<ReadinessAnswer.Check> Checks)
{
    public sealed record Check(string Name, string Status, string Description);

    public static ReadinessAnswer Of(HealthReport report, CenterPhase phase) => new(
        Word(report.Status),
        phase.ToString().ToLowerInvariant(),
        report.Entries.Select(e => new Check(e.Key, Word(e.Value.Status),
            e.Value.Exception is null && e.Value.Description is { } said ? said : "did not answer")).ToList());

    private static string Word(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
