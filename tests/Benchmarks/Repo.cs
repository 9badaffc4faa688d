namespace CommandCenter.Benchmarks;

internal static class Repo
{
    public static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CommandCenter.sln"))) return dir.FullName;
        throw new InvalidOperationException("CommandCenter.sln not found");
    }
}
