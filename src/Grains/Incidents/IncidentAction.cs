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
    /// <summary>回访未接通: one return-visit call nobody answered; the visit's deadline keeps running.</summary>
    NoAnswer,
    /// <summary>确认告警: someone at the desk saw the incident's current SLA alert (warning or breach).</summary>
    AcknowledgeAlert,

    // Taken by the system only.
    Warn,
    Escalate,
    Assess,
    File,
    /// <summary>A duplicate report attached to this incident instead of opening a new one.</summary>
    Link,
    /// <summary>One sub-task of a joint handling given to its member (follows Split).</summary>
    AssignTask,
    /// <summary>An escalation notice still unread after the policy's delay, sent again to the same person.</summary>
    Remind,
}

/// <summary>The API's words for actions, read from the action table.</summary>
public static class IncidentActionWords
{
    private static readonly Dictionary<string, IncidentAction> ByWord =
        IncidentActions.All.ToDictionary(r => r.Word, r => r.Action, StringComparer.OrdinalIgnoreCase);

    /// <summary>The API's word for an action: kebab case (request-extension).</summary>
    public static string Word(IncidentAction action) => IncidentActions.Of(action).Word;

    public static IncidentAction? Parse(string? word) => word is not null && ByWord.TryGetValue(word, out var a) ? a : null;

    /// <summary>Actions a person may ask for through the API (choices and notice receipts).</summary>
    public static readonly IReadOnlyList<IncidentAction> PersonActions =
        IncidentActions.All.Where(r => r.Kind != ActionKind.System).Select(r => r.Action).ToList();
}
