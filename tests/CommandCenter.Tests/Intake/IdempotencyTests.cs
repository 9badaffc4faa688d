using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommandCenter.Tests.Api;
using CommandCenter.Tests.Support;
using static CommandCenter.Tests.Intake.IntakeCalls;

namespace CommandCenter.Tests.Intake;

/// <summary>A retried submission with the same Idempotency-Key gets the same case; the key with another request is a 422.</summary>
[Trait("Category", "InProcess")]
[Collection(CenterCollection.Name)]
public class IdempotencyTests(CenterFactory center)
{
    /// <summary>A report at a point of its own (so it duplicates nothing); a retry sends this same object again.</summary>
    private static object Report(string description = "路边有暴露垃圾")
    {
        var (lat, lon) = SampleCity.NextPoint();
        return new { category = "E0102", lat, lon, description, channel = "hotline" };
    }

    private static async Task<HttpResponseMessage> PostReport(HttpClient client, object body, string key)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/incidents") { Content = JsonContent.Create(body) };
        message.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(message);
    }

    [Fact]
    public async Task A_retried_report_returns_the_same_case_and_creates_nothing_new()
    {
        var client = await center.ClientFor("operator1");
        var key = Guid.NewGuid().ToString();
        var report = Report();
        var first = await PostReport(client, report, key);
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var before = await Total(center);

        var retry = await PostReport(client, report, key);

        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        (await retry.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        retry.Headers.Location.Should().Be(first.Headers.Location);
        retry.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await Total(center)).Should().Be(before);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_422_naming_the_header_and_creates_nothing()
    {
        var client = await center.ClientFor("operator1");
        var key = Guid.NewGuid().ToString();
        (await PostReport(client, Report(), key)).StatusCode.Should().Be(HttpStatusCode.Created);
        var before = await Total(center);

        var other = await PostReport(client, Report("另一处暴露垃圾"), key);

        other.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _).Should().BeTrue();
        (await Total(center)).Should().Be(before);
    }

    [Fact]
    public async Task Keys_belong_to_their_caller()
    {
        var key = Guid.NewGuid().ToString();
        var mine = await PostReport(await center.ClientFor("operator1"), Report(), key);
        var (lat, lon) = SampleCity.NextPoint();
        var theirs = await PostReport(await center.ClientFor("M00030"), new { category = "E0102", lat, lon, description = "路边有暴露垃圾", channel = "worker-app" }, key);

        theirs.StatusCode.Should().Be(HttpStatusCode.Created);
        (await theirs.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()
            .Should().NotBe((await mine.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_double_submission_at_the_same_instant_opens_one_case()
    {
        var client = await center.ClientFor("operator1");
        var key = Guid.NewGuid().ToString();
        var before = await Total(center);
        var report = Report("同时提交两次");

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostReport(client, report, key)));

        answers.Should().OnlyContain(a => a.StatusCode == HttpStatusCode.Created);
        var ids = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()));
        ids.Distinct().Should().ContainSingle();
        (await Total(center)).Should().Be(before + 1);
    }

    [Fact]
    public async Task A_bad_key_is_a_400_naming_the_header()
    {
        var response = await PostReport(await center.ClientFor("operator1"), Report(), new string('k', 300));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _).Should().BeTrue();
    }

    [Fact]
    public async Task A_retried_open311_request_returns_the_same_request_id()
    {
        var key = Guid.NewGuid().ToString();
        var form = Form(("description", "重试的 Open311 请求"));
        var first = await PostRequest(center.CreateClient(), "xml", form, key);
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        var before = await Total(center);

        var retry = await PostRequest(center.CreateClient(), "xml", form, key);
        var other = await PostRequest(center.CreateClient(), "xml", Form(("description", "别的内容")), key);

        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        (await retry.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        other.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await other.Content.ReadAsStringAsync()).Should().Contain("<code>422</code>").And.Contain("Idempotency-Key");
        (await Total(center)).Should().Be(before);
    }

    [Fact]
    public async Task A_resent_alert_signed_afresh_returns_the_same_case_by_key_or_by_its_external_id()
    {
        var body = Alert("重发的预警");
        var key = Guid.NewGuid().ToString();
        // Sent a minute ago, resent now: another timestamp, so another signature.
        var first = await PostAlert(center.CreateClient(), body, Now(TimeSpan.FromMinutes(-1)), idempotencyKey: key);
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var withId = Alert("带外部编号的预警", externalId: $"MED-{Guid.NewGuid():N}");
        var firstWithId = await PostAlert(center.CreateClient(), withId, Now(TimeSpan.FromMinutes(-1)));
        var before = await Total(center);

        var resent = await PostAlert(center.CreateClient(), body, idempotencyKey: key);
        var resentWithId = await PostAlert(center.CreateClient(), withId);

        resent.StatusCode.Should().Be(HttpStatusCode.Created);
        (await resent.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        resentWithId.StatusCode.Should().Be(HttpStatusCode.Created);
        (await resentWithId.Content.ReadAsStringAsync()).Should().Be(await firstWithId.Content.ReadAsStringAsync());
        (await Total(center)).Should().Be(before);
    }
}
