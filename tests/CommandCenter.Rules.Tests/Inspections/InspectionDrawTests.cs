using CommandCenter.Grains.Access;
using CommandCenter.Grains.Accounts;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Inspections;

namespace CommandCenter.Rules.Tests.Inspections;

/// <summary>
/// 双随机 on a small city of three towns (A, B, C), each with villages and two inspectors at the town (as the sample
/// roster has them): quotas hold over several runs, nobody checks its own grid, no case twice, inspectors spread,
/// the same seed draws the same pairs.
/// </summary>
[Trait("Category", "Unit")]
public class InspectionDrawTests
{
    private static readonly IReadOnlyList<DrawInspector> Inspectors =
    [
        new("MA1", "A"), new("MA2", "A"), new("MB1", "B"), new("MB2", "B"), new("MC1", "C"), new("MC2", "C"),
    ];

    /// <summary>Ten cases per town, in its villages: chain village → town → city.</summary>
    private static readonly IReadOnlyList<DrawCandidate> Cases =
    [
        .. new[] { "A", "B", "C" }.SelectMany(town => Enumerable.Range(1, 10).Select(i =>
            new DrawCandidate($"{town}-case-{i:00}", town, [$"{town}-0{i % 3 + 1}", town, "CITY"]))),
    ];

    private static DrawQuotas Quotas(int perTown = 3, int perRun = 100, Dictionary<string, int>? byTown = null) =>
        new(perTown, byTown ?? [], perRun);

    private static InspectionTask Task(DrawnPair pair) =>
        new($"T-{pair.IncidentId}", new DateOnly(2026, 11, 1), pair.InspectorId, pair.InspectorId, pair.IncidentId, null, "handled",
            DateTimeOffset.UnixEpoch, 0, 0, "2026-11", pair.TownId);

    [Fact]
    public void Quotas_per_town_are_never_exceeded_over_several_runs_of_a_period()
    {
        var book = new List<InspectionTask>();
        var quotas = Quotas(perTown: 3, perRun: 1, byTown: new() { ["B"] = 1, ["C"] = 0 });

        for (var run = 0; run < 6; run++)
            book.AddRange(InspectionDraw.Draw(Inspectors, Cases, quotas, DrawnSoFar.Of(book), seed: run).Select(Task));

        book.GroupBy(t => t.TownId).ToDictionary(g => g.Key!, g => g.Count())
            .Should().BeEquivalentTo(new Dictionary<string, int> { ["A"] = 3, ["B"] = 1 }, "A's quota is 3, B's own is 1, C's is 0");
    }

    [Fact]
    public void One_run_draws_no_more_than_its_allowance_per_town()
    {
        var pairs = InspectionDraw.Draw(Inspectors, Cases, Quotas(perTown: 5, perRun: 2), DrawnSoFar.None, seed: 7);

        pairs.GroupBy(p => p.TownId).Should().HaveCount(3).And.OnlyContain(g => g.Count() == 2);
    }

    [Fact]
    public void Nobody_checks_a_case_in_its_own_grid_for_any_seed()
    {
        // Inspectors at a village too: the village's cases (and none of the town's others) are its own.
        IReadOnlyList<DrawInspector> inspectors = [.. Inspectors, new("MA-village", "A-01")];
        var home = inspectors.ToDictionary(i => i.MemberId, i => i.HomeGridId);
        var chains = Cases.ToDictionary(c => c.IncidentId, c => c.GridChain);

        for (var seed = 0; seed < 200; seed++)
        {
            var pairs = InspectionDraw.Draw(inspectors, Cases, Quotas(perTown: 10), DrawnSoFar.None, seed);
            pairs.Should().NotBeEmpty();
            pairs.Should().OnlyContain(p => !chains[p.IncidentId].Contains(home[p.InspectorId]), $"seed {seed}");
        }
    }

    [Fact]
    public void A_case_nobody_may_check_is_left_and_the_quota_goes_to_the_next()
    {
        // Only town A's inspectors: A's cases have nobody, B's are all drawn by them.
        var pairs = InspectionDraw.Draw([new("MA1", "A"), new("MA2", "A")], Cases, Quotas(perTown: 2), DrawnSoFar.None, seed: 3);

        pairs.Should().OnlyContain(p => p.TownId != "A");
        pairs.Should().HaveCount(4);
    }

