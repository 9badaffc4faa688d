namespace CommandCenter.Intake;

/// <summary>Section "Intake": limits of the channels that take reports from outside.</summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>
    /// The largest body an intake endpoint reads (Open311 posts, webhooks, incident reports): a report
    /// is a few kilobytes of text and photo references, never files.
    /// </summary>
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}
