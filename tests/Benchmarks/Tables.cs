namespace CommandCenter.Benchmarks;

internal static class Tables
{
    public static void Print(IEnumerable<(string Figure, string Value)> rows)
    {
        Console.WriteLine("| figure | value |");
        Console.WriteLine("|---|---:|");
        foreach (var (figure, value) in rows) Console.WriteLine($"| {figure} | {value} |");
    }
}
