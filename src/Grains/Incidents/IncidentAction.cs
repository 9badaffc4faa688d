namespace CommandCenter.Grains.Incidents;

/// <summary>Everything that can happen to an incident. People take the first group; the system the second.</summary>
public enum IncidentAction
{
    Report,
    Locate,
    Dispatch,
    Accept,
    Resolve,
    Verify,
    Evaluate,
    Return,
    RequestExtension,
    DecideExtension,
    Suspend,
    Resume,
    Cancel,
    Archive,
    /// <summary>联合处置: split into sub-tasks for several platforms, each with its own assignee and deadline.</summary>
    Split,
    /// <summary>督办: a supervision notice pressing the assignee.</summary>
    Supervise,
    /// <summary>Undo a duplicate link: the linked report becomes an incident of its own.</summary>
    Unlink,
    /// <summary>The worker's phone confirms a notice arrived.</summary>
    AcknowledgeNotice,
    /// <summary>The worker opened a notice.</summary>
    ReadNotice,

    // Taken by the system only.
    Warn,
    Escalate,
    Assess,
    File,
    /// <summary>A duplicate report attached to this incident instead of opening a new one.</summary>
    Link,
    /// <summary>One sub-task of a joint handling given to its member (follows Split).</summary>
    AssignTask,
}

public static class IncidentActionWords
{
    private static readonly Dictionary<string, IncidentAction> ByWord =
        Enum.GetValues<IncidentAction>().ToDictionary(Word, a => a, StringComparer.OrdinalIgnoreCase);

    /// <summary>The API's word for an action: kebab case (request-extension).</summary>
    public static string Word(IncidentAction action) => action switch
    {
        IncidentAction.RequestExtension => "request-extension",
        IncidentAction.DecideExtension => "decide-extension",
        IncidentAction.AcknowledgeNotice => "acknowledge-notice",
        IncidentAction.AssignTask => "assign-task",
        IncidentAction.ReadNotice => "read-notice",
        _ => action.ToString().ToLowerInvariant(),
    };

    public static IncidentAction? Parse(string? word) => word is not null && ByWord.TryGetValue(word, out var a) ? a : null;

    /// <summary>Actions a person may ask for through the API.</summary>
    public static readonly IReadOnlyList<IncidentAction> PersonActions =
    [
        IncidentAction.Locate, IncidentAction.Dispatch, IncidentAction.Accept, IncidentAction.Resolve, IncidentAction.Verify,
        IncidentAction.Evaluate, IncidentAction.Return, IncidentAction.RequestExtension, IncidentAction.DecideExtension,
        IncidentAction.Suspend, IncidentAction.Resume, IncidentAction.Cancel, IncidentAction.Archive,
        IncidentAction.Split, IncidentAction.Supervise, IncidentAction.Unlink, IncidentAction.AcknowledgeNotice, IncidentAction.ReadNotice,
    ];
}
