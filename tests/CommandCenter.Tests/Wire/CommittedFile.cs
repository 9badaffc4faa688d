namespace CommandCenter.Tests.Wire;

/// <summary>
/// A file the suite generates and the repository keeps: a test compares the committed text with a fresh one
/// and fails on any difference; with WIRE_REGENERATE=1 (scripts/regenerate-wire.sh) it writes the fresh one instead.
/// </summary>
public static class CommittedFile
{
    public static bool Regenerating => Environment.GetEnvironmentVariable("WIRE_REGENERATE") == "1";

    /// <summary>The first difference between the committed file and <paramref name="fresh"/>, or null when they agree (or it was just rewritten).</summary>
    public static string? Difference(string path, string fresh)
    {
        if (Regenerating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (!File.Exists(path) || File.ReadAllText(path) != fresh) File.WriteAllText(path, fresh);
            return null;
        }
        if (!File.Exists(path)) return $"{path} is missing.";
        var committed = File.ReadAllText(path).ReplaceLineEndings("\n").Split('\n');
        var wanted = fresh.Split('\n');
        for (var i = 0; i < Math.Max(committed.Length, wanted.Length); i++)
        {
            var have = i < committed.Length ? committed[i] : "(end of file)";
            var want = i < wanted.Length ? wanted[i] : "(end of file)";
            if (have != want) return $"{path} line {i + 1} is\n  {have}\nbut the C# side now gives\n  {want}";
        }
        return null;
    }

    /// <summary>Files of a generated folder that the generator no longer writes.</summary>
    public static IReadOnlyList<string> Strays(string folder, IEnumerable<string> written)
    {
        if (!Directory.Exists(folder)) return [];
        var keep = written.Select(Path.GetFullPath).ToHashSet();
        var strays = Directory.GetFiles(folder, "*.json").Where(f => !keep.Contains(Path.GetFullPath(f))).ToList();
        if (Regenerating)
        {
            foreach (var stray in strays) File.Delete(stray);
            return [];
        }
        return strays;
    }
}
