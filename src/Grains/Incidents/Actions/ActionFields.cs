namespace CommandCenter.Grains.Incidents;

/// <summary>The fields actions read, each declared once with its limits and words.</summary>
public static class ActionFields
{
    /// <summary>A note, reason or result: a person's words, as long as a report's description may be.</summary>
    public const int MaxNote = 2_000;

    public static ActionField Note(string prompt, bool required = true) => new()
    {
        Name = "note", Kind = FieldKind.Text, Chinese = "说明", English = "Note", Prompt = prompt, Required = required,
        MaxLength = MaxNote, Read = c => c.Note,
    };

    public static readonly ActionField Place = new()
    {
        Name = "gridId", Kind = FieldKind.Grid, Chinese = "网格", English = "Grid", Required = true,
        Prompt = "Give a gridId, or a position inside the city (lat, lon).", Limit = "a grid of the city, or lat and lon inside it",
        Read = c => c.Placement,
    };

    public static readonly ActionField Member = new()
    {
        Name = "memberId", Kind = FieldKind.Member, Chinese = "处置人", English = "Member", Required = true,
        Prompt = "Give the memberId of the member to dispatch to.", Limit = "not the member it is assigned to now",
        Read = c => c.MemberId,
        Check = (c, s) => c.MemberId == s.AssigneeId ? $"The incident is already assigned to {c.MemberId}." : null,
    };

    public static readonly ActionField SubTasks = new()
    {
        Name = "tasks", Kind = FieldKind.SubTasks, Chinese = "子任务", English = "Sub-tasks", Required = true, Min = 2,
        Prompt = "A joint handling needs sub-tasks for two or more platforms.", Limit = "one per platform, each with its memberId",
        Read = c => c.Tasks,
        Check = (c, _) =>
            c.Tasks!.Count < 2 ? "A joint handling needs sub-tasks for two or more platforms."
            : c.Tasks.Select(t => t.Platform).Distinct().Count() != c.Tasks.Count ? "Each platform may appear once."
            : c.Tasks.Any(t => string.IsNullOrWhiteSpace(t.MemberId)) ? "Every sub-task needs the memberId of who takes it."
            : null,
    };

    public static readonly ActionField SubTask = new()
    {
        Name = "taskId", Kind = FieldKind.SubTask, Chinese = "子任务", English = "Sub-task", Required = true, JointOnly = true,
        Prompt = "Name the sub-task (taskId).", Limit = "one of the incident's sub-tasks",
        Read = c => c.TaskId,
        Check = (c, s) => s.SubTasks.Any(t => t.TaskId == c.TaskId) ? null
            : $"Name the sub-task: {string.Join(", ", s.SubTasks.Select(t => $"{t.TaskId} ({t.Platform}, {t.MemberId})"))}.",
    };

    public static readonly ActionField Photos = new()
    {
        Name = "photos", Kind = FieldKind.Photos, Chinese = "现场照片", English = "Photos",
        Prompt = "Name photos uploaded before (/api/photos).", Read = c => c.Photos,
    };

    /// <summary>How far from the case a check on site may be made without saying why (GPS error and a walk round the block).</summary>
    public const double OnSiteMetres = 300;

    /// <summary>
    /// Where the checker stands (lat, lon), read by its phone. Checked against where the case was reported: farther than
    /// <see cref="OnSiteMetres"/> the note must say why (a check from afar is not a check on site).
    /// </summary>
    public static readonly ActionField Position = new()
    {
        Name = "position", Kind = FieldKind.Position, Chinese = "核查位置", English = "Position",
        Prompt = "Give lat and lon where you stand.", Limit = $"within {OnSiteMetres:0} m of the case, or a note saying why not",
        Read = c => c.Position,
        Check = (c, s) => s.Report is { Lat: { } lat, Lon: { } lon } && string.IsNullOrWhiteSpace(c.Note)
            && Geography.GeoDistance.Metres(c.Position!.Lat, c.Position.Lon, lat, lon) is var metres && metres > OnSiteMetres
                ? $"You are {metres:0} m from the case (more than {OnSiteMetres:0} m): say in the note why the check was not made on site."
                : null,
    };

    public static readonly ActionField Passed = new()
    {
        Name = "passed", Kind = FieldKind.YesNo, Chinese = "核查通过", English = "Passed", Required = true,
        Prompt = "Say whether the check passed: passed must be true or false.", Read = c => c.Passed,
    };

    public static readonly ActionField Approved = new()
    {
        Name = "approved", Kind = FieldKind.YesNo, Chinese = "批准", English = "Approved", Required = true,
        Prompt = "Say whether the extension is approved: approved must be true or false.", Read = c => c.Approved,
    };

    public static readonly ActionField Satisfaction = new()
    {
        Name = "satisfaction", Kind = FieldKind.Number, Chinese = "满意度", English = "Satisfaction", Required = true, Min = 1, Max = 5,
        Prompt = "satisfaction must be a whole number from 1 (very unhappy) to 5 (very happy).", Read = c => c.Satisfaction,
    };

    public static readonly ActionField DueAt = new()
    {
        Name = "dueAt", Kind = FieldKind.Time, Chinese = "新截止时间", English = "New deadline", Required = true,
        Prompt = "Give the new deadline asked for (dueAt, an ISO 8601 time).", Limit = "after the current deadline",
        Read = c => c.RequestedDueAt,
        Check = (c, s) => s.Active is { } active && c.RequestedDueAt <= active.Deadline.DueAt
            ? $"The new deadline must be after the current one, {active.Deadline.DueAt:O}." : null,
    };

    public static readonly ActionField Link = new()
    {
        Name = "linkId", Kind = FieldKind.Link, Chinese = "关联上报", English = "Linked report", Required = true,
        Prompt = "Name the linked report (linkId).", Limit = "a report linked now",
        Read = c => c.LinkId,
        Check = (c, s) => s.Links.Any(l => l.LinkId == c.LinkId && l.UnlinkedInto is null) ? null
            : $"No linked report has the id \"{c.LinkId}\"; linked now: {string.Join(", ", s.Links.Where(l => l.UnlinkedInto is null).Select(l => l.LinkId))}.",
    };

    public static readonly ActionField Notice = new()
    {
        Name = "notice", Kind = FieldKind.Notice, Chinese = "通知", English = "Notice", Required = true,
        Prompt = "Give the number of the notice (notice).", Limit = "a notice of this incident",
        Read = c => c.NoticeSequence,
        Check = (c, s) => s.Notices.Any(n => n.Sequence == c.NoticeSequence) ? null : $"No notice of this incident has the number {c.NoticeSequence}.",
    };
}
