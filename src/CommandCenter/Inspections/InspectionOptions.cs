using CommandCenter.Grains.Inspections;

namespace CommandCenter.Inspections;

/// <summary>
/// Section "Inspections": how many checks a town gets a month (<c>PerTownPerMonth</c>, or the town's own figure under
/// <c>PerTown:{townId}</c>), how many one run may draw per town (<c>PerTownPerRun</c>, so the daily draw spreads them over
/// the month), and what a failed check does (<c>OnFailure</c>: <c>rework</c> or <c>new-case</c>). A bad value stops the start.
/// </summary>
public sealed class InspectionOptions
{
    public const string Section = "Inspections";

    public int PerTownPerMonth { get; set; } = 3;
    public int PerTownPerRun { get; set; } = 1;
    public Dictionary<string, int> PerTown { get; set; } = new(StringComparer.Ordinal);
    public string OnFailure { get; set; } = "rework";

    public OnFailure FailureSetting => InspectionFailure.TryParse(OnFailure, out var setting) ? setting : Grains.Inspections.OnFailure.Rework;

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (PerTownPerMonth < 0) problems.Add($"Inspections:PerTownPerMonth must be 0 or more, not {PerTownPerMonth}.");
        if (PerTownPerRun < 1) problems.Add($"Inspections:PerTownPerRun must be 1 or more, not {PerTownPerRun}.");
        problems.AddRange(PerTown.Where(t => t.Value < 0).Select(t => $"Inspections:PerTown:{t.Key} must be 0 or more, not {t.Value}."));
        if (!InspectionFailure.TryParse(OnFailure, out _))
            problems.Add($"Inspections:OnFailure must be one of {string.Join(", ", InspectionFailure.Words)}, not \"{OnFailure}\".");
        return problems;
    }

    public static InspectionOptions Read(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<InspectionOptions>() ?? new InspectionOptions();
        if (options.Problems() is { Count: > 0 } problems)
            throw new InvalidOperationException("Inspection settings are invalid: " + string.Join(" ", problems));
        return options;
    }
}
