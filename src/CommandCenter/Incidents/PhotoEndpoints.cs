using CommandCenter.Access;
using CommandCenter.Http;

namespace CommandCenter.Incidents;

public static class PhotoEndpoints
{
    public static void MapPhotoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/photos", async (HttpRequest request, PhotoStore photos, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            Stream content;
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(cancellationToken);
                if (form.Files.GetFile("file") is not { } file) return Problems.Field("file", "Send the image as the form field \"file\".");
                content = file.OpenReadStream();
            }
            else content = request.Body;
            var (name, refusal) = await photos.Save(content, user.Identity?.Name, cancellationToken);
            if (name is null) return refusal == PhotoStore.MaxWords
                ? Results.Problem(title: "Photo too large", detail: refusal, statusCode: StatusCodes.Status413PayloadTooLarge)
                : Problems.Field("file", refusal!);
            return Results.Created($"/api/photos/{name}", new { photo = name, url = $"/api/photos/{name}" });
        })
        .DisableAntiforgery()
        .NotGridScoped("an upload belongs to no grid until an action attaches it to an incident, which is scoped")
        .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(PhotoStore.MaxBytes + 64 * 1024))
        .WithTags("Incidents")
        .WithSummary("Upload a photo (JPEG, PNG or WebP, at most 5 MB) as form field \"file\" or as the raw body; attach its name to resolve.");

        app.MapGet("/api/photos/{name}", async (string name, PhotoStore photos, HttpResponse response, CancellationToken cancellationToken) =>
        {
            if (await photos.Open(name, cancellationToken) is not { } content) return Results.Problem(title: "Unknown photo", detail: $"No photo is named \"{name}\".", statusCode: 404);
            // Served as an inert image: never sniffed as something else, never run as a document.
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            response.Headers.CacheControl = "private, max-age=86400";
            return Results.Stream(content, PhotoStore.ContentType(name), enableRangeProcessing: true);
        })
        .WithTags("Incidents")
        .NotGridScoped("photos are named at random (unguessable) and reached only through an incident the account may see")
        .WithSummary("A stored photo, for the signed-in staff and workers.");

        app.MapGet("/api/photos/settings", (Microsoft.Extensions.Options.IOptions<PhotoOptions> options) => PhotoSettingsView.Of(options.Value))
            .WithTags("Incidents")
            .NotGridScoped("the center's photo settings are the same for everyone")
            .WithSummary("How a phone prepares photos (longer edge in pixels, JPEG quality) and the limits they are checked against (bytes, per action, per upload chunk).");

        app.MapPhotoUploads();
    }
}
