namespace CommandCenter.Grains.Incidents;

/// <summary>What an action needs besides the incident's stage.</summary>
public enum ActionCondition
{
    None,
    /// <summary>A worker asked for more time and nobody has answered yet.</summary>
    PendingExtension,
    /// <summary>A duplicate report is linked to the incident and not yet made a case of its own.</summary>
    OpenLink,
    /// <summary>The running deadline warned (yellow) or breached (red) and nobody has acknowledged that alert yet.</summary>
    UnacknowledgedAlert,
}

/// <summary>Who among the holders of an action's roles may take it on a given incident.</summary>
public enum ActionTaker
{
    /// <summary>Anyone holding one of the roles.</summary>
    AnyHolder,
    /// <summary>A worker only on its own assignment (in a joint handling: its own sub-task); other roles on any.</summary>
    Assignee,
    /// <summary>A worker only for a notice sent to it.</summary>
    NoticeRecipient,
}

/// <summary>Who starts an action: a person choosing it, a person's phone confirming a notice, or the system itself.</summary>
public enum ActionKind
{
    Person,
    /// <summary>A receipt the phone sends by itself for a notice (delivered, read); never offered as a choice.</summary>
    Receipt,
    System,
}

public static class ActionConditions
{
    public static bool Holds(this ActionCondition condition, IncidentState state) => condition switch
    {
        ActionCondition.PendingExtension => state.PendingExtensionDueAt is not null,
        ActionCondition.OpenLink => state.Links.Any(l => l.UnlinkedInto is null),
        ActionCondition.UnacknowledgedAlert => state.CurrentAlert.Raised && state.AlertAcknowledgedAt is null,
        _ => true,
    };

    public static string Words(this ActionCondition condition) => condition switch
    {
        ActionCondition.PendingExtension => "an extension request is pending",
        ActionCondition.OpenLink => "a duplicate report is linked",
        ActionCondition.UnacknowledgedAlert => "its SLA alert (warning or breach) is not yet acknowledged",
        _ => "",
    };
}
