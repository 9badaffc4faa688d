using System.Reflection;

namespace CommandCenter.Tests.Support;

/// <summary>
/// Compiled into both test projects (CommandCenter.Tests links this folder), so each checks its own assembly.
/// Every test class says what it needs to run (Category: Unit, InProcess, Process, Browser, Cluster, Postgres: a private PostgreSQL), so
/// `dotnet test --filter Category=Unit` runs the fast ones alone. A class without one fails here.
/// </summary>
[Trait("Category", "Unit")]
public class TestCategoryTests
{
    public static readonly string[] Known = ["Unit", "InProcess", "Process", "Browser", "Cluster", "Postgres"];

    [Fact]
    public void Every_test_class_has_one_known_category()
    {
        var uncategorised = typeof(TestCategoryTests).Assembly.GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any()))
            .Where(t =>
            {
                var data = CustomAttributeData.GetCustomAttributes(t).Concat(t.BaseType is { } b ? CustomAttributeData.GetCustomAttributes(b) : [])
                    .Where(a => a.AttributeType == typeof(TraitAttribute) && (string?)a.ConstructorArguments[0].Value == "Category")
                    .Select(a => (string?)a.ConstructorArguments[1].Value)
                    .ToList();
                return data.Count == 0 || data.Any(c => !Known.Contains(c));
            })
            .Select(t => t.FullName)
            .ToList();

        uncategorised.Should().BeEmpty("each test class carries [Trait(\"Category\", …)] with one of {0}", string.Join(", ", Known));
    }
}
