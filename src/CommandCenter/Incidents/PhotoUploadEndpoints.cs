using System.Globalization;
using System.Security.Claims;
using CommandCenter.Access;
using CommandCenter.Http;

namespace CommandCenter.Incidents;

/// <summary>Resumable photo uploads (<see cref="PhotoUploads"/>) and a photo's facts, over HTTP.</summary>
public static class PhotoUploadEndpoints
{
    public const string OffsetHeader = "Upload-Offset";

    private static readonly string[] ChunkTypes = ["application/offset+octet-stream", "application/octet-stream"];

    public static void MapPhotoUploads(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/photos/uploads", async (PhotoUploads.Start? body, ClaimsPrincipal user, PhotoUploads uploads, CancellationToken cancellationToken) =>
        {
            body ??= new PhotoUploads.Start(null, null, null, null, null);
            var fields = uploads.Check(body, out var tooLarge);
            if (fields.Any) return fields.Result();
            if (tooLarge) return Named(StatusCodes.Status413PayloadTooLarge, "Photo too large", "size", $"{PhotoStore.MaxWords} This one has {body.Size} bytes.");
            var answer = await uploads.Begin(Account(user), body, cancellationToken);
            if (answer.Refusal == PhotoUploads.Refusal.SizeDiffers) return Named(StatusCodes.Status409Conflict, "Another size for a known upload", "size", answer.Message!);
            return answer.Created ? Results.Created($"/api/photos/uploads/{body.Id}", answer.Upload) : Results.Ok(answer.Upload);
        })
        .NotGridScoped("an upload belongs to its account and to no grid until an action attaches its photo to an incident, which is scoped")
        .WithTags("Incidents")
        .WithSummary($"Start a resumable photo upload: {{id ({PhotoUploads.IdRule}, chosen by the phone), size (bytes), takenAt, lat, lon (optional, from the photo)}}. " +
                     "201 with {id, size, received, photo, url}; the same id again answers its state (200), another size is a 409.");

        app.MapPatch("/api/photos/uploads/{id}", async (string id, HttpRequest request, ClaimsPrincipal user, PhotoUploads uploads, CancellationToken cancellationToken) =>
        {
            if (!PhotoUploads.CheckId(id, new Fields())) return UnknownUpload(id);
            if (!long.TryParse(request.Headers[OffsetHeader].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                return Problems.Field(OffsetHeader, $"Send the {OffsetHeader} header: the number of bytes the upload has (GET the upload to learn it).");
            var mediaType = request.ContentType?.Split(';')[0].Trim();
            if (!ChunkTypes.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
                return Results.Problem(title: "Unsupported chunk type", detail: $"Send the chunk's bytes as {string.Join(" or ", ChunkTypes)}.",
                    statusCode: StatusCodes.Status415UnsupportedMediaType);
            var chunk = await ReadChunk(request.Body, cancellationToken);
            if (chunk is null)
                return Named(StatusCodes.Status413PayloadTooLarge, "Chunk too large", "body", $"Send at most {PhotoUploads.ChunkMaxBytes} bytes (1 MiB) per request.");
            var answer = await uploads.Append(Account(user), id, offset, chunk, cancellationToken);
            return answer.Refusal switch
            {
                PhotoUploads.Refusal.Unknown => UnknownUpload(id),
                PhotoUploads.Refusal.OffsetDiffers => Results.Problem(title: "Not where the upload stands", detail: answer.Message, statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["received"] = answer.Upload!.Received }),
                PhotoUploads.Refusal.BeyondSize => Problems.Field("body", answer.Message!),
                PhotoUploads.Refusal.NotAnImage => Problems.Field("file", $"{answer.Message} The upload was discarded; start a new one."),
                _ => Results.Ok(answer.Upload),
            };
        })
        .NotGridScoped("an upload is reached only by its own account (its id is namespaced by the account) and belongs to no grid")
        .WithTags("Incidents")
        .WithSummary($"Send the next chunk of an upload (at most 1 MiB, {string.Join(" or ", ChunkTypes)}) at {OffsetHeader}: the bytes it has. " +
                     "Another offset is a 409 whose `received` says where to resume; the last chunk stores the photo (200 with photo and url).");

        app.MapGet("/api/photos/uploads/{id}", async (string id, ClaimsPrincipal user, PhotoUploads uploads, CancellationToken cancellationToken) =>
            PhotoUploads.CheckId(id, new Fields()) && await uploads.Find(Account(user), id, cancellationToken) is { } upload
                ? Results.Ok(upload)
                : UnknownUpload(id))
        .NotGridScoped("an upload is reached only by its own account (its id is namespaced by the account) and belongs to no grid")
        .WithTags("Incidents")
        .WithSummary("Where an upload stands: {id, size, received, photo, url}; the photo once complete.");

        app.MapGet("/api/photos/{name}/facts", async (string name, PhotoStore photos, CancellationToken cancellationToken) =>
            await photos.FactsOf(name, cancellationToken) is { } facts
                ? Results.Ok(facts)
                : Results.Problem(title: "Unknown photo", detail: $"No photo is named \"{name}\".", statusCode: 404))
        .NotGridScoped("photos are named at random (unguessable) and reached only through an incident the account may see")
        .WithTags("Incidents")
        .WithSummary("What is known of a photo: when and where it was taken (from the phone), its size in bytes and when it was uploaded; null what is unknown.");
    }

    private static string Account(ClaimsPrincipal user) => user.Identity?.Name ?? "";

    private static IResult UnknownUpload(string id) =>
        Results.Problem(title: "Unknown upload", detail: $"No upload of yours has the id \"{id}\"; start it with POST /api/photos/uploads.", statusCode: 404);

    /// <summary>A problem with another status than 400 that still names the field, as the validation problems do.</summary>
    private static IResult Named(int status, string title, string field, string message) => Results.Problem(title: title, detail: $"{field}: {message}", statusCode: status,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    /// <summary>The request's bytes, or null when they run past one chunk's limit.</summary>
    private static async Task<byte[]?> ReadChunk(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var block = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(block, cancellationToken)) > 0)
        {
            if (buffer.Length + read > PhotoUploads.ChunkMaxBytes) return null;
            buffer.Write(block, 0, read);
        }
        return buffer.ToArray();
    }
}
