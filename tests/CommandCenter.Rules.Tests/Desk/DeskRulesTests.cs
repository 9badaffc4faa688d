using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Places;
using CommandCenter.Grains.Sla;
using static CommandCenter.Rules.Tests.Desk.DeskIncident;

namespace CommandCenter.Rules.Tests.Desk;

/// <summary>The desk's pure rules: case search, the return-visit queues, category initials, verification photos.</summary>
[Trait("Category", "Unit")]
public class DeskRulesTests
{
    private static readonly IncidentReport Called = new("E0102", Priority.Normal, "Rubbish heaped by the 南街 bridge", "hotline", 31.9, 120.28,
        Address: "澄江街道 南街 12号", ReporterName: "王芳", ReporterPhone: "139 1234-5678");

    private static bool Finds(string query, string id = "JY-20261124-000007") =>
        CaseSearch.Matches(CaseSearch.Parse(query), id, CaseSearch.TextOf(Called), CaseSearch.PhoneDigitsOf(Called));

    [Theory]
    [InlineData("jy-20261124-000007")]      // the case number, any case
    [InlineData("南街")]                     // the address (and the description)
    [InlineData("RUBBISH bridge")]           // every word, ignoring case
    [InlineData("王芳")]                     // the caller's name
    [InlineData("139 1234 5678")]            // the phone, digits only
    [InlineData("139-1234-5678")]
    [InlineData("12345678")]                 // part of the phone
    public void The_search_finds_a_case_by_its_number_words_or_callers_phone(string query) => Finds(query).Should().BeTrue();

    [Theory]
    [InlineData("JY-20261124-000008")]
    [InlineData("rubbish river")]            // one word missing
    [InlineData("138 0000 0000")]
    public void The_search_does_not_find_a_case_that_matches_only_in_part(string query) => Finds(query).Should().BeFalse();

    [Fact]
    public void The_callers_phone_is_kept_digits_only() =>
        (CaseSearch.PhoneDigitsOf(Called), CaseSearch.Parse("139 1234 5678").PhoneDigits, CaseSearch.Parse("南街 12").PhoneDigits)
            .Should().Be(("13912345678", "13912345678", null));

    private static IncidentSummary Summary(string id, IncidentStatus status, DateTimeOffset? dueAt = null, DateTimeOffset? closedAt = null) => new(
        id, status, IncidentSteps.StepOf(status), "E0102", Priority.Normal, "hotline", "JY01-01-01", Urban.Chain, null, 31.9, 120.28, T0, T0,
        null, null, dueAt, false, EscalationRung.None, null, 1, false, new SlaLightCourse(null, null, null), VisitClosedAt: closedAt);

    [Fact]
    public void The_waiting_queue_holds_verified_incidents_the_soonest_due_first()
    {
        var queue = ReturnVisitDesk.Waiting([
            Summary("late", IncidentStatus.Verified, dueAt: T0.AddHours(9)),
            Summary("handled", IncidentStatus.Handled, dueAt: T0.AddHours(1)),
            Summary("soon", IncidentStatus.Verified, dueAt: T0.AddHours(2)),
            Summary("filed", IncidentStatus.Filed),
        ]);

        queue.Select(s => s.Id).Should().Equal("soon", "late");
    }

    [Fact]
    public void The_unanswered_list_holds_visits_closed_by_the_clock_in_the_window_the_latest_first()
    {
        var list = ReturnVisitDesk.Unanswered([
            Summary("early", IncidentStatus.Filed, closedAt: T0.AddDays(-2)),
            Summary("answered", IncidentStatus.Filed),
            Summary("recent", IncidentStatus.Archived, closedAt: T0.AddHours(-1)),
            Summary("outside", IncidentStatus.Filed, closedAt: T0.AddDays(-40)),
        ], T0.AddDays(-30), T0);

        list.Select(s => s.Id).Should().Equal("recent", "early");
    }

    [Theory]
    [InlineData("道路破损", "dlps")]
    [InlineData("暴露垃圾", "bllj")]
    [InlineData("井盖(雨水)", "jgys")]
    [InlineData("5G基站", "5gjz")]
    public void A_category_names_initials_are_its_pinyin_initials(string name, string initials) =>
        Pinyin.InitialsOf(name).Should().Be(initials);

    [Fact]
    public void A_verification_keeps_the_photos_taken_on_site()
    {
        var incident = new DeskIncident();
        incident.Do(IncidentAction.Dispatch, Operator, T0.AddMinutes(10), c => c with { MemberId = Worker.MemberId });
        incident.Do(IncidentAction.Accept, Worker, T0.AddMinutes(15));
        incident.Do(IncidentAction.Resolve, Worker, T0.AddHours(1), c => c with { Note = "清运完毕" });

        var verified = incident.Do(IncidentAction.Verify, Supervisor, T0.AddHours(1.5), c => c with { Passed = true, Photos = ["a1b2.jpg"] });

        verified.Events.Single().Photos.Should().Equal("a1b2.jpg");
        incident.State.Photos.Should().Contain("a1b2.jpg");
        IncidentActions.Of(IncidentAction.Verify).Fields.Select(f => f.Name).Should().Contain("photos");
    }
}
