namespace CommandCenter.Grains.Incidents;

/// <summary>
/// Where an incident stands as far as people's actions go: its status, with a joint handling (联合处置)
/// told apart from a single one, because a joint handling is worked sub-task by sub-task.
/// </summary>
public enum ActionStage
{
    Reported, Gridded, Dispatched, Handling, JointHandling, Handled, Verified, Evaluated, Assessed, Filed, Archived, Suspended, Cancelled,
}

public static class ActionStages
{
    public static ActionStage Of(IncidentState state) => state.Status switch
    {
        IncidentStatus.Reported => ActionStage.Reported,
        IncidentStatus.Gridded => ActionStage.Gridded,
        IncidentStatus.Dispatched => ActionStage.Dispatched,
        IncidentStatus.Handling => state.IsJoint ? ActionStage.JointHandling : ActionStage.Handling,
        IncidentStatus.Handled => ActionStage.Handled,
        IncidentStatus.Verified => ActionStage.Verified,
        IncidentStatus.Evaluated => ActionStage.Evaluated,
        IncidentStatus.Assessed => ActionStage.Assessed,
        IncidentStatus.Filed => ActionStage.Filed,
        IncidentStatus.Archived => ActionStage.Archived,
        IncidentStatus.Suspended => ActionStage.Suspended,
        _ => ActionStage.Cancelled,
    };

    /// <summary>The API's word for a stage: the status word, and "joint handling" for a split incident being handled.</summary>
    public static string Word(ActionStage stage) => stage == ActionStage.JointHandling ? "handling (joint)" : stage.ToString().ToLowerInvariant();

    public static readonly IReadOnlyList<ActionStage> All = Enum.GetValues<ActionStage>();

    /// <summary>The stages of an open incident after it was located to a grid.</summary>
    public static readonly IReadOnlyList<ActionStage> OpenAfterReport =
        [ActionStage.Gridded, ActionStage.Dispatched, ActionStage.Handling, ActionStage.JointHandling, ActionStage.Handled, ActionStage.Verified, ActionStage.Suspended];

    /// <summary>Every stage of an open incident.</summary>
    public static readonly IReadOnlyList<ActionStage> Open = [ActionStage.Reported, .. OpenAfterReport];
}
