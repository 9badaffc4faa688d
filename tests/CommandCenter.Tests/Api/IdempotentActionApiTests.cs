using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Api;

/// <summary>A phone's outbox sends queued actions with an Idempotency-Key: a retry gets the first answer and acts nothing twice.</summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class IdempotentActionApiTests(CenterFactory center)
{
    private static async Task<string> Dispatched(HttpClient operatorClient, string memberId)
    {
        var (lat, lon) = SampleCity.NextPoint();
        var created = await operatorClient.PostAsJsonAsync("/api/incidents", new { category = "E0102", lat, lon, description = "路边有暴露垃圾", channel = "hotline" });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await operatorClient.PostAsJsonAsync($"/api/incidents/{id}/actions/dispatch", new { memberId })).EnsureSuccessStatusCode();
        return id;
    }

    private static Task<HttpResponseMessage> Act(HttpClient client, string id, string action, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{id}/actions/{action}") { Content = JsonContent.Create(body) };
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    // The ledger names actions as the enum does (Accept); the API's words are lower case (accept).
    private static async Task<int> Count(HttpClient client, string id, string action) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/events")).EnumerateArray()
            .Count(e => string.Equals(e.GetProperty("action").GetString(), action, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task An_accept_sent_twice_with_one_key_is_taken_once_and_answered_the_same_both_times()
    {
        var operatorClient = await center.ClientFor("operator1");
        var worker = await center.ClientFor("M00074");
        var id = await Dispatched(operatorClient, "M00074");
        var key = Guid.NewGuid().ToString();

        var first = await Act(worker, id, "accept", new { }, key);
        var retry = await Act(worker, id, "accept", new { }, $"\"{key}\"");

        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        retry.StatusCode.Should().Be(HttpStatusCode.OK, await retry.Content.ReadAsStringAsync());
        (await retry.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync(), "the retry gets the first answer");
        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString().Should().Be("handling");
        (await Count(operatorClient, id, "accept")).Should().Be(1);
        var timeline = (await operatorClient.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}")).GetProperty("timeline").EnumerateArray();
        timeline.Count(e => e.GetProperty("action").GetString() == "accept").Should().Be(1);
        var ledger = (await worker.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/events")).EnumerateArray().ToList();
        ledger.Single(e => e.GetProperty("action").GetString() == "Accept").GetProperty("requestKey").GetString().Should().Be(key, "the key is kept as sent");
    }

    [Fact]
    public async Task The_key_of_an_accept_sent_again_with_a_resolve_is_refused_naming_the_header()
    {
        var operatorClient = await center.ClientFor("operator1");
        var worker = await center.ClientFor("M00075");
        var id = await Dispatched(operatorClient, "M00075");
        var key = Guid.NewGuid().ToString();
        (await Act(worker, id, "accept", new { }, key)).StatusCode.Should().Be(HttpStatusCode.OK);

        var resolve = await Act(worker, id, "resolve", new { note = "已清理" }, key);

        resolve.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, await resolve.Content.ReadAsStringAsync());
        var problem = await resolve.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty("Idempotency-Key", out _).Should().BeTrue();
        problem.GetProperty("detail").GetString().Should().Contain("new key");
        (await Count(operatorClient, id, "resolve")).Should().Be(0);
        (await Act(worker, id, "resolve", new { note = "已清理" }, Guid.NewGuid().ToString())).StatusCode.Should().Be(HttpStatusCode.OK, "a new key is a new request");
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("tab\there")]
    [InlineData("long")]
    public async Task A_bad_key_is_a_400_naming_the_header_and_nothing_is_written(string key)
    {
        var operatorClient = await center.ClientFor("operator1");
        var worker = await center.ClientFor("M00074");
        var id = await Dispatched(operatorClient, "M00074");
        if (key == "long") key = new string('k', 256);

        var response = await Act(worker, id, "accept", new { }, key);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _).Should().BeTrue();
        (await Count(operatorClient, id, "accept")).Should().Be(0);
        (await operatorClient.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}")).GetProperty("state").GetString().Should().Be("dispatched");
    }
}
