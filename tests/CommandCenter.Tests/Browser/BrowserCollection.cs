namespace CommandCenter.Tests.Browser;

/// <summary>
/// Browser tests share one running center and one Chromium. They run alone (not beside other test
/// classes): a headless browser rendering WebGL in software needs the machine's two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<WallFixture>
{
    public const string Name = "browser";
}
