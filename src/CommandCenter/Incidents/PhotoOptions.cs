using Microsoft.Extensions.Options;

namespace CommandCenter.Incidents;

/// <summary>
/// Section "Photos": how phones prepare a photo before it is queued and uploaded: the longer edge is downscaled to
/// <see cref="MaxEdge"/> pixels and the image re-encoded as JPEG at <see cref="Quality"/>. A 12-megapixel photo becomes a
/// few hundred KB a weak network can carry, and still shows a house number at the wall.
/// </summary>
public sealed class PhotoOptions
{
    public const string Section = "Photos";

    public int MaxEdge { get; set; } = 1600;

    public double Quality { get; set; } = 0.8;

    /// <summary>The settings are checked at start: a bad one stops the center with a message naming it.</summary>
    public static void Add(IServiceCollection services, IConfiguration configuration) =>
        services.AddOptions<PhotoOptions>().Bind(configuration.GetSection(Section))
            .Validate(o => o.MaxEdge is >= 320 and <= 8000, "Photos:MaxEdge must be from 320 to 8000 pixels.")
            .Validate(o => o.Quality is >= 0.3 and <= 0.95, "Photos:Quality must be from 0.3 to 0.95.")
            .ValidateOnStart();
}

/// <summary>What a phone needs to prepare and send photos: the downscale, and the center's limits it will be checked against.</summary>
public sealed record PhotoSettingsView(int MaxEdge, double Quality, long MaxBytes, int MaxPerAction, int ChunkMaxBytes)
{
    public static PhotoSettingsView Of(PhotoOptions options) =>
        new(options.MaxEdge, options.Quality, PhotoStore.MaxBytes, PhotoStore.MaxPerAction, PhotoUploads.ChunkMaxBytes);
}
