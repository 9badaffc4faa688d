namespace CommandCenter.Tests.Support;

/// <summary>Paths in the checkout, found from the test's own location.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string SampleCity => Path.Combine(Root, "samples", "Jiangyin");

    public static string BuildConfiguration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CommandCenter.sln"))) return dir.FullName;
        throw new InvalidOperationException("CommandCenter.sln not found above " + AppContext.BaseDirectory);
    }
}
