using CommandCenter.Grains.Assessment;
using CommandCenter.Grains.Kpis;

namespace CommandCenter.Rules.Tests.Kpis;

/// <summary>The monthly score of docs/assessment.md, on the numbers of its example.</summary>
[Trait("Category", "Unit")]
public class AssessmentScoreTests
{
    private static KpiSet Member(KpiRatio? satisfaction = null) => new(
        GriddedOnTime: new KpiRatio(0, 0), AccurateDispatch: new KpiRatio(2, 2), HandledOnTime: new KpiRatio(2, 3), ClosedOnTime: new KpiRatio(1, 2),
        Rework: new KpiRatio(1, 3), Extension: new KpiRatio(0, 2), HandlingHours: new KpiMean(3, 5.75), Satisfaction: satisfaction ?? new KpiRatio(1, 2), Supervision: 0,
        // The newer indicators do not count in the assessment (weight 0): full marks or none change nothing.
        DispatchedOnTime: new KpiRatio(0, 1), VerifiedOnTime: new KpiRatio(0, 0), Closure: new KpiRatio(1, 1), Handled: new KpiRatio(0, 3),
        HandledLate: 1, Filed: 0, AccurateFiling: new KpiRatio(0, 0), ValidReports: new KpiRatio(0, 1));

    [Fact]
    public void The_score_is_the_weighted_mean_of_the_kpis_with_data()
    {
        // (10·1 + 25·0.6667 + 20·0.5 + 15·(1 − 0.3333) + 5·(1 − 0) + 15·0.5) / 90 × 100 = 65.74; 立案 has no data and is left out.
        AssessmentScore.Of(Member(), new AssessmentWeights()).Should().Be(65.74);
    }

    [Fact]
    public void Weights_from_configuration_change_the_score_and_bad_ones_are_named()
    {
        var onlySatisfaction = new AssessmentWeights { GriddedOnTime = 0, AccurateDispatch = 0, HandledOnTime = 0, ClosedOnTime = 0, Rework = 0, Extension = 0, Satisfaction = 1 };
        AssessmentScore.Of(Member(new KpiRatio(3, 4)), onlySatisfaction).Should().Be(75);

        new AssessmentWeights { Rework = -1 }.Problems().Should().ContainSingle().Which.Should().Contain("Assessment:Weights:Rework");
        (onlySatisfaction with { Satisfaction = 0 }).Problems().Should().ContainSingle().Which.Should().Contain("at least one weight");
    }

    [Fact]
    public void No_kpi_with_data_means_no_score()
    {
        var empty = KpiSet.Of([]);
        AssessmentScore.Of(empty, new AssessmentWeights()).Should().BeNull();
    }
}
