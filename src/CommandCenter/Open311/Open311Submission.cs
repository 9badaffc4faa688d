using System.Globalization;
using System.Text;
using System.Text.Json;
using CommandCenter.Grains.Catalogue;
using CommandCenter.Grains.Incidents;
using CommandCenter.Http;
using CommandCenter.Intake;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CommandCenter.Open311;

/// <summary>
/// A posted service request (POST requests.json|xml), checked field by field. The body is form-encoded as
/// the spec says, or a JSON object with the same field names. A request must be placed on a grid: by lat and
/// long, or by an address_string the city's gazetteer places with confidence. Unknown fields (attribute[…], device_id, account_id) are ignored.
/// </summary>
public sealed record Open311Submission(
    Category Category, double Lat, double Long, string? Address, string Description, string? ReporterName, string? Phone, string? MediaUrl)
{
    public const int MaxDescription = 4_000;   // the spec's own limit
    public const int MaxUrl = 500;

    /// <summary>
    /// The request's fields: the body's, with the query string's where the body gives none (the spec's Swagger
    /// declares POST parameters in the query), or what keeps the body from being read.
    /// </summary>
    public static (IReadOnlyDictionary<string, string>? Form, string? Problem) Read(HttpRequest request, byte[] body)
    {
        var (form, problem) = ReadBody(request, body);
        if (form is null) return (form, problem);
        var merged = new Dictionary<string, string>(form, StringComparer.Ordinal);
        foreach (var (name, values) in request.Query)
            if (!merged.ContainsKey(name) && values.ToString() is { } value) merged[name] = value;
        return (merged, null);
    }

    private static (IReadOnlyDictionary<string, string>? Form, string? Problem) ReadBody(HttpRequest request, byte[] body)
    {
        var type = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value?.ToLowerInvariant() : null;
        if (body.Length == 0 && type is null) return (new Dictionary<string, string>(), null);
        try
        {
            if (type == "application/x-www-form-urlencoded")
            {
                var form = new FormReader(Encoding.UTF8.GetString(body)).ReadForm();
                return (form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal), null);
            }
            if (type is not null && (type == "application/json" || type.EndsWith("+json", StringComparison.Ordinal)))
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind != JsonValueKind.Object) return (null, "The JSON body must be an object of request fields.");
                var fields = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    var text = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                        _ => null,
                    };
                    if (text is not null) fields[property.Name] = text;
                }
                return (fields, null);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            return (null, $"The body cannot be read as {type}.");
        }
        return (null, "Send the request fields as application/x-www-form-urlencoded (or application/json).");
    }

    /// <summary>The submission, or null after adding to <paramref name="fields"/> what is wrong, naming each field.</summary>
    /// <param name="locate">The gazetteer's one confident place for an address, or null (<see cref="CommandCenter.Grains.Places.Gazetteer.Resolve"/>).</param>
    public static Open311Submission? Check(IReadOnlyDictionary<string, string> form, CategoryCatalogue catalogue, Fields fields,
        Func<string, CommandCenter.Grains.Places.PlacePoint?> locate)
    {
        string? Text(string name) => form.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        string? Bounded(string name, int max)
        {
            var value = Text(name);
            if (value is { Length: var length } && length > max) fields.Add(name, $"At most {max} characters, not {length}.");
            return value;
        }

        var code = Text("service_code");
        var category = code is null ? null : catalogue.ForNewReport(code);
        if (code is null) fields.Add("service_code", "Required: a service_code from services.json.");
        else if (category is null) fields.Add("service_code", $"Unknown service_code \"{code}\"; see services.json.");
        double lat, lon;
        if (Text("lat") is null && Text("long") is null && Text("address_string") is { } addressOnly)
        {
            // The spec allows a request placed by address_string alone: the city's gazetteer places it when one
            // place matches with confidence; otherwise a person must give the position.
            if (addressOnly.Length <= ReporterChecks.MaxAddress && locate(addressOnly) is { } found) (lat, lon) = (found.Lat, found.Lon);
            else
            {
                fields.Add("address_string", $"No place of the city matches \"{(addressOnly.Length > 60 ? addressOnly[..60] + "…" : addressOnly)}\" with confidence; " +
                    "give lat and long (WGS-84), or the exact name of a road, community, landmark or grid.");
                return null;
            }
        }
        else
        {
            lat = Coordinate(fields, "lat", Text("lat"), 90);
            lon = Coordinate(fields, "long", Text("long"), 180);
        }
        var address = Bounded("address_string", ReporterChecks.MaxAddress);
        var description = Bounded("description", MaxDescription);
        var name = ReporterChecks.FullName(Bounded("first_name", ReporterChecks.MaxName), Bounded("last_name", ReporterChecks.MaxName));
        var phone = Text("phone");
        if (phone is not null && !ReporterChecks.IsPhoneNumber(phone)) fields.Add("phone", "A phone number: digits, spaces, dashes, brackets and a leading +, at most 30.");
        var media = Bounded("media_url", MaxUrl);
        if (media is not null && !(Uri.TryCreate(media, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            fields.Add("media_url", "An absolute http or https address of the photo.");
        if (fields.Any) return null;
        return new Open311Submission(category!, lat, lon, address, description ?? category!.Name, name, phone, media);
    }

    public IncidentReport Report() => new(Category.Code, Category.DefaultPriority, Description, Open311Endpoints.Channel, Lat, Long, Address,
        ReporterName, Phone, MediaUrl is null ? null : [MediaUrl]);

    private static double Coordinate(Fields fields, string name, string? text, double limit)
    {
        if (text is null)
        {
            fields.Add(name, $"Required: {(limit == 90 ? "the latitude" : "the longitude")} in decimal degrees (WGS-84).");
            return double.NaN;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && Math.Abs(value) <= limit)
            return value;
        fields.Add(name, $"Must be a number from -{limit} to {limit}, not \"{text}\".");
        return double.NaN;
    }
}
