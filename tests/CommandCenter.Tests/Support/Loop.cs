using System.Net.Http.Json;
using System.Text.Json;

namespace CommandCenter.Tests.Support;

/// <summary>Walks incidents through the API: report, and the whole loop up to filed.</summary>
public sealed class Loop(HttpClient operatorClient, HttpClient supervisor, Func<string, Task<HttpClient>> worker)
{
    public static async Task<Loop> For(CenterFactory center) =>
        new(await center.ClientFor("operator1"), await center.ClientFor("supervisor1"), id => center.ClientFor(id));

    public async Task<string> Report(string note = "loop")
    {
        var (lat, lon) = SampleCity.NextPoint();
        var response = await operatorClient.PostAsJsonAsync("/api/incidents", new
        {
            category = "E0102", lat, lon, description = note, channel = "hotline",
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public async Task<string> Filed(string memberId = "M00020", int satisfaction = 5)
    {
        var id = await Report();
        var hand = await worker(memberId);
        await Act(operatorClient, id, "dispatch", new { memberId });
        await Act(hand, id, "accept", new { });
        await Act(hand, id, "resolve", new { note = "已处理" });
        await Act(supervisor, id, "verify", new { passed = true });
        await Act(operatorClient, id, "evaluate", new { satisfaction });
        return id;
    }

    private static async Task Act(HttpClient client, string id, string action, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/incidents/{id}/actions/{action}", body);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{action} on {id}: {await response.Content.ReadAsStringAsync()}");
    }
}
