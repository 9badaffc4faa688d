namespace CommandCenter.Grains.Sla;

/// <summary>An SLA policy that cannot be used; the message lists every bad entry, e.g. <c>limits[3].limit: ...</c>.</summary>
public sealed class SlaPolicyException(IReadOnlyList<string> problems, string? source = null)
    : Exception(Describe(problems, source))
{
    /// <summary>One line per problem, each starting with the path of the entry in the file.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;

    private static string Describe(IReadOnlyList<string> problems, string? source) =>
        $"SLA policy{(source is null ? "" : " " + source)} is invalid:" + string.Concat(problems.Select(p => "\n  " + p));
}
