namespace CommandCenter.Tests.Support;

public static class Instants
{
    /// <summary>An instant as a query-string value (UTC, round-trip precision, nothing to escape).</summary>
    public static string Query(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("O"));
}
