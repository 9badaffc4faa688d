using System.Diagnostics;
using CommandCenter.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using OpenTelemetry.Trace;

namespace CommandCenter.Tests.Telemetry;

/// <summary>A center with tracing on (Telemetry:Tracing), its spans kept in memory by the OpenTelemetry exporter it is given.</summary>
public sealed class TelemetryCenter() : CenterFactory(null, null, new Dictionary<string, string>
{
    ["Telemetry:Tracing"] = "true",
    // Every scrape counts the open cases again, so a test sees a case it just reported on the next scrape.
    ["Telemetry:OpenCasesRefreshSeconds"] = "0",
})
{
    public SpanLog Spans { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureOpenTelemetryTracerProvider(traces => traces.AddInMemoryExporter(Spans)));
    }
}

/// <summary>The exported spans; the exporter adds from the server's threads while a test reads.</summary>
public sealed class SpanLog : ICollection<Activity>
{
    private readonly List<Activity> spans = [];

    public IReadOnlyList<Activity> Now() { lock (spans) return [.. spans]; }

    public void Add(Activity item) { lock (spans) spans.Add(item); }
    public void Clear() { lock (spans) spans.Clear(); }
    public bool Contains(Activity item) { lock (spans) return spans.Contains(item); }
    public void CopyTo(Activity[] array, int arrayIndex) { lock (spans) spans.CopyTo(array, arrayIndex); }
    public bool Remove(Activity item) { lock (spans) return spans.Remove(item); }
    public int Count { get { lock (spans) return spans.Count; } }
    public bool IsReadOnly => false;
    public IEnumerator<Activity> GetEnumerator() => Now().GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
