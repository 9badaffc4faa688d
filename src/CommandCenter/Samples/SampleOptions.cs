namespace CommandCenter.Samples;

/// <summary>Section "Samples".</summary>
public sealed class SampleOptions
{
    public const string Section = "Samples";

    /// <summary>Load the sample city into a fresh data directory.</summary>
    public bool LoadOnFirstStart { get; set; } = true;

    /// <summary>The sample city's folder; relative paths are taken from the content root.</summary>
    public string CityDirectory { get; set; } = "../../samples/Jiangyin";

    /// <summary>Password of all demo accounts; when empty one is generated and printed once.</summary>
    public string? DemoPassword { get; set; }
}
