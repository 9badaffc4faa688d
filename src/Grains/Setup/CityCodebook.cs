namespace CommandCenter.Grains.Setup;

/// <summary>One saved SLA policy: the whole policy document as written, who saved it, when and why.</summary>
[GenerateSerializer, Alias("PolicyVersion")]
public sealed record PolicyVersion(
    [property: Id(0)] int Number,
    [property: Id(1)] string Json,
    [property: Id(2)] string SavedBy,
    [property: Id(3)] DateTimeOffset SavedAt,
    [property: Id(4)] string Note);

/// <summary>
/// What a city has written down about itself, as documents in the shape of its data files (city.json,
/// categories.json, sla-policy.json): the pure readers check them, the center keeps them. Every save bumps
/// <see cref="Revision"/>, which the nodes watch to pick a change up. Policies are never replaced, only
/// followed by a newer version (the last is in force).
/// </summary>
[GenerateSerializer, Alias("CityCodebook")]
public sealed record CityCodebook(
    [property: Id(0)] long Revision,
    [property: Id(1)] string CityJson,
    [property: Id(2)] string CatalogueJson,
    [property: Id(3)] IReadOnlyList<PolicyVersion> Policies,
    [property: Id(4)] bool CityConfirmed)
{
    public PolicyVersion CurrentPolicy => Policies[^1];
}

/// <summary>A change to the codebook; null parts stay as they are.</summary>
[GenerateSerializer, Alias("CodebookChange")]
public sealed record CodebookChange(
    [property: Id(0)] long ExpectedRevision,
    [property: Id(1)] string? CityJson,
    [property: Id(2)] string? CatalogueJson,
    [property: Id(3)] string? PolicyJson,
    [property: Id(4)] string Actor,
    [property: Id(5)] string Note);
