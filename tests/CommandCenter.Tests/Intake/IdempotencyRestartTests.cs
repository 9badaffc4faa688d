using System.Net;
using System.Net.Http.Json;
using CommandCenter.Tests.Support;

namespace CommandCenter.Tests.Intake;

/// <summary>Idempotency keys are durable: a retry after a restart still gets the first answer.</summary>
[Trait("Category", "InProcess")]
public class IdempotencyRestartTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "cc-idempotency", Guid.NewGuid().ToString("N"));

    private static async Task<HttpResponseMessage> Post(CenterFactory center, string key)
    {
        var client = await center.ClientFor("operator1");
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/incidents")
        {
            Content = JsonContent.Create(new { category = "E0102", lat = SampleCity.XuxiakeLat, lon = SampleCity.XuxiakeLon, description = "重启前提交" }),
        };
        message.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(message);
    }

    [Fact]
    public async Task A_retry_after_a_restart_returns_the_same_case()
    {
        var key = Guid.NewGuid().ToString();
        string first;
        using (var center = new CenterFactory(data))
        {
            var response = await Post(center, key);
            response.StatusCode.Should().Be(HttpStatusCode.Created);
            first = await response.Content.ReadAsStringAsync();
        }

        using var restarted = new CenterFactory(data);
        var before = await IntakeCalls.Total(restarted);
        var retry = await Post(restarted, key);

        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        (await retry.Content.ReadAsStringAsync()).Should().Be(first);
        (await IntakeCalls.Total(restarted)).Should().Be(before);
    }

    public void Dispose()
    {
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    }
}
