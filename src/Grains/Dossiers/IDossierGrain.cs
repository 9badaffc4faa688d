using CommandCenter.Grains.Kpis;

namespace CommandCenter.Grains.Dossiers;

/// <summary>
/// 考核入档: the dossier of one member ("member/M00042") or grid ("grid/JY01"): one entry per assessed
/// period, replaced when the period is assessed again. Durable before Record returns.
/// </summary>
public interface IDossierGrain : IGrainWithStringKey
{
    Task Record(DossierEntry entry);
    Task<IReadOnlyList<DossierEntry>> Entries();
}

/// <summary>One period's assessment: the period ("2026-11"), its window, the score and the KPIs it came from.</summary>
[GenerateSerializer, Alias("DossierEntry")]
public sealed record DossierEntry(
    [property: Id(0)] string Period,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset To,
    [property: Id(3)] double? Score,
    [property: Id(4)] KpiSet Kpis,
    [property: Id(5)] DateTimeOffset RecordedAt);

[GenerateSerializer, Alias("Dossier")]
public sealed class Dossier
{
    [Id(0)] public List<DossierEntry> Entries { get; set; } = [];
}

public sealed class DossierGrain([PersistentState("dossier")] IPersistentState<Dossier> dossier) : Grain, IDossierGrain
{
    public static string MemberKey(string memberId) => $"member/{memberId}";
    public static string GridKey(string gridId) => $"grid/{gridId}";

    public async Task Record(DossierEntry entry)
    {
        // Assessing a period again (a re-run, a late correction) replaces its entry instead of adding a second.
        dossier.State.Entries.RemoveAll(e => e.Period == entry.Period);
        dossier.State.Entries.Add(entry);
        dossier.State.Entries.Sort((a, b) => string.CompareOrdinal(a.Period, b.Period));
        await dossier.WriteStateAsync();
    }

    public Task<IReadOnlyList<DossierEntry>> Entries() => Task.FromResult<IReadOnlyList<DossierEntry>>(dossier.State.Entries.ToList());
}
