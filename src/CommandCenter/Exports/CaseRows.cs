using System.Runtime.CompilerServices;
using CommandCenter.Grains.Incidents;

namespace CommandCenter.Exports;

/// <summary>The selected cases, newest first, as the ledger streams them, each with the report it was opened with (looked up a batch at a time).</summary>
public static class CaseRows
{
    private const int Batch = 500;

    public static async IAsyncEnumerable<CaseRow> Read(IIncidentLedger ledger, IncidentQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<IncidentSummary>(Batch);
        await foreach (var summary in ledger.Stream(query, cancellationToken))
        {
            batch.Add(summary);
            if (batch.Count < Batch) continue;
            foreach (var row in await WithReports(ledger, batch)) yield return row;
            batch.Clear();
        }
        foreach (var row in await WithReports(ledger, batch)) yield return row;
    }

    private static async Task<List<CaseRow>> WithReports(IIncidentLedger ledger, List<IncidentSummary> batch)
    {
        if (batch.Count == 0) return [];
        var reports = await ledger.ReportsOf(batch.Select(s => s.Id).ToList());
        return batch.Select(s => new CaseRow(s, reports.GetValueOrDefault(s.Id))).ToList();
    }
}
