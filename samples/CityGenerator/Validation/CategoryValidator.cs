using System.Text.RegularExpressions;
using CityGenerator.Categories;

namespace CityGenerator.Validation;

/// <summary>Checks categories.json: code scheme, kinds, platforms, priorities and limit syntax.</summary>
public static partial class CategoryValidator
{
    private static readonly string[] Priorities = ["urgent", "high", "normal", "low"];

    public static void Validate(IReadOnlyList<Category> categories)
    {
        var errors = new ValidationErrors();
        errors.Check(categories.Count >= 40, $"only {categories.Count} categories");
        errors.Check(categories.Select(c => c.Code).Distinct().Count() == categories.Count, "duplicate codes");
        foreach (var c in categories)
        {
            var prefix = c.Kind switch { "部件" => "C", "事件" => "E", _ => "?" };
            errors.Check(c.Code == prefix + c.MajorCode + c.MinorCode, $"{c.Code}: code does not match kind/major/minor");
            errors.Check(TwoDigits().IsMatch(c.MajorCode) && TwoDigits().IsMatch(c.MinorCode), $"{c.Code}: bad major/minor");
            errors.Check(Platforms.All.Contains(c.Platform), $"{c.Code}: unknown platform {c.Platform}");
            errors.Check(Priorities.Contains(c.DefaultPriority), $"{c.Code}: unknown priority {c.DefaultPriority}");
            errors.Check(Limit().IsMatch(c.HandlingLimit), $"{c.Code}: bad handling limit {c.HandlingLimit}");
            errors.Check(c.DefaultPriority != "urgent" || !c.HandlingLimit.EndsWith("wh", StringComparison.Ordinal),
                $"{c.Code}: urgent categories must use wall-clock limits");
        }
        foreach (var p in Platforms.All)
        {
            var n = categories.Count(c => c.Platform == p);
            errors.Check(n >= 5, $"platform {p} has only {n} categories");
        }
        errors.ThrowIfAny("categories");
    }

    [GeneratedRegex("^[0-9]{2}$")] private static partial Regex TwoDigits();
    [GeneratedRegex("^[1-9][0-9]*(s|m|h|wh)$")] private static partial Regex Limit();
}
