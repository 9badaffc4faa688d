using CommandCenter.Grains.Incidents;

namespace CommandCenter.Rules.Tests.Actions;

/// <summary>docs/authorization.md's table of incident actions is the action table written out; it may not drift.</summary>
[Trait("Category", "Unit")]
public class RoleTableDocTests
{
    private const string Begin = "<!-- action-table:begin";
    private const string End = "<!-- action-table:end -->";

    /// <summary>The doc's section as the table writes it (paste it in, or run with UPDATE_DOCS=1).</summary>
    public static string Render() => string.Join("\n",
    [
        "| action | 中文 | who | when | fields | writes |",
        "|---|---|---|---|---|---|",
        .. IncidentActions.All.Select(r =>
            $"| `{r.Word}` | {r.Chinese} | {r.TakerWords} | {r.WhenWords} | " +
            $"{(r.Fields.Count == 0 ? "—" : string.Join("; ", r.Fields.Select(f => f.Summary)))} | " +
            $"{string.Join(", ", r.Produces.Select(IncidentActionWords.Word))} |"),
    ]);

    [Fact]
    public void The_authorization_doc_lists_the_actions_as_the_table_declares_them()
    {
        var path = Path.Combine(Jiangyin.RepositoryRoot(), "docs", "authorization.md");
        var doc = File.ReadAllText(path).ReplaceLineEndings("\n");
        var start = doc.IndexOf(Begin, StringComparison.Ordinal);
        var end = doc.IndexOf(End, StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, "docs/authorization.md marks the generated action table");
        end.Should().BeGreaterThan(start);
        var bodyStart = doc.IndexOf('\n', start) + 1;
        var written = doc[bodyStart..end].Trim('\n');
        var expected = Render();
        if (written != expected && Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
            File.WriteAllText(path, doc[..bodyStart] + expected + "\n" + doc[end..]);
        written.Should().Be(expected, "the doc's action table must match IncidentActions (run this test with UPDATE_DOCS=1 to rewrite it)");
    }
}
