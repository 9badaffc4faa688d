using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CommandCenter.Simulator;

/// <summary>The center's public HTTP API, as each kind of person uses it.</summary>
public sealed class CenterApi(SimulationOptions options)
{
    private readonly Dictionary<string, HttpClient> clients = new();
    private static readonly SocketsHttpHandler Handler = new() { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };

    public int Errors;
    public System.Collections.Concurrent.ConcurrentDictionary<string, int> ErrorKinds { get; } = new();

    private void Failed(string what)
    {
        Interlocked.Increment(ref Errors);
        ErrorKinds.AddOrUpdate(what, 1, (_, n) => n + 1);
    }

    private static string Shape(string path) => System.Text.RegularExpressions.Regex.Replace(path.Split('?')[0], "JY-\\d{8}-\\d{6}|M\\d{5}", "{id}");

    public async Task<string> SignIn(string username, string password)
    {
        var http = new HttpClient(Handler, disposeHandler: false) { BaseAddress = options.Center, Timeout = TimeSpan.FromSeconds(60) };
        var response = await http.PostAsJsonAsync("/api/auth/token", new { username, password });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Sign-in of {username} failed ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}. Start the center with Samples__DemoPassword and Auth__BootstrapAdminPassword set (see README).");
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        clients[username] = http;
        return token;
    }

    public HttpClient As(string username) => clients[username];

    private string? open311Key = options.Open311Key, webhookSource = options.WebhookSource, webhookSecret = options.WebhookSecret;

    /// <summary>
    /// Credentials not given on the command line are read as the admin from the center, which generated
    /// them at its first start; without them Open311 and sensor reports go in as hotline calls.
    /// </summary>
    public async Task<string> LearnIntakeCredentials()
    {
        if (open311Key is null || webhookSecret is null)
        {
            var credentials = await Get("admin", "/api/intake/credentials");
            foreach (var c in credentials?.EnumerateArray() ?? default)
            {
                if (c.GetProperty("value").GetString() is not { } value) continue;
                var (channel, name) = (c.GetProperty("channel").GetString(), c.GetProperty("name").GetString());
                if (channel == "open311") open311Key ??= value;
                else if (channel == "webhook" && webhookSecret is null && (webhookSource is null || webhookSource == name)) (webhookSource, webhookSecret) = (name, value);
            }
        }
        return $"Open311 {(open311Key is null ? "off (no key)" : "on")}, sensors {(webhookSecret is null ? "off (no webhook secret)" : $"on (source {webhookSource})")}";
    }

    public async Task<JsonElement?> Get(string username, string path)
    {
        try
        {
            var response = await As(username).GetAsync(path);
            if (response.IsSuccessStatusCode) return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { Failed($"GET {Shape(path)} {e.GetType().Name}"); return null; }
        Failed($"GET {Shape(path)} failed");
        return null;
    }

    public async Task<(bool Ok, JsonElement Body)> Post(string username, string path, object body)
    {
        try
        {
            var response = await As(username).PostAsJsonAsync(path, body);
            var json = response.Content.Headers.ContentLength == 0 ? default : await response.Content.ReadFromJsonAsync<JsonElement>();
            if (!response.IsSuccessStatusCode)
                Failed($"POST {Shape(path)} {(int)response.StatusCode} {(json.ValueKind == JsonValueKind.Object && json.TryGetProperty("detail", out var d) ? d.GetString() : "")}");
            return (response.IsSuccessStatusCode, json);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            Failed($"POST {Shape(path)} {e.GetType().Name}");
            return (false, default);
        }
    }

    public async Task<bool> Put(string username, string path, object body)
    {
        try { return (await As(username).PutAsJsonAsync(path, body)).IsSuccessStatusCode; }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { Interlocked.Increment(ref Errors); return false; }
    }

    /// <summary>Reports through a channel as that channel really reaches the center; answers the case number.</summary>
    public async Task<string?> Report(string channel, string category, double lat, double lon, string description)
    {
        if (channel == "open311" && open311Key is { } key)
        {
            var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["api_key"] = key, ["service_code"] = category, ["lat"] = Inv(lat), ["long"] = Inv(lon), ["description"] = description,
            });
            try
            {
                var response = await As("admin").PostAsync("/open311/v2/requests.json", form);
                if (!response.IsSuccessStatusCode) { Interlocked.Increment(ref Errors); return null; }
                return (await response.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("service_request_id").GetString();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { Interlocked.Increment(ref Errors); return null; }
        }
        if (channel == "sensor" && webhookSource is { } source && webhookSecret is { } secret)
        {
            var body = JsonSerializer.Serialize(new { category, lat, lon, description, externalId = Guid.NewGuid().ToString("N") });
            var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();
            var signature = Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"))).ToLowerInvariant();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/intake/webhooks/{source}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Timestamp", timestamp);
            request.Headers.Add("X-Signature", "sha256=" + signature);
            try
            {
                var response = await As("admin").SendAsync(request);
                if (!response.IsSuccessStatusCode) { Interlocked.Increment(ref Errors); return null; }
                return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { Interlocked.Increment(ref Errors); return null; }
        }
        var who = channel == "worker-app" ? "admin" : "operator1";
        var (ok, answer) = await Post(who, "/api/incidents", new { category, lat, lon, description, channel = channel is "open311" or "sensor" ? "hotline" : channel });
        return ok ? answer.GetProperty("id").GetString() : null;
    }

    private static string Inv(double value) => value.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);
}
