using CommandCenter.Grains.Accounts;
using static CommandCenter.Grains.Incidents.ActionStage;

namespace CommandCenter.Grains.Incidents;

/// <summary>
/// The action table: every action on an incident, once. The order is the order actions are offered in.
/// Admins may take every person action; the system may take any.
/// </summary>
public static class IncidentActions
{
    private const string Operator = Roles.Operator, Supervisor = Roles.Supervisor, Admin = Roles.Admin;
    private const string GridLeader = Roles.GridLeader, Inspector = Roles.Inspector;

    /// <summary>Whoever a case may be given to: any member of a grid team, on its own assignment (the taker rule), and admins.</summary>
    private static readonly IReadOnlyList<string> Handlers = [.. Roles.Members, Admin];

    public static readonly IReadOnlyList<ActionRule> All =
    [
        new()
        {
            Action = IncidentAction.Locate, Word = "locate", Chinese = "定位立案", English = "Locate",
            Stages = [Reported], Roles = [Operator, Admin], Fields = [ActionFields.Place], Produces = [IncidentAction.Locate],
        },
        new()
        {
            Action = IncidentAction.Dispatch, Word = "dispatch", Chinese = "派遣", English = "Dispatch",
            // A 网格长 re-dispatches within its grid: the scope rule lets it see its grid's cases and reach only its members.
            Stages = [Gridded, Dispatched], Roles = [Operator, GridLeader, Admin],
            Fields = [ActionFields.Member, ActionFields.Note("Say why this member.", required: false)], Produces = [IncidentAction.Dispatch],
        },
        new()
        {
            Action = IncidentAction.Split, Word = "split", Chinese = "联合处置", English = "Split for joint handling",
            Stages = [Gridded, Dispatched], Roles = [Operator, Admin],
            Fields = [ActionFields.SubTasks, ActionFields.Note("Say why several platforms are needed.", required: false)],
            Produces = [IncidentAction.Split, IncidentAction.AssignTask],
        },
        new()
        {
            Action = IncidentAction.Accept, Word = "accept", Chinese = "接单", English = "Accept",
            Stages = [Dispatched, JointHandling], Roles = Handlers, Taker = ActionTaker.Assignee, SubTaskFrom = [SubTaskStatus.Assigned],
            Fields = [ActionFields.SubTask], Produces = [IncidentAction.Accept],
        },
        new()
        {
            Action = IncidentAction.Resolve, Word = "resolve", Chinese = "处置完成", English = "Resolve",
            Stages = [Handling, JointHandling], Roles = Handlers, Taker = ActionTaker.Assignee,
            SubTaskFrom = [SubTaskStatus.Assigned, SubTaskStatus.Accepted],
            Fields = [ActionFields.SubTask, ActionFields.Note("Say what was done: a result note is required."), ActionFields.Photos],
            Produces = [IncidentAction.Resolve],
        },
        new()
        {
            Action = IncidentAction.Return, Word = "return", Chinese = "回退", English = "Return",
            Stages = [Dispatched, Handling], Roles = Handlers, Taker = ActionTaker.Assignee,
            Fields = [ActionFields.Note("Say why the incident is returned: a reason is required.")], Produces = [IncidentAction.Return],
        },
        new()
        {
            Action = IncidentAction.RequestExtension, Word = "request-extension", Chinese = "申请延期", English = "Request extension",
            Stages = [Handling], Roles = Handlers, Taker = ActionTaker.Assignee,
            Fields = [ActionFields.DueAt, ActionFields.Note("Say why more time is needed.")], Produces = [IncidentAction.RequestExtension],
        },
        new()
        {
            Action = IncidentAction.DecideExtension, Word = "decide-extension", Chinese = "延期审批", English = "Decide extension",
            Stages = [Handling], Condition = ActionCondition.PendingExtension, Roles = [Supervisor, Admin],
            Fields = [ActionFields.Approved, ActionFields.Note("Say why.", required: false)], Produces = [IncidentAction.DecideExtension],
        },
        new()
        {
            Action = IncidentAction.Verify, Word = "verify", Chinese = "核查", English = "Verify",
            // The 督查员 checks on site in its area; the command center's supervisors from the desk.
            Stages = [Handled], Roles = [Supervisor, Inspector, Admin],
            Fields =
            [
                ActionFields.Passed,
                ActionFields.Note("A failed check needs a note saying what must be redone.", required: false)
                    with { RequiredIf = c => c.Passed == false, RequiredWhen = "when passed is false" },
                ActionFields.Photos,
                ActionFields.Position,
            ],
            Produces = [IncidentAction.Verify],
        },
        new()
        {
            Action = IncidentAction.Evaluate, Word = "evaluate", Chinese = "回访评价", English = "Evaluate",
            Stages = [Verified], Roles = [Operator, Admin],
            Fields = [ActionFields.Satisfaction, ActionFields.Note("What the reporter said.", required: false)],
            Produces = [IncidentAction.Evaluate, IncidentAction.Assess, IncidentAction.File],
        },
        new()
        {
            // One call nobody answered: counted, nothing else changes; the visit's deadline still closes it (ReturnVisit).
            Action = IncidentAction.NoAnswer, Word = "no-answer", Chinese = "回访未接通", English = "No answer",
            Stages = [Verified], Roles = [Operator, Admin],
            Fields = [ActionFields.Note("When and how the call was tried.", required: false)], Produces = [IncidentAction.NoAnswer],
        },
        new()
        {
            Action = IncidentAction.Cancel, Word = "cancel", Chinese = "不予立案", English = "Cancel",
            Stages = [Reported, Gridded], Roles = [Operator, Admin],
            Fields = [ActionFields.Note("Say why the report is not filed (invalid, duplicate, out of scope…).")], Produces = [IncidentAction.Cancel],
        },
        new()
        {
            Action = IncidentAction.Suspend, Word = "suspend", Chinese = "挂账", English = "Suspend",
            Stages = [Reported, Gridded, Dispatched, Handling, JointHandling, Handled], Roles = [Supervisor, Admin],
            Fields = [ActionFields.Note("Say why the incident is parked: a reason is required.")], Produces = [IncidentAction.Suspend],
        },
        new()
        {
            Action = IncidentAction.Resume, Word = "resume", Chinese = "恢复", English = "Resume",
            Stages = [Suspended], Roles = [Supervisor, Admin],
            Fields = [ActionFields.Note("Say what changed.", required: false)], Produces = [IncidentAction.Resume],
        },
        new()
        {
            Action = IncidentAction.Supervise, Word = "supervise", Chinese = "督办", English = "Supervise",
            // A 网格长 presses its own members; a 督查员 the cases of its area.
            Stages = ActionStages.OpenAfterReport, Roles = [Operator, Supervisor, GridLeader, Inspector, Admin],
            Fields = [ActionFields.Note("Say what is being pressed for: a supervision notice needs its text.")], Produces = [IncidentAction.Supervise],
        },
        new()
        {
            Action = IncidentAction.AcknowledgeAlert, Word = "acknowledge-alert", Chinese = "确认告警", English = "Acknowledge alert",
            Stages = ActionStages.Open, Condition = ActionCondition.UnacknowledgedAlert, Roles = [Operator, Supervisor, Admin],
            Produces = [IncidentAction.AcknowledgeAlert],
        },
        new()
        {
            Action = IncidentAction.Unlink, Word = "unlink", Chinese = "拆分重复上报", English = "Unlink report",
            Stages = ActionStages.All, Condition = ActionCondition.OpenLink, Roles = [Operator, Admin],
            Fields = [ActionFields.Link, ActionFields.Note("Say why the report is a case of its own.", required: false)],
            Produces = [IncidentAction.Unlink],
        },
        new()
        {
            Action = IncidentAction.Archive, Word = "archive", Chinese = "归档", English = "Archive",
            Stages = [Filed], Roles = [Admin], Produces = [IncidentAction.Archive],
        },
        new()
        {
            Action = IncidentAction.AcknowledgeNotice, Word = "acknowledge-notice", Chinese = "确认送达", English = "Acknowledge notice",
            Kind = ActionKind.Receipt, Roles = Handlers, Taker = ActionTaker.NoticeRecipient,
            Fields = [ActionFields.Notice], Produces = [IncidentAction.AcknowledgeNotice],
        },
        new()
        {
            Action = IncidentAction.ReadNotice, Word = "read-notice", Chinese = "已读", English = "Read notice",
            Kind = ActionKind.Receipt, Roles = Handlers, Taker = ActionTaker.NoticeRecipient,
            Fields = [ActionFields.Notice], Produces = [IncidentAction.ReadNotice],
        },
        SystemAction(IncidentAction.Report, "report", "上报", "Report", IncidentAction.Report, IncidentAction.Locate),
        SystemAction(IncidentAction.Warn, "warn", "预警", "Warning"),
        SystemAction(IncidentAction.Escalate, "escalate", "超时升级", "Escalated"),
        SystemAction(IncidentAction.Assess, "assess", "考核", "Assessed"),
        SystemAction(IncidentAction.File, "file", "入档", "Filed"),
        SystemAction(IncidentAction.Link, "link", "重复上报关联", "Linked duplicate"),
        SystemAction(IncidentAction.AssignTask, "assign-task", "分派子任务", "Sub-task assigned"),
        SystemAction(IncidentAction.Remind, "remind", "未读再提醒", "Reminder sent"),
    ];

    private static readonly Dictionary<IncidentAction, ActionRule> ByAction = All.ToDictionary(r => r.Action);

    public static ActionRule Of(IncidentAction action) => ByAction[action];

    /// <summary>The actions this person may take now: their role, the incident's stage, and their place on it (assignee, sub-task).</summary>
    public static IReadOnlyList<ActionRule> AllowedFor(IncidentState state, Actor actor) =>
        All.Where(r => r.AllowedFor(state, actor)).ToList();

    /// <summary>The person actions the incident's stage allows, whoever asks.</summary>
    public static IReadOnlyList<ActionRule> PossibleIn(IncidentState state) =>
        All.Where(r => r.Kind == ActionKind.Person && state.Exists && r.PossibleIn(state)).ToList();

    private static ActionRule SystemAction(IncidentAction action, string word, string chinese, string english, params IncidentAction[] produces) => new()
    {
        Action = action, Word = word, Chinese = chinese, English = english, Kind = ActionKind.System,
        Produces = produces.Length > 0 ? produces : [action],
    };
}
