namespace CommandCenter.Grains.Catalogue;

/// <summary>A category catalogue that cannot be used; the message lists every bad entry and field.</summary>
public sealed class CatalogueException(IReadOnlyList<string> problems, string? source = null)
    : Exception(Describe(problems, source))
{
    /// <summary>One line per problem, each naming the entry (index and code) and the field.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;

    private static string Describe(IReadOnlyList<string> problems, string? source) =>
        $"Category catalogue{(source is null ? "" : " " + source)} is invalid:" + string.Concat(problems.Select(p => "\n  " + p));
}
