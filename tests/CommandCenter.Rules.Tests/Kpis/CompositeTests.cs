using CommandCenter.Grains.Assessment;
using CommandCenter.Grains.Kpis;

namespace CommandCenter.Rules.Tests.Kpis;

/// <summary>综合指标值, its grade and rank (docs/kpis.md), with numbers worked out by hand.</summary>
[Trait("Category", "Unit")]
public class CompositeTests
{
    private static KpiSet Group(KpiRatio? satisfaction = null) => new(
        GriddedOnTime: new KpiRatio(1, 1), AccurateDispatch: new KpiRatio(2, 2), HandledOnTime: new KpiRatio(3, 4), ClosedOnTime: new KpiRatio(1, 2),
        Rework: new KpiRatio(1, 4), Extension: new KpiRatio(0, 2), HandlingHours: new KpiMean(4, 9), Satisfaction: satisfaction ?? new KpiRatio(1, 1), Supervision: 2,
        DispatchedOnTime: new KpiRatio(1, 2), VerifiedOnTime: new KpiRatio(0, 0), Closure: new KpiRatio(2, 4), Handled: new KpiRatio(4, 5),
        HandledLate: 1, Filed: 1, AccurateFiling: new KpiRatio(1, 2), ValidReports: new KpiRatio(3, 4));

    [Fact]
    public void The_composite_is_the_weighted_mean_of_the_rates_with_data()
    {
        // Default weights (they add up to 100); 按时核查率 has no data, so its 5 leaves both sums:
        //   gridded 5·1 = 5, dispatched 5·0.5 = 2.5, accurate dispatch 5·1 = 5, handled on time 15·0.75 = 11.25, handled 10·0.8 = 8,
        //   closed on time 10·0.5 = 5, closure 10·0.5 = 5, rework 5·(1 − 0.25) = 3.75, extension 5·(1 − 0) = 5, satisfaction 15·1 = 15,
        //   accurate filing 5·0.5 = 2.5, valid reports 5·0.75 = 3.75  → 71.75 over 95 × 100 = 75.526… → 75.53, 合格.
        KpiScoring.Default.Score(Group()).Should().Be(new KpiScore(75.53, KpiGrade.Pass, null));
        // Counts and the mean handling time are not scored: more supervision or longer handling moves nothing.
        KpiComposite.Of(Group() with { Supervision = 40, HandlingHours = new KpiMean(1, 100), HandledLate = 9, Filed = 90 }, new KpiWeights()).Should().Be(75.53);
    }

    [Fact]
    public void Weights_from_configuration_change_the_composite_and_bad_ones_are_named()
    {
        var onlyClosure = new KpiWeights
        {
            GriddedOnTime = 0, DispatchedOnTime = 0, AccurateDispatch = 0, HandledOnTime = 0, Handled = 0, VerifiedOnTime = 0, ClosedOnTime = 0,
            Closure = 2, Rework = 0, Extension = 0, Satisfaction = 0, AccurateFiling = 0, ValidReports = 0,
        };
        KpiComposite.Of(Group(), onlyClosure).Should().Be(50, "closure 2/4 alone");

        new KpiWeights { ValidReports = -1 }.Problems().Should().ContainSingle().Which.Should().Contain("Kpis:Weights:ValidReports");
        new KpiWeights { Closure = double.NaN }.Problems().Should().ContainSingle().Which.Should().Contain("Kpis:Weights:Closure");
        (onlyClosure with { Closure = 0 }).Problems().Should().ContainSingle().Which.Should().Contain("at least one weight");
    }

    [Fact]
    public void The_assessment_scores_with_the_same_formula_and_its_own_weights()
    {
        // Assessment weights 10, 10, 25, 20, 15, 5, 15 on gridded, accurate dispatch, handled on time, closed on time, rework, extension, satisfaction:
        // (10·1 + 10·1 + 25·0.75 + 20·0.5 + 15·0.75 + 5·1 + 15·1) / 100 × 100 = 80.00; the newer indicators weigh 0 there.
        AssessmentScore.Of(Group(), new AssessmentWeights()).Should().Be(80);
        new AssessmentWeights { Rework = -1 }.Problems().Should().ContainSingle().Which.Should().Contain("Assessment:Weights:Rework");
    }

    [Theory]
    [InlineData(100.0, KpiGrade.Excellent)]
    [InlineData(90.0, KpiGrade.Excellent)]
    [InlineData(89.99, KpiGrade.Good)]
    [InlineData(80.0, KpiGrade.Good)]
    [InlineData(79.99, KpiGrade.Pass)]
    [InlineData(60.0, KpiGrade.Pass)]
    [InlineData(59.99, KpiGrade.Fail)]
    [InlineData(0.0, KpiGrade.Fail)]
    public void Grades_begin_at_their_thresholds(double composite, KpiGrade grade) =>
        new KpiGrades().Of(composite).Should().Be(grade);

    [Fact]
    public void Thresholds_come_from_configuration_and_bad_ones_are_named()
    {
        var strict = new KpiGrades { Excellent = 95, Good = 85, Pass = 70 };
        (strict.Of(94.99), strict.Of(85), strict.Of(69.99), strict.Of(null)).Should().Be((KpiGrade.Good, KpiGrade.Good, KpiGrade.Fail, (KpiGrade?)null));
        KpiGrades.Chinese(KpiGrade.Excellent).Should().Be("优秀");
        (KpiGrades.Chinese(KpiGrade.Good), KpiGrades.Chinese(KpiGrade.Pass), KpiGrades.Chinese(KpiGrade.Fail)).Should().Be(("良好", "合格", "不合格"));

        new KpiGrades { Pass = 101 }.Problems().Should().ContainSingle().Which.Should().Contain("Kpis:Grades:Pass");
        new KpiGrades { Good = 95 }.Problems().Should().ContainSingle().Which.Should().Contain("Excellent (90) ≥ Good (95)");
    }

    [Fact]
    public void Groups_rank_by_composite_equal_ones_sharing_a_rank_and_none_without_data()
    {
        var onlySatisfaction = new KpiScoring(new KpiWeights
        {
            GriddedOnTime = 0, DispatchedOnTime = 0, AccurateDispatch = 0, HandledOnTime = 0, Handled = 0, VerifiedOnTime = 0, ClosedOnTime = 0,
            Closure = 0, Rework = 0, Extension = 0, Satisfaction = 1, AccurateFiling = 0, ValidReports = 0,
        }, new KpiGrades());
        var groups = new[] { Group(new KpiRatio(4, 5)), Group(new KpiRatio(19, 20)), Group(new KpiRatio(0, 0)), Group(new KpiRatio(19, 20)) };

        // Composites 80, 95, none, 95 → ranks 3, 1, none, 1 (the two 95s share first place; the next is third).
        onlySatisfaction.Rank(groups).Should().Equal(
            new KpiScore(80, KpiGrade.Good, 3), new KpiScore(95, KpiGrade.Excellent, 1), new KpiScore(null, null, null), new KpiScore(95, KpiGrade.Excellent, 1));
    }
}
