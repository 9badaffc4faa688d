using CommandCenter.Grains.Setup;
using System.Text.Json;
using CommandCenter.Grains.Geography;
using CommandCenter.Grains.Incidents;
using CommandCenter.Grains.Sla;
using CommandCenter.Storage;

namespace CommandCenter.Replay;

/// <summary>
/// Writes a replay as NDJSON: one snapshot line, one line per event, one end line. Lines go out as
/// they are read, flushed every few hundred events, so a long window starts playing at once and the
/// server never holds the whole window in memory.
/// </summary>
public sealed class ReplayStream(IIncidentLedger ledger, ScopeHistory history, ICityRules rules)
{
    private SlaPolicy policy => rules.Policy;

    private const int FlushEvery = 256;
    private const int FlushBytes = 64 * 1024;
    private static readonly byte[] EventPrefix = """{"kind":"event",""".Select(c => (byte)c).ToArray();
    private static readonly JsonSerializerOptions Json = LedgerJson.Options;
    private static readonly byte[] NewLine = [(byte)'\n'];

    public async Task Write(Stream body, GridHierarchy hierarchy, string scope, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var snapshot = new List<IncidentAt>();
        await foreach (var state in history.StatesAt(hierarchy, scope, from)) snapshot.Add(IncidentAt.Of(state, policy, from));
        await JsonSerializer.SerializeAsync(body, new { kind = "snapshot", at = from, scope, incidents = snapshot }, Json, cancellationToken);
        await body.WriteAsync(NewLine, cancellationToken);
        await body.FlushAsync(cancellationToken);

        // Every incident of the city is in the city's scope; for a grid, the ids whose grid lies in it.
        HashSet<string>? inScope = scope == hierarchy.Root.Id ? null : [.. await history.IdsIn(hierarchy, scope, to)];
        // Lines are gathered in memory and sent in chunks: the response body only takes asynchronous writes.
        using var buffer = new MemoryStream(FlushBytes * 2);
        var count = 0;
        var window = inScope is null ? ledger.ReadWindow(from, to, cancellationToken) : ledger.ReadWindowOf(inScope, from, to, cancellationToken);
        await foreach (var e in window)
        {
            var json = JsonSerializer.SerializeToUtf8Bytes(e, Json);
            buffer.Write(EventPrefix);
            buffer.Write(json.AsSpan(1));
            buffer.WriteByte((byte)'\n');
            if (++count % FlushEvery == 0 || buffer.Length >= FlushBytes) await Send(body, buffer, cancellationToken);
        }
        await Send(body, buffer, cancellationToken);
        await JsonSerializer.SerializeAsync(body, new { kind = "end", at = to, events = count }, Json, cancellationToken);
        await body.WriteAsync(NewLine, cancellationToken);
        await body.FlushAsync(cancellationToken);
    }

    private static async Task Send(Stream body, MemoryStream buffer, CancellationToken cancellationToken)
    {
        if (buffer.Length == 0) return;
        await body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        await body.FlushAsync(cancellationToken);
        buffer.SetLength(0);
    }
}
