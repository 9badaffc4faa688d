namespace CommandCenter.Rules.Tests;

/// <summary>Instants written as a person in Jiangyin reads them (UTC+8), and the committed sample files.</summary>
internal static class Jiangyin
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset At(int year, int month, int day, int hour, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, Offset);

    public static string SampleFile(string name) => Path.Combine(RepositoryRoot(), "samples", "Jiangyin", name);

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommandCenter.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No CommandCenter.sln above {AppContext.BaseDirectory}.");
    }
}
