using System.Text.RegularExpressions;
using CommandCenter.Grains.Incidents;

namespace CommandCenter.Rules.Tests.Actions;

/// <summary>The pages' timeline words for actions (shared/words.ts) are the action table's words, entry for entry.</summary>
[Trait("Category", "Unit")]
public partial class PageWordsTests
{
    [GeneratedRegex(@"^\s*'?(?<word>[a-z-]+)'?:\s*\['(?<zh>[^']*)',\s*'(?<en>[^']*)'\],?\s*$", RegexOptions.Multiline)]
    private static partial Regex Entry();

    [Fact]
    public void The_pages_action_words_are_the_tables_words()
    {
        var source = File.ReadAllText(Path.Combine(Jiangyin.RepositoryRoot(), "src", "Dashboard", "src", "shared", "words.ts"));
        var start = source.IndexOf("export const actionWords", StringComparison.Ordinal);
        start.Should().BeGreaterThanOrEqualTo(0, "words.ts declares actionWords");
        var block = source[start..source.IndexOf("};", start, StringComparison.Ordinal)];

        var written = Entry().Matches(block).Select(m => (m.Groups["word"].Value, m.Groups["zh"].Value, m.Groups["en"].Value));

        written.Should().BeEquivalentTo(IncidentActions.All.Select(r => (r.Word, r.Chinese, r.English)),
            "the timeline words the pages show are the ones the server's action table declares");
    }
}
