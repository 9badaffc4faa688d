using System.Globalization;
using System.Text.RegularExpressions;

namespace CommandCenter.Tests.Telemetry;

/// <summary>A Prometheus text scrape read back: the sum of a metric's samples whose labels include the ones asked for.</summary>
public sealed partial class PrometheusText(string text)
{
    public string Text => text;

    public double Sum(string metric, params (string Name, string Value)[] labels) =>
        text.Split('\n')
            .Select(line => Sample().Match(line))
            .Where(m => m.Success && m.Groups["name"].Value == metric)
            .Where(m => labels.All(l => m.Groups["labels"].Value.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    public bool Has(string metric) => text.Split('\n').Any(line => Sample().Match(line) is { Success: true } m && m.Groups["name"].Value == metric);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})?\s+(?<value>\S+)")]
    private static partial Regex Sample();
}
