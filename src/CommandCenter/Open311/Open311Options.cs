namespace CommandCenter.Open311;

/// <summary>Section "Open311": who may post through the public GeoReport v2 API and what it shows.</summary>
public sealed class Open311Options
{
    public const string Section = "Open311";

    /// <summary>The api_key values that may post requests (env Open311__ApiKeys__0, …). None: posting is closed.</summary>
    public string[] ApiKeys { get; set; } = [];

    /// <summary>
    /// Channels whose incidents the public API lists. Default: only what came in through Open311 itself;
    /// hotline calls and sensor alerts (e.g. about a person's medical expenses) were not told to the public.
    /// </summary>
    public string[] PublicChannels { get; set; } = [];

    public IReadOnlyList<string> ChannelsShown => PublicChannels.Length > 0 ? PublicChannels : [Open311Endpoints.Channel];
}
