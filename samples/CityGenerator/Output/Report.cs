using CityGenerator.Categories;
using CityGenerator.Geo;
using CityGenerator.Roster;

namespace CityGenerator.Output;

/// <summary>Console summary: grids per level, members per role, categories per platform.</summary>
public static class Report
{
    public static void Print(IReadOnlyList<GridCell> grids, IReadOnlyList<Member> members,
        IReadOnlyList<Category> categories, TimeSpan elapsed)
    {
        Console.WriteLine("Grids per level:");
        foreach (var level in grids.GroupBy(g => g.Level).OrderBy(g => g.Key))
        {
            var km2 = level.Select(g => Spatial.SquareMetres(g.Geometry) / 1e6).ToList();
            Console.WriteLine($"  level {level.Key}: {level.Count(),5}   area km² min {km2.Min():F2} mean {km2.Average():F2} max {km2.Max():F2}"
                + $"   multipolygons {level.Count(g => g.Geometry.NumGeometries > 1)}");
        }
        Console.WriteLine($"  total:   {grids.Count,5}");

        Console.WriteLine($"Members per role ({members.Count} total):");
        foreach (var role in Roles.All)
        {
            var ofRole = members.Where(m => m.Role == role).ToList();
            Console.WriteLine($"  {role,-10} {ofRole.Count,5}  (full-time {ofRole.Count(m => m.Employment == Employment.FullTime)}, "
                + $"part-time {ofRole.Count(m => m.Employment == Employment.PartTime)})");
        }

        Console.WriteLine($"Categories per platform ({categories.Count} total):");
        foreach (var platform in Platforms.All)
        {
            Console.WriteLine($"  {platform,-17} {categories.Count(c => c.Platform == platform),3}");
        }
        Console.WriteLine($"Validated and written in {elapsed.TotalSeconds:F1} s.");
    }
}
