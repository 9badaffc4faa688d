using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Sla;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using static CommandCenter.Rules.Tests.Jiangyin;

namespace CommandCenter.Rules.Tests;

/// <summary>Categories and deadlines travel in grain state; they must come back from Orleans' serializer unchanged.</summary>
[Trait("Category", "Unit")]
public class GrainStateSerializationTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(SlaDeadline).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void A_deadline_survives_serialization()
    {
        var deadline = new SlaDeadline(SlaStep.Evaluate, At(2026, 3, 2, 15, 0), At(2026, 3, 3, 13, 54), At(2026, 3, 3, 15, 30),
            At(2026, 3, 3, 15, 30), SlaDuration.Parse("8wh"));

        Serializer.Deserialize<SlaDeadline>(Serializer.SerializeToArray(deadline)).Should().Be(deadline);
    }

    [Fact]
    public void A_category_survives_serialization()
    {
        var category = TestPolicies.E0102;

        Serializer.Deserialize<Category>(Serializer.SerializeToArray(category)).Should().Be(category);
    }
}
