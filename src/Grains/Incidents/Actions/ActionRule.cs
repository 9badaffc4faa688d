using CommandCenter.Grains.Accounts;

namespace CommandCenter.Grains.Incidents;

/// <summary>
/// One action, declared once: its words, the stages it is allowed in and what else it needs, the roles
/// that may take it, the fields it requires, and the events it writes. The lifecycle, the API's answers,
/// the docs and the pages all read it from here.
/// </summary>
public sealed record ActionRule
{
    public required IncidentAction Action { get; init; }
    /// <summary>The API's word (kebab case: request-extension).</summary>
    public required string Word { get; init; }
    public required string Chinese { get; init; }
    public required string English { get; init; }
    public ActionKind Kind { get; init; } = ActionKind.Person;
    public IReadOnlyList<ActionStage> Stages { get; init; } = [];
    public ActionCondition Condition { get; init; }
    /// <summary>The roles that may take it (the system may take any action).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
    public ActionTaker Taker { get; init; }
    /// <summary>In a joint handling: the statuses of the sub-task it moves on (accept: assigned; resolve: not yet done).</summary>
    public IReadOnlyList<SubTaskStatus> SubTaskFrom { get; init; } = [];
    public IReadOnlyList<ActionField> Fields { get; init; } = [];
    /// <summary>The kinds of event it appends to the ledger, in order.</summary>
    public IReadOnlyList<IncidentAction> Produces { get; init; } = [];

    public bool RoleMay(Actor actor) => actor.IsSystem || Roles.Contains(actor.Role);

    /// <summary>Whether the incident's stage (and condition) allows it, whoever asks. A receipt is possible at any time.</summary>
    public bool PossibleIn(IncidentState state) =>
        Kind == ActionKind.Receipt || (Stages.Contains(ActionStages.Of(state)) && Condition.Holds(state));

    /// <summary>Whether this person's place on the incident lets it act: a member acts on its own assignment, sub-task or notice only; staff on any.</summary>
    public bool OpenTo(IncidentState state, Actor actor)
    {
        var anyone = !Accounts.Roles.IsMember(actor.Role);
        return Taker switch
        {
            ActionTaker.Assignee when ActionStages.Of(state) == ActionStage.JointHandling =>
                state.SubTasks.Any(t => SubTaskFrom.Contains(t.Status) && (anyone || t.MemberId == actor.MemberId)),
            ActionTaker.Assignee => anyone || actor.MemberId == state.AssigneeId,
            ActionTaker.NoticeRecipient => anyone || state.Notices.Any(n => n.MemberId == actor.MemberId),
            _ => true,
        };
    }

    /// <summary>Whether this person may take it now: a person action, their role, the incident's stage and their place on it.</summary>
    public bool AllowedFor(IncidentState state, Actor actor) =>
        Kind == ActionKind.Person && state.Exists && RoleMay(actor) && PossibleIn(state) && OpenTo(state, actor);

    /// <summary>The fields asked for at this stage (the sub-task only in a joint handling).</summary>
    public IEnumerable<ActionField> FieldsAt(IncidentState state) =>
        Fields.Where(f => !f.JointOnly || ActionStages.Of(state) == ActionStage.JointHandling);

    /// <summary>The first field that is missing or wrong, in the order declared.</summary>
    public (string Field, string Message)? FirstProblem(IncidentCommand command, IncidentState state) =>
        FieldsAt(state).Select(f => (f.Name, Message: f.Problem(command, state))).Where(p => p.Message is not null)
            .Select(p => ((string, string)?)(p.Name, p.Message!)).FirstOrDefault();

    /// <summary>Who may take it, in words.</summary>
    public string TakerWords => Kind == ActionKind.System ? "the system" : Taker switch
    {
        ActionTaker.Assignee => $"the assigned member{(Stages.Contains(ActionStage.JointHandling) ? " (of the sub-task, in a joint handling)" : "")}; {string.Join(", ", Roles.Where(r => !Accounts.Roles.IsMember(r)))}",
        ActionTaker.NoticeRecipient => $"the member the notice was sent to; {string.Join(", ", Roles.Where(r => !Accounts.Roles.IsMember(r)))}",
        _ => Action == IncidentAction.Archive ? $"the archive job, {string.Join(", ", Roles)}" : string.Join(", ", Roles),
    };

    /// <summary>When it may be taken, in words.</summary>
    public string WhenWords => Kind switch
    {
        ActionKind.System => "when the rules say so",
        ActionKind.Receipt => "any time",
        _ => (Stages.Count == ActionStages.All.Count ? "any state" : string.Join(", ", Stages.Select(ActionStages.Word)))
             + (Condition == ActionCondition.None ? "" : $", when {Condition.Words()}"),
    };
}