    [Fact]
    public void No_case_is_drawn_twice_in_a_period()
    {
        var book = new List<InspectionTask>();
        for (var run = 0; run < 20; run++)
            book.AddRange(InspectionDraw.Draw(Inspectors, Cases, Quotas(perTown: 10, perRun: 1), DrawnSoFar.Of(book), seed: 11).Select(Task));

        book.Should().HaveCount(30, "every case of every town is drawn once, ten per town");
        book.Select(t => t.IncidentId).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Inspectors_are_spread_fewest_tasks_first()
    {
        // Town A's ten cases, checked by the four inspectors of B and C: 10 over 4 is 2 or 3 each, whatever the seed.
        var townA = Cases.Where(c => c.TownId == "A").ToList();
        for (var seed = 0; seed < 100; seed++)
        {
            var pairs = InspectionDraw.Draw(Inspectors, townA, Quotas(perTown: 10), DrawnSoFar.None, seed);

            pairs.Should().HaveCount(10);
            var tasks = Inspectors.Where(i => i.HomeGridId != "A").Select(i => pairs.Count(p => p.InspectorId == i.MemberId)).ToList();
            tasks.Should().OnlyContain(n => n == 2 || n == 3, $"seed {seed}: {string.Join(",", tasks)}");
        }
    }

    [Fact]
    public void Those_with_tasks_already_this_period_are_drawn_last()
    {
        var soFar = new DrawnSoFar(new Dictionary<string, int>(), new HashSet<string>(),
            new Dictionary<string, int> { ["MA1"] = 3, ["MB1"] = 3, ["MC1"] = 3 });

        var pairs = InspectionDraw.Draw(Inspectors, Cases, Quotas(perTown: 1), soFar, seed: 9);

        pairs.Select(p => p.InspectorId).Should().OnlyContain(id => id.EndsWith('2'));
    }

    [Fact]
    public void The_same_seed_draws_the_same_pairs_whatever_the_order_of_the_lists()
    {
        var first = InspectionDraw.Draw(Inspectors, Cases, Quotas(), DrawnSoFar.None, seed: 42);
        var again = InspectionDraw.Draw(Inspectors.Reverse().ToList(), Cases.Reverse().ToList(), Quotas(), DrawnSoFar.None, seed: 42);
        var seeds = Enumerable.Range(0, 20).Select(seed => string.Join(",", InspectionDraw.Draw(Inspectors, Cases, Quotas(), DrawnSoFar.None, seed)
            .Select(p => $"{p.InspectorId}>{p.IncidentId}"))).Distinct().Count();

        again.Should().Equal(first);
        seeds.Should().BeGreaterThan(1, "another seed draws other pairs");
    }

    [Theory]
    [InlineData(OnFailure.Rework, IncidentStatus.Handled, FailureFollowUp.Rework)]
    [InlineData(OnFailure.Rework, IncidentStatus.Verified, FailureFollowUp.NewCase)]
    [InlineData(OnFailure.Rework, IncidentStatus.Filed, FailureFollowUp.NewCase)]
    [InlineData(OnFailure.Rework, IncidentStatus.Archived, FailureFollowUp.NewCase)]
    [InlineData(OnFailure.NewCase, IncidentStatus.Handled, FailureFollowUp.NewCase)]
    [InlineData(OnFailure.NewCase, IncidentStatus.Evaluated, FailureFollowUp.NewCase)]
    public void A_failed_check_sends_a_handled_case_back_when_configured_and_otherwise_opens_a_new_one(OnFailure setting, IncidentStatus status, FailureFollowUp expected) =>
        InspectionFailure.Decide(setting, status).Should().Be(expected);

    [Fact]
    public void The_drawn_inspector_sees_its_task_anywhere_and_another_member_never()
    {
        var chain = new[] { "JY01-01-01", "JY01-01", "JY01", "JY" };

        GridScope.Inspection(new Asker(Roles.Inspector, "M00040", "JY02"), "INS-1", "M00040", chain).Refused.Should().BeFalse();
        GridScope.Inspection(new Asker(Roles.Inspector, "M00041", "JY01"), "INS-1", "M00040", chain).Refused.Should().BeTrue("another inspector, even of the case's town");
        GridScope.Inspection(new Asker(Roles.GridLeader, "M00010", "JY01-01"), "INS-1", "M00040", chain).Refused.Should().BeTrue();
        GridScope.Inspection(new Asker(Roles.Operator, null, "JY10"), "INS-1", "M00040", chain).Refused.Should().BeTrue("a town desk of another town");
        GridScope.Inspection(new Asker(Roles.Supervisor, null, "JY01"), "INS-1", "M00040", chain).Refused.Should().BeFalse();
        GridScope.Inspection(new Asker(Roles.Operator), "INS-1", "M00040", chain).Refused.Should().BeFalse();
    }

    [Fact]
    public void Only_the_drawn_inspector_a_supervisor_or_an_admin_records_a_result()
    {
        var task = new InspectionTask("INS-1", new DateOnly(2026, 11, 1), "M00040", "x", "C-1", null, "handled", DateTimeOffset.UnixEpoch, 0, 0);

        InspectionRecording.Refusal(Roles.Inspector, "M00040", task).Should().BeNull();
        InspectionRecording.Refusal(Roles.Supervisor, null, task).Should().BeNull();
        InspectionRecording.Refusal(Roles.Admin, null, task).Should().BeNull();
        InspectionRecording.Refusal(Roles.Inspector, "M00041", task).Should().Contain("INS-1");
        InspectionRecording.Refusal(Roles.Operator, null, task).Should().NotBeNull();
        InspectionRecording.Refusal(Roles.Worker, "M00040", task).Should().NotBeNull();
    }

    [Theory]
    [InlineData("2026-11", true)]
    [InlineData("2026-1", false)]
    [InlineData("2026-13", false)]
    [InlineData("26-11-01", false)]
    [InlineData("２０２６-11", false)]
    [InlineData("", false)]
    public void A_period_is_a_month_written_yyyy_MM(string text, bool valid) => InspectionPeriod.TryParse(text, out _).Should().Be(valid);

    [Fact]
    public void A_period_runs_from_the_first_of_the_month_to_the_next_in_the_citys_time()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

        InspectionPeriod.StartOf("2026-12", shanghai).Should().Be(new DateTimeOffset(2026, 11, 30, 16, 0, 0, TimeSpan.Zero));
        InspectionPeriod.EndOf("2026-12", shanghai).Should().Be(new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero));
        InspectionPeriod.Of(new DateTimeOffset(2026, 11, 30, 16, 30, 0, TimeSpan.Zero), shanghai).Should().Be("2026-12");
    }
}
