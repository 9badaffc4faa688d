using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;

namespace CommandCenter.Incidents;

public sealed record DeadlineView(
    string Step, DateTimeOffset StartedAt, DateTimeOffset WarnAt, DateTimeOffset DueAt, DateTimeOffset OriginalDueAt,
    string Limit, string Light, bool Breached, bool Active, DateTimeOffset? EndedAt);

public sealed record SubTaskView(string TaskId, string Platform, string PlatformName, string MemberId, string Status, DateTimeOffset DueAt, string Light, string? Note);

public sealed record LinkView(string LinkId, string Channel, string Description, double? Lat, double? Lon, DateTimeOffset At, string ReportedBy, string? UnlinkedInto);

public sealed record NoticeView(int Sequence, string MemberId, string Kind, string? Text, DateTimeOffset SentAt, DateTimeOffset? DeliveredAt, DateTimeOffset? ReadAt);

/// <summary>One event of the incident's timeline; <see cref="Photos"/> are the photos that came with it (URLs to open), empty when none.</summary>
public sealed record TimelineEntry(int Sequence, DateTimeOffset At, string Action, string Actor, string ActorRole, string From, string To, string? Note, string? MemberId,
    IReadOnlyList<string> Photos);

/// <summary>A category of the catalogue; <see cref="Initials"/> are its name's pinyin initials (道路破损 → dlps) for typing it in the call form.</summary>
public sealed record CategoryView(string Code, string Name, string Kind, string MajorName, string Platform, string PlatformName, string DefaultPriority, string HandlingLimit,
    string Initials, bool Retired)
{
    /// <remarks>A retired category is listed (its cases go on and are shown by name) but takes no new reports.</remarks>
    public static CategoryView Of(Category c) => new(c.Code, c.Name, c.Kind == CategoryKind.Component ? "部件" : "事件", c.MajorName,
        c.Platform.ToString(), PlatformWords.Chinese(c.Platform), PriorityWords.Of(c.DefaultPriority), c.HandlingLimit.ToString(),
        Grains.Places.Pinyin.InitialsOf(c.Name), c.Retired);
}

/// <summary>An incident as the API shows it: where it stands, its deadlines and lights, and what happened.</summary>
public sealed record IncidentView(
    string Id, string State, int Step, string Category, string? CategoryName, string Priority, string Channel, string Description,
    double? Lat, double? Lon, string? Address, string? GridId, IReadOnlyList<string> GridChain, string? AssigneeId,
    string Light, string Escalation, int Reworks, int Returns, int Extensions, DateTimeOffset? PendingExtensionDueAt,
    int? Satisfaction, double? Score, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<DeadlineView> Deadlines, IReadOnlyList<ActionOffer> AllowedActions, IReadOnlyList<TimelineEntry> Timeline,
    int Supervisions, IReadOnlyList<LinkView> Links, IReadOnlyList<NoticeView> Notices, IReadOnlyList<SubTaskView> SubTasks, IReadOnlyList<string> Photos,
    string? CallerName, string? CallerPhone,
    int ReturnVisitAttempts, string? AlertAcknowledgedBy, DateTimeOffset? AlertAcknowledgedAt)
{
    /// <summary>The view for a worker: the report without who called and how to reach them; staff call back.</summary>
    public IncidentView WithoutCaller() => this with { CallerName = null, CallerPhone = null };

    /// <summary>The same rule for the ledger a worker reads: reports (opening and linked) lose who called.</summary>
    public static IncidentEvent WithoutCaller(IncidentEvent e) =>
        e.Report is null ? e : e with { Report = e.Report with { ReporterName = null, ReporterPhone = null } };

    public static IncidentView Of(IncidentState s, IReadOnlyList<IncidentEvent> events, SlaPolicy policy, CategoryCatalogue catalogue, DateTimeOffset now, Actor viewer)
    {
        var deadlines = s.History.Select(d => new DeadlineView(
            Word(d.Deadline.Step), d.Deadline.StartedAt, d.Deadline.WarnAt, d.Deadline.DueAt, d.Deadline.OriginalDueAt, d.Deadline.Limit.ToString(),
            LightOf(s, d, now), d.Breached, d == s.Active, d.EndedAt)).ToList();
        return new IncidentView(
            s.Id, IncidentSteps.Word(s.Status), s.Step, s.Report!.Category, catalogue.Find(s.Report.Category)?.Name, PriorityWords.Of(s.Report.Priority),
            s.Report.Channel, s.Report.Description, s.Report.Lat, s.Report.Lon, s.Report.Address, s.Placement?.GridId, s.Placement?.Chain ?? [],
            s.AssigneeId, SlaLightWords.Word(SlaLightRule.LightAt(s, now)),
            s.Rung.ToString(), s.Reworks, s.Returns, s.Extensions, s.PendingExtensionDueAt, s.Satisfaction, s.Score, s.CreatedAt, s.UpdatedAt,
            deadlines, ActionOffer.For(s, events, viewer, now, catalogue.Find(s.Report.Category) is { } category ? new SlaRules(policy, category) : null),
            events.Select(Entry).ToList(),
            s.Supervisions,
            s.Links.Select(l => new LinkView(l.LinkId, l.Report.Channel, l.Report.Description, l.Report.Lat, l.Report.Lon, l.At, l.ReportedBy, l.UnlinkedInto)).ToList(),
            s.Notices.Select(n => new NoticeView(n.Sequence, n.MemberId, n.Kind, n.Text, n.SentAt, n.DeliveredAt, n.ReadAt)).ToList(),
            s.SubTasks.Select(t => new SubTaskView(t.TaskId, t.Platform.ToString(), PlatformWords.Chinese(t.Platform), t.MemberId, t.Status.ToString().ToLowerInvariant(),
                t.Deadline.Deadline.DueAt, LightOf(s, t.Deadline, now), t.Note)).ToList(),
            // The references sent with the report, as given, then the photos uploaded and attached since.
            [.. s.Report.Photos ?? [], .. s.Photos.Select(p => $"/api/photos/{p}")],
            s.Report.ReporterName, s.Report.ReporterPhone,
            s.ReturnVisitAttempts, s.AlertAcknowledgedBy, s.AlertAcknowledgedAt);
    }

    public static TimelineEntry Entry(IncidentEvent e) => new(
        e.Sequence, e.At, IncidentActionWords.Word(e.Action), e.Actor, e.ActorRole, IncidentSteps.Word(e.From), IncidentSteps.Word(e.To), e.Note, e.MemberId,
        // As the incident's photos list them: a report's references as given, photos uploaded and attached by an action as their URL.
        [.. e.Report?.Photos ?? [], .. (e.Photos ?? []).Select(p => $"/api/photos/{p}")]);

    private static string LightOf(IncidentState s, DeadlineRecord d, DateTimeOffset at) => SlaLightWords.Word(SlaLightRule.LightOf(s, d, at));

    private static string Word(SlaStep step) => step.ToString().ToLowerInvariant();
}
