using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Api;

/// <summary>API test classes share one running center with the sample city loaded.</summary>
[CollectionDefinition(Name)]
public sealed class CenterCollection : ICollectionFixture<CenterFactory>
{
    public const string Name = "center";
}
