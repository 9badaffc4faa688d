namespace CommandCenter.Rules.Tests;

/// <summary>
/// The city comes from its data (the sample city's folder and configuration), so product code names no
/// city: not the sample's time zone, its UTC offset, its root grid or a town's id. Sample data and tests may.
/// </summary>
[Trait("Category", "Unit")]
public class CityLiteralTests
{
    private static readonly string[] Literals = ["Asia/Shanghai", "+08:00", "\"JY\"", "'JY'", "JY10"];
    private static readonly string[] Extensions = [".cs", ".ts", ".json"];
    private static readonly string[] SkippedFolders = ["node_modules", "wwwroot", "bin", "obj"];

    [Fact]
    public void Product_code_under_src_names_no_city_literal()
    {
        var hits = LiteralsUnder(Path.Combine(Jiangyin.RepositoryRoot(), "src"));

        hits.Should().BeEmpty("the city's zone, offset and grid ids come from samples/<city>/ and configuration, not from code");
    }

    [Fact]
    public void The_search_finds_a_city_literal_planted_in_product_code_and_skips_built_files()
    {
        var folder = Directory.CreateTempSubdirectory("cc-literals-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "Dashboard", "src"));
            Directory.CreateDirectory(Path.Combine(folder, "Dashboard", "node_modules", "x"));
            File.WriteAllText(Path.Combine(folder, "Dashboard", "src", "clock.ts"), "const zone = 'fine';\nconst city = 'Asia/Shanghai';\n");
            File.WriteAllText(Path.Combine(folder, "Desk.cs"), "var prefix = \"JY\";\n");
            File.WriteAllText(Path.Combine(folder, "Dashboard", "node_modules", "x", "tz.json"), "{\"zone\":\"Asia/Shanghai\"}");

            var hits = LiteralsUnder(folder);

            hits.Should().BeEquivalentTo(
                $"Dashboard{Path.DirectorySeparatorChar}src{Path.DirectorySeparatorChar}clock.ts:2: Asia/Shanghai",
                "Desk.cs:1: \"JY\"");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>"path:line: literal" for every literal in a source file under the folder, built output and packages left out.</summary>
    private static List<string> LiteralsUnder(string root)
    {
        var hits = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file);
            if (!Extensions.Contains(Path.GetExtension(file))) continue;
            if (relative.Split(Path.DirectorySeparatorChar).Any(SkippedFolders.Contains)) continue;
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                foreach (var literal in Literals.Where(l => lines[i].Contains(l, StringComparison.Ordinal)))
                    hits.Add($"{relative}:{i + 1}: {literal}");
        }
        return hits;
    }
}
