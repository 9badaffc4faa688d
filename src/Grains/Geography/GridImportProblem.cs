namespace CommandCenter.Grains.Geography;

/// <summary>What is wrong with one feature of an import: its position in the file, its id if it has one, and why.</summary>
[GenerateSerializer, Alias("GridImportProblem")]
public sealed record GridImportProblem(
    [property: Id(0)] int FeatureIndex,
    [property: Id(1)] string? GridId,
    [property: Id(2)] string Problem);

/// <summary>The outcome of reading a hierarchy: either a hierarchy or the full list of problems, never both.</summary>
public sealed record GridImportResult(GridHierarchy? Hierarchy, IReadOnlyList<GridImportProblem> Problems)
{
    public bool Accepted => Hierarchy is not null;
}

/// <summary>How much slack geometry checks allow, as fractions of an area.</summary>
public sealed record GridImportTolerance(double OutsideParent = 0.005, double SiblingOverlap = 0.005)
{
    public static GridImportTolerance Default { get; } = new();
}
