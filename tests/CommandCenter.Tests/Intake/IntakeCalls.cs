using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Intake;

/// <summary>The calls intake tests make: counting incidents, posting Open311 forms and signing webhooks as a sender would.</summary>
public static class IntakeCalls
{
    public const string ShanghaiLat = "31.2304", ShanghaiLon = "121.4737";

    /// <summary>How many incidents exist, as an operator sees the list.</summary>
    public static async Task<int> Total(CenterFactory center)
    {
        var client = await center.ClientFor("operator1");
        return (await client.GetFromJsonAsync<JsonElement>("/api/incidents?pageSize=1")).GetProperty("total").GetInt32();
    }

    public static async Task<JsonElement> Incident(CenterFactory center, string id) =>
        await (await center.ClientFor("operator1")).GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");

    /// <summary>
    /// A complete, valid Open311 request (rubbish in 徐霞客镇, at a point of its own so it duplicates
    /// nothing), with fields replaced or removed (null).
    /// </summary>
    public static Dictionary<string, string> Form(params (string Name, string? Value)[] changes)
    {
        var (lat, lon) = SampleCity.NextPoint();
        var form = new Dictionary<string, string>
        {
            ["api_key"] = CenterFactory.Open311ApiKey,
            ["service_code"] = "E0102",
            ["lat"] = lat.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            ["long"] = lon.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            ["address_string"] = "徐霞客镇璜塘大街 12 号",
            ["description"] = "路边堆着暴露垃圾",
            ["first_name"] = "三",
            ["last_name"] = "张",
            ["phone"] = "0510-86801234",
            ["email"] = "zhang.san@example.cn",
            ["media_url"] = "https://photos.example.cn/rubbish-12.jpg",
        };
        foreach (var (name, value) in changes)
            if (value is null) form.Remove(name); else form[name] = value;
        return form;
    }

    public static async Task<HttpResponseMessage> PostRequest(HttpClient client, string format, Dictionary<string, string> form, string? idempotencyKey = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, $"/open311/v2/requests.{format}") { Content = new FormUrlEncodedContent(form) };
        if (idempotencyKey is not null) message.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(message);
    }

    /// <summary>A medical-expense alert at a point of its own; without a description given, a unique one, so no two alerts share a signature by chance.</summary>
    public static string Alert(string? description = null, string category = "E0802", string? externalId = null)
    {
        var (lat, lon) = SampleCity.NextPoint();
        return JsonSerializer.Serialize(new
        {
            category, lat, lon, description = description ?? $"医疗费用救助预警：本月自付费用超过阈值（{Guid.NewGuid():N}）", externalId,
        });
    }

    /// <summary>"sha256=" + hex HMAC-SHA256 of "{timestamp}.{body}" under the secret, as the sender computes it.</summary>
    public static string Signature(string timestamp, string body, string secret = CenterFactory.WebhookSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    public static string Now(TimeSpan? shift = null) => (DateTimeOffset.UtcNow + (shift ?? TimeSpan.Zero)).ToUnixTimeSeconds().ToString();

    /// <summary>Posts an alert; signed properly unless a timestamp or signature is given (empty string: leave the header out).</summary>
    public static async Task<HttpResponseMessage> PostAlert(HttpClient client, string body, string? timestamp = null, string? signature = null,
        string source = CenterFactory.WebhookSource, string? idempotencyKey = null)
    {
        timestamp ??= Now();
        signature ??= Signature(timestamp, body);
        using var message = new HttpRequestMessage(HttpMethod.Post, $"/api/intake/webhooks/{source}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (timestamp.Length > 0) message.Headers.Add("X-Timestamp", timestamp);
        if (signature.Length > 0) message.Headers.Add("X-Signature", signature);
        if (idempotencyKey is not null) message.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(message);
    }
}
